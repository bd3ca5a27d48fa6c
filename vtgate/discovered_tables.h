// DiscoveredTables: the tables of an auto_vschema keyspace that its VSchema
// does not list, as TableDiscovery last found them on the shards.
//
// Contract: thread-safe (every worker reads, any worker may update). A
// TableInfo handed out stays valid as long as this object lives, even after
// an update replaces it (cached plans may still point at it); an update that
// changes anything bumps version(), which the plan caches key on, so no new
// plan uses the old definition.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "vtgate/refresh_limiter.h"

namespace tessera::vtgate {

struct TableInfo;

class DiscoveredTables {
 public:
  DiscoveredTables();
  ~DiscoveredTables();

  const TableInfo* Find(std::string_view name) const;
  std::vector<std::string> Names() const;  // sorted
  // The tables now on the shards; absent ones are forgotten.
  void Replace(std::vector<TableInfo> tables);
  uint64_t version() const { return version_.load(std::memory_order_acquire); }

  // Rate limit for lookups triggered by unknown table names: true (and the
  // clock restarts) when the last discovery is older than `interval`.
  bool ClaimRefresh(std::chrono::milliseconds interval);

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>> tables_;
  std::vector<std::shared_ptr<const TableInfo>> retired_;
  RefreshLimiter refresh_;
  std::atomic<uint64_t> version_{0};
};

}  // namespace tessera::vtgate
