// DeployDiff: what deploying a branch into its parent would change, computed
// from three schemas (pure, no I/O):
//   base   the parent's CREATE TABLE texts when the branch was made (or reset)
//   branch the branch's current CREATE TABLE texts
//   main   the parent's current CREATE TABLE texts
//
// Contract:
// - `tables`: the tables the branch changed relative to its base (created,
//   altered or dropped) whose definition production does not have yet,
//   sorted by name.
// - `conflicts`: the subset of `tables` that the parent changed since the
//   base too. A request with conflicts is not deployable: the branch's change
//   was written against a table definition production no longer has.
// - `ddl`, `unified`, `lint`: the change from the parent's current schema to
//   that schema with only `tables` replaced by the branch's versions, so that
//   parent changes to other tables are kept, never undone. Lint sees the
//   whole schema (foreign keys of untouched tables count).
// - `main_tables`: the parent's current canonical CREATE TABLE texts of
//   `tables` (those that exist), the snapshot a queued request re-checks.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "schema/branches/branch_diff.h"
#include "schema/model/schema.h"

namespace tessera::schema {

struct DeployDiff {
  std::vector<std::string> tables;
  std::vector<std::string> conflicts;
  std::vector<std::string> ddl;
  std::string unified;
  std::vector<BranchLintFinding> lint;
  std::vector<std::string> main_tables;

  bool HasLintErrors() const;
};

// Errors of the schema parser, prefixed with which schema could not be read.
Result<DeployDiff> ComputeDeployDiff(const std::vector<std::string>& base,
                                     const std::vector<std::string>& branch,
                                     const std::vector<std::string>& main);

// Canonical CREATE TABLE texts of those of `tables` that `schema` has, in
// the order of `tables`.
std::vector<std::string> TablesSnapshot(const Schema& schema,
                                        const std::vector<std::string>& tables);

}  // namespace tessera::schema
