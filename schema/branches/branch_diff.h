// BranchDiff: what a branch changed relative to its parent's current schema,
// as the DDL that would turn the parent's schema into the branch's, a unified
// diff of the CREATE statements for people, and lint findings for the change.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "schema/branches/branch_catalog.h"

namespace tessera::schema {

struct BranchLintFinding {
  std::string code;
  std::string severity;
  std::string table;
  std::string message;
  std::vector<std::string> columns;  // add_unique_key: the key's columns
};

struct BranchDiff {
  std::string keyspace;
  std::string branch;
  std::string parent;
  std::vector<std::string> ddl;  // empty: no change
  std::string unified;           // "" when there is no change
  std::vector<BranchLintFinding> lint;
};

// InvalidArgument for a branch without a parent (main); errors of the
// catalog otherwise, or of the schema parser for a statement it cannot read.
Result<BranchDiff> DiffBranch(BranchCatalog& catalog, const std::string& keyspace,
                              const std::string& branch);

}  // namespace tessera::schema
