// Random schemas for the diff property test: tables with columns of many
// types, keys (primary, unique, plain, fulltext, prefix, DESC), foreign keys
// and options, and random mutations of them. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <random>

#include "common/error.h"
#include "schema/model/schema.h"

namespace tessera::schema::testing {

class RandomSchemaGenerator {
 public:
  explicit RandomSchemaGenerator(uint32_t seed) : rng_(seed) {}

  // A schema of 1..5 tables, in canonical form.
  Result<Schema> NewSchema();
  // `schema` with tables added, dropped and changed; canonical form.
  Result<Schema> Mutate(const Schema& schema);

 private:
  int Uniform(int low, int high);  // inclusive
  bool Chance(int percent);
  Table NewTable(const std::string& name, const std::vector<std::string>& others);
  Column NewColumn(const std::string& name, const Table& table);
  void ChangeColumnType(Column& c, const Table& table);
  void AddRandomIndex(Table& t);
  void AddRandomForeignKey(Table& t, const std::vector<std::string>& others);
  void SetPrimaryKey(Table& t);
  void RandomOptions(Table& t);
  void MutateTable(Table& t, const std::vector<std::string>& others);
  std::string FreshName(const std::string& prefix);

  std::mt19937 rng_;
  int counter_ = 0;
};

// Round-trips every table through its CREATE TABLE text: the canonical form.
Result<Schema> Canonical(const Schema& schema);

}  // namespace tessera::schema::testing
