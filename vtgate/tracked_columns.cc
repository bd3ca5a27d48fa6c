#include "vtgate/tracked_columns.h"

namespace tessera::vtgate {

std::shared_ptr<const TrackedColumns::ColumnList> TrackedColumns::Find(
    std::string_view table) const {
  std::lock_guard lock(mu_);
  auto it = tables_.find(table);
  return it == tables_.end() ? nullptr : it->second;
}

void TrackedColumns::Replace(std::map<std::string, ColumnList> tables) {
  std::lock_guard lock(mu_);
  bool changed = tables.size() != tables_.size();
  std::map<std::string, std::shared_ptr<const ColumnList>, std::less<>> next;
  for (auto& [name, columns] : tables) {
    auto old = tables_.find(name);
    if (old != tables_.end() && *old->second == columns) {
      next.emplace(name, old->second);
      continue;
    }
    changed = true;
    next.emplace(name, std::make_shared<const ColumnList>(std::move(columns)));
  }
  tables_ = std::move(next);
  if (changed) version_.fetch_add(1, std::memory_order_acq_rel);
  tracked_.store(true, std::memory_order_release);
}

bool TrackedColumns::ClaimRefresh(std::chrono::milliseconds interval) {
  std::lock_guard lock(mu_);
  return refresh_.Claim(interval);
}

}  // namespace tessera::vtgate
