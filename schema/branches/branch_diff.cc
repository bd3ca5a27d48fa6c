#include "schema/branches/branch_diff.h"

#include "schema/store/service_error.h"

#if TESSERA_HAVE_SCHEMA_DIFF
#include "schema/diff/diff.h"
#include "schema/model/schema.h"
#endif
#if TESSERA_HAVE_SCHEMA_LINT
#include "schema/lint/lint.h"
#endif

namespace tessera::schema {

Result<BranchDiff> DiffBranch(BranchCatalog& catalog, const std::string& keyspace,
                              const std::string& branch) {
  auto record = catalog.Get(keyspace, branch);
  if (!record.ok()) return record.error();
  if (record->parent.empty()) {
    return InvalidArgument("branch " + branch + " has no parent to compare with");
  }
  auto parent_schema = catalog.CurrentSchema(keyspace, record->parent);
  if (!parent_schema.ok()) return parent_schema.error();
  auto branch_schema = catalog.CurrentSchema(keyspace, branch);
  if (!branch_schema.ok()) return branch_schema.error();
  BranchDiff diff;
  diff.keyspace = keyspace;
  diff.branch = branch;
  diff.parent = record->parent;
#if TESSERA_HAVE_SCHEMA_DIFF
  auto from = ParseSchema(*parent_schema);
  if (!from.ok()) return WithContext("schema of branch " + record->parent, from.error());
  auto to = ParseSchema(*branch_schema);
  if (!to.ok()) return WithContext("schema of branch " + branch, to.error());
  diff.ddl = DiffSchemas(*from, *to);
  diff.unified = UnifiedSchemaDiff(*from, *to);
#if TESSERA_HAVE_SCHEMA_LINT
  for (const auto& finding : LintChange(*from, *to)) {
    diff.lint.push_back(BranchLintFinding{finding.code, std::string(SeverityName(finding.severity)),
                                          finding.table, finding.message, finding.columns});
  }
#endif
  return diff;
#else
  return Error::Internal("schema diff is not available in this build (schema/diff is missing)");
#endif
}

}  // namespace tessera::schema
