#include "vtgate/discovered_tables.h"

#include "vtgate/vschema.h"

namespace tessera::vtgate {
namespace {

bool SameDefinition(const TableInfo& a, const TableInfo& b) {
  if (a.vindexes.size() != b.vindexes.size()) return false;
  for (size_t i = 0; i < a.vindexes.size(); ++i) {
    if (a.vindexes[i].column != b.vindexes[i].column ||
        a.vindexes[i].vindex != b.vindexes[i].vindex)
      return false;
  }
  if (a.auto_increment.has_value() != b.auto_increment.has_value()) return false;
  return !a.auto_increment ||
         (a.auto_increment->column == b.auto_increment->column &&
          a.auto_increment->sequence_table == b.auto_increment->sequence_table);
}

}  // namespace

DiscoveredTables::DiscoveredTables() = default;
DiscoveredTables::~DiscoveredTables() = default;

const TableInfo* DiscoveredTables::Find(std::string_view name) const {
  std::lock_guard lock(mu_);
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second.get();
}

std::vector<std::string> DiscoveredTables::Names() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> names;
  for (const auto& [name, info] : tables_) names.push_back(name);
  return names;
}

void DiscoveredTables::Replace(std::vector<TableInfo> tables) {
  std::lock_guard lock(mu_);
  std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>> next;
  bool changed = false;
  for (auto& table : tables) {
    auto old = tables_.find(table.name);
    if (old != tables_.end() && SameDefinition(*old->second, table)) {
      next.emplace(table.name, old->second);
      continue;
    }
    changed = true;
    std::string name = table.name;
    next.emplace(std::move(name), std::make_shared<const TableInfo>(std::move(table)));
  }
  for (auto& [name, info] : tables_) {
    auto kept = next.find(name);
    if (kept != next.end() && kept->second == info) continue;
    changed = true;
    retired_.push_back(std::move(info));
  }
  tables_ = std::move(next);
  refresh_.Mark();
  if (changed) version_.fetch_add(1, std::memory_order_acq_rel);
}

bool DiscoveredTables::ClaimRefresh(std::chrono::milliseconds interval) {
  std::lock_guard lock(mu_);
  return refresh_.Claim(interval);
}

}  // namespace tessera::vtgate
