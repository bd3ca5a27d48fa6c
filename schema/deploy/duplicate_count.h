// Duplicate counting for lint's add_unique_key finding: how many values of
// the new key's columns more than one row of production holds now, which
// would make the ALTER fail on the shard that holds them.
//
// A UNIQUE key is checked per shard (each shard's MariaDB enforces its own),
// so the count is the sum over shards of each shard's duplicates. Rows with a
// NULL in any key column are left out: a UNIQUE key accepts NULL more than
// once. Each shard's scan runs under max_statement_time; a shard that cannot
// be counted leaves the finding as it was, with the reason added.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "common/error.h"
#include "config/topology.h"
#include "schema/branches/branch_diff.h"

namespace tessera::schema {

struct DuplicateCount {
  uint64_t values = 0;  // distinct key values held by more than one row
  uint64_t rows = 0;    // the rows holding them
};

// Counts on every shard of `keyspace`, in its database `database`. Errors
// name the shard.
Result<DuplicateCount> CountDuplicates(const config::KeyspaceConfig& keyspace,
                                       const std::string& database, const std::string& table,
                                       const std::vector<std::string>& columns,
                                       std::chrono::seconds time_limit);

// Remembers counts for `max_age` so that a request shown again and again does
// not scan production each time. Thread-safe.
class DuplicateCounter {
 public:
  explicit DuplicateCounter(std::chrono::seconds time_limit = std::chrono::seconds(10))
      : time_limit_(time_limit) {}

  // Each add_unique_key finding in `lint` gets the count for its table and
  // key columns in `database` (the production branch's): with duplicates it
  // becomes an error saying how many; without, its message says none were
  // found. A count older than `max_age` is taken again; older ones are
  // forgotten, so the cache holds only recent counts.
  void Annotate(std::vector<BranchLintFinding>& lint, const config::KeyspaceConfig& keyspace,
                const std::string& database, std::chrono::seconds max_age);

 private:
  using Key = std::tuple<std::string, std::string, std::string, std::vector<std::string>>;
  struct Entry {
    Result<DuplicateCount> count;
    std::chrono::steady_clock::time_point at;
  };

  std::chrono::seconds time_limit_;
  std::mutex mutex_;
  std::map<Key, Entry> cache_;
};

}  // namespace tessera::schema
