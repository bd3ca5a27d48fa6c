// TrackedColumns: the column lists of one keyspace's tables as the schema
// tracker (column_tracking.h) last read them from the shards'
// information_schema.
//
// Contract: thread-safe (every worker reads, any worker may update). Find
// hands out a snapshot that stays valid whatever updates follow. An update
// that changes any list, adds or forgets a table bumps version(), which the
// plan caches key on (through VSchema::version()), so no plan resolved
// against old lists is used once new ones are known.
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

class TrackedColumns {
 public:
  using ColumnList = std::vector<std::string>;  // lower case, in table order

  // The table's columns; null when the table was not seen on the shards
  // (or no tracking has run yet).
  std::shared_ptr<const ColumnList> Find(std::string_view table) const;
  // Every table now on the shards with its columns; absent tables are forgotten.
  void Replace(std::map<std::string, ColumnList> tables);
  uint64_t version() const { return version_.load(std::memory_order_acquire); }
  // True once a Replace has run.
  bool tracked() const { return tracked_.load(std::memory_order_acquire); }

  // Rate limit for tracking triggered by a statement: true (and the clock
  // restarts) when the last claim is older than `interval`.
  bool ClaimRefresh(std::chrono::milliseconds interval);

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const ColumnList>, std::less<>> tables_;
  RefreshLimiter refresh_;
  std::atomic<uint64_t> version_{0};
  std::atomic<bool> tracked_{false};
};

}  // namespace tessera::vtgate
