// DiffTables and DiffSchemas: statement order across tables.
#include <functional>
#include <set>

#include "schema/diff/diff.h"
#include "schema/diff/table_diff.h"

namespace tessera::schema {

namespace {
// `names` ordered so that a table comes after the tables (among `names`)
// its foreign keys reference; cycles are broken in name order.
std::vector<std::string> ParentsFirst(const Schema& schema, const std::set<std::string>& names) {
  std::vector<std::string> order;
  std::set<std::string> visited;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    if (!visited.insert(name).second) return;
    for (const auto& fk : schema.tables.at(name).foreign_keys) {
      if (fk.ref_schema.empty() && names.count(fk.ref_table)) visit(fk.ref_table);
    }
    order.push_back(name);
  };
  for (const auto& name : names) visit(name);
  return order;
}
}  // namespace

std::optional<std::string> DiffTables(const Table& from, const Table& to) {
  TableDiff diff{from.name, DiffTableChanges(from, to)};
  if (diff.changes.empty()) return std::nullopt;
  return diff.AlterStatement(to);
}

std::vector<std::string> DiffSchemas(const Schema& from, const Schema& to) {
  std::set<std::string> created;
  std::set<std::string> dropped;
  for (const auto& [name, table] : to.tables) {
    if (!from.tables.count(name)) created.insert(name);
  }
  for (const auto& [name, table] : from.tables) {
    if (!to.tables.count(name)) dropped.insert(name);
  }
  std::vector<std::string> out;
  for (const auto& name : ParentsFirst(to, created)) {
    out.push_back(to.tables.at(name).CreateStatement());
  }
  for (const auto& [name, table] : to.tables) {
    auto it = from.tables.find(name);
    if (it == from.tables.end()) continue;
    if (auto alter = DiffTables(it->second, table)) out.push_back(std::move(*alter));
  }
  const auto drop_order = ParentsFirst(from, dropped);
  for (auto it = drop_order.rbegin(); it != drop_order.rend(); ++it) {
    out.push_back("DROP TABLE " + QuoteName(*it));
  }
  return out;
}

}  // namespace tessera::schema
