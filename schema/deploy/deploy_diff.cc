#include "schema/deploy/deploy_diff.h"

#include <set>

#include "schema/diff/diff.h"
#include "schema/lint/lint.h"
#include "schema/store/service_error.h"

namespace tessera::schema {
namespace {

bool SameTable(const Schema& a, const Schema& b, const std::string& name) {
  const Table* x = a.FindTable(name);
  const Table* y = b.FindTable(name);
  if (x == nullptr || y == nullptr) return x == y;
  return *x == *y;
}

}  // namespace

bool DeployDiff::HasLintErrors() const {
  for (const auto& f : lint)
    if (f.severity == SeverityName(Severity::kError)) return true;
  return false;
}

std::vector<std::string> TablesSnapshot(const Schema& schema,
                                        const std::vector<std::string>& tables) {
  std::vector<std::string> out;
  for (const auto& name : tables)
    if (const Table* t = schema.FindTable(name)) out.push_back(t->CreateStatement());
  return out;
}

Result<DeployDiff> ComputeDeployDiff(const std::vector<std::string>& base_text,
                                     const std::vector<std::string>& branch_text,
                                     const std::vector<std::string>& main_text) {
  auto base = ParseSchema(base_text);
  if (!base.ok()) return WithContext("the branch's base schema", base.error());
  auto branch = ParseSchema(branch_text);
  if (!branch.ok()) return WithContext("the branch's schema", branch.error());
  auto main = ParseSchema(main_text);
  if (!main.ok()) return WithContext("the parent's schema", main.error());

  std::set<std::string> names;
  for (const auto& [name, table] : base->tables) names.insert(name);
  for (const auto& [name, table] : branch->tables) names.insert(name);

  DeployDiff diff;
  Schema target = *main;
  for (const auto& name : names) {
    if (SameTable(*base, *branch, name)) continue;
    // Production already has the branch's definition (deployed before, or
    // made the same change): nothing to deploy, nothing to conflict with.
    if (SameTable(*branch, *main, name)) continue;
    diff.tables.push_back(name);
    if (!SameTable(*base, *main, name)) diff.conflicts.push_back(name);
    if (const Table* t = branch->FindTable(name)) {
      target.tables.insert_or_assign(name, *t);
    } else {
      target.tables.erase(name);
    }
  }
  diff.ddl = DiffSchemas(*main, target);
  diff.unified = UnifiedSchemaDiff(*main, target);
  for (const auto& f : LintChange(*main, target)) {
    diff.lint.push_back(BranchLintFinding{f.code, std::string(SeverityName(f.severity)), f.table,
                                          f.message, f.columns});
  }
  diff.main_tables = TablesSnapshot(*main, diff.tables);
  return diff;
}

}  // namespace tessera::schema
