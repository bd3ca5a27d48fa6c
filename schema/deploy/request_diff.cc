#include "schema/deploy/request_diff.h"

#include <cctype>

#include "common/ascii.h"

namespace tessera::schema {

Result<DeployDiff> DiffForDeploy(BranchCatalog& catalog, const std::string& keyspace,
                                 const std::string& branch, const std::string& into) {
  auto record = catalog.Get(keyspace, branch);
  if (!record.ok()) return record.error();
  auto branch_schema = catalog.CurrentSchema(keyspace, branch);
  if (!branch_schema.ok()) return branch_schema.error();
  auto into_schema = catalog.CurrentSchema(keyspace, into);
  if (!into_schema.ok()) return into_schema.error();
  return ComputeDeployDiff(record->base_schema, *branch_schema, *into_schema);
}

std::vector<std::string> DeployBlockers(const DeployDiff& diff, const std::string& branch,
                                        const std::string& into) {
  std::vector<std::string> out;
  if (diff.ddl.empty()) out.push_back("branch " + branch + " has no schema changes to deploy");
  for (const auto& f : diff.lint) {
    if (f.severity == "error")
      out.push_back("lint error " + f.code + " on table " + f.table + ": " + f.message);
  }
  for (const auto& table : diff.conflicts) {
    out.push_back("conflict: table " + table + " changed on " + into + " since branch " + branch +
                  " was created (reset the branch, or redo the change on a new branch)");
  }
  return out;
}

std::string StatementTable(std::string_view s) {
  size_t i = 0;
  auto skip_space = [&] {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  auto word = [&]() -> std::string {
    skip_space();
    size_t start = i;
    while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) ++i;
    return AsciiLower(s.substr(start, i - start));
  };
  std::string verb = word();
  if (verb != "create" && verb != "alter" && verb != "drop") return "";
  if (word() != "table") return "";
  skip_space();
  size_t saved = i;
  if (word() == "if") {
    if (word() == "not") word();  // exists
  } else {
    i = saved;
  }
  skip_space();
  std::string name;
  if (i < s.size() && s[i] == '`') {
    for (++i; i < s.size(); ++i) {
      if (s[i] == '`') {
        if (i + 1 < s.size() && s[i + 1] == '`') {
          name += '`';
          ++i;
          continue;
        }
        break;
      }
      name += s[i];
    }
    return name;
  }
  while (i < s.size() &&
         (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '$'))
    name += s[i++];
  return name;
}

}  // namespace tessera::schema
