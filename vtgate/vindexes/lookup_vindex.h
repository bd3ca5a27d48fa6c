// LookupVindex: `lookup_unique` and `lookup`. A table in an unsharded
// keyspace maps a column's values to keyspace ids:
//   params: table (keyspace.table), from (the value column), to (the
//   keyspace id column, VARBINARY).
// The vindex is a secondary vindex of the one table that lists it (its
// owner); vtgate keeps the lookup table in step with the owner's rows: an
// INSERT adds (value, keyspace id) for every row with a non-NULL value, a
// DELETE removes the entries of the rows it deletes, both in the
// statement's transaction. `lookup_unique` maps a value to at most one
// keyspace id (its lookup table's key is `from`); `lookup` to several (key
// (from, to)). Mapping needs a query, so Map() is an error: routes ask the
// lookup table through their cursor (engine/route.cc).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

struct KeyspaceInfo;

class LookupVindex final : public Vindex {
 public:
  // Fails naming a missing or malformed parameter.
  static Result<std::unique_ptr<LookupVindex>> Create(
      bool unique, const std::map<std::string, std::string>& params);

  std::string_view type() const override { return unique_ ? "lookup_unique" : "lookup"; }
  int cost() const override { return unique_ ? 10 : 20; }
  bool is_unique() const override { return unique_; }
  Result<std::string> Map(const VindexValue& value) const override;

  const std::string& keyspace() const { return keyspace_; }
  const std::string& table() const { return table_; }
  const std::string& from() const { return from_; }
  const std::string& to() const { return to_; }
  // The unsharded keyspace of the lookup table; set when the VSchema is built.
  const KeyspaceInfo* home() const { return home_; }
  void set_home(const KeyspaceInfo* home) { home_ = home; }

 private:
  LookupVindex(bool unique, std::string keyspace, std::string table, std::string from,
               std::string to)
      : unique_(unique),
        keyspace_(std::move(keyspace)),
        table_(std::move(table)),
        from_(std::move(from)),
        to_(std::move(to)) {}

  bool unique_;
  std::string keyspace_, table_, from_, to_;
  const KeyspaceInfo* home_ = nullptr;
};

}  // namespace tessera::vtgate
