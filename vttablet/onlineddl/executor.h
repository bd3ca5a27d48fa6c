// Executor: runs the online schema migrations of one shard, one at a time, on
// its own thread with its own MariaDB connections (never on the tablet's
// io_context). State lives in the sidecar store, so a restarted tablet picks
// every migration up where its last checkpoint left it.
//
// An ALTER runs as a triggerless ghost-table migration:
//   ghost `<t>_<id>_gho` = CREATE LIKE + the ALTER, and beside it the
//   changelog `<t>_<id>_ghc` (heartbeat and markers, changelog.h); binlog
//   position recorded;
//   loop { apply binlog changes of `t` to the ghost (priority) ; unless the
//          throttler says pause (throttler.h), copy one chunk in key order
//          while the next binlog read runs beside it ; checkpoint } until
//          the copy is done and the
//   binlog backlog is small; then (unless completion is postponed) the
//   cut-over swaps the tables under a short lock (table_swap.h) and parks the
//   original as `<t>_<id>_del` for the revert window.
// During the revert window the parked table follows the live one from the
// binlog (reverse direction); a revert applies what is left and swaps it
// back. Only the latest migration of a table can be reverted. After the window (or skip-revert) the
// parked table is dropped in small steps. CREATE TABLE runs directly; DROP TABLE renames the table
// away (revertible); ALGORITHM=INSTANT runs directly.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/mariadb/mariadb_params.h"
#include "vttablet/onlineddl/migration.h"
#include "vttablet/onlineddl/migration_store.h"
#include "vttablet/onlineddl/throttler.h"

namespace tessera::vttablet::onlineddl {

struct ExecutorOptions {
  std::string keyspace;
  std::string shard;
  std::chrono::seconds revert_window{1800};
  uint32_t initial_chunk_rows = 1000;
  uint32_t min_chunk_rows = 100;
  uint32_t max_chunk_rows = 50000;
  std::chrono::milliseconds target_chunk_time{100};
  ThrottlerOptions throttle;                          // when the copy pauses (load, replica lag)
  std::chrono::milliseconds heartbeat_interval{100};  // changelog heartbeat while a migration runs
  uint64_t cutover_backlog_rows = 200;  // cut over once a binlog read finds fewer changes
  std::chrono::milliseconds cutover_lock_wait{2000};
  uint32_t max_cutover_attempts = 30;
  std::chrono::milliseconds idle_poll{250};
  uint32_t binlog_server_id = 0;  // 0: derived from the process id
};

class Executor {
 public:
  Executor(MariaDbParams params, ExecutorOptions options);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Starts the worker thread. It creates the sidecar schema and resumes
  // unfinished migrations; connection failures are retried.
  void Start();
  // Stops the worker at its next checkpoint and joins it.
  void Stop();
  // Wakes the worker (a migration was submitted or a request changed).
  void Wake();

  const ExecutorOptions& options() const { return options_; }
  const MariaDbParams& params() const { return params_; }

 private:
  void Loop();
  Status RunOnce(BlockingConnection& connection);
  Status Run(BlockingConnection& connection, MigrationStore& store, Migration& m);
  Status Prepare(BlockingConnection& connection, MigrationStore& store, Migration& m);
  Status RunCopy(BlockingConnection& connection, MigrationStore& store, Migration& m);
  Status CloseRevertWindows(BlockingConnection& connection, MigrationStore& store);
  // Applies the binlog since the last pass to a complete migration's parked
  // original (reverse direction); failures are logged, never fatal. Returns
  // false when the parked table is gone (dropped by hand, or with its
  // database): no revert is possible, and the caller closes the window
  // instead of reading the binlog for it again and again.
  bool KeepRevertible(BlockingConnection& connection, MigrationStore& store, Migration m);
  // True unless a later complete migration changed the same table.
  static bool IsLatestOnTable(const Migration& m, const std::vector<Migration>& complete);
  bool Sleep(std::chrono::milliseconds duration);  // false when stopping

  MariaDbParams params_;
  ExecutorOptions options_;
  Throttler throttler_;  // used on the worker thread only
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::atomic<bool> stopping_{false};
  std::map<std::string, std::chrono::steady_clock::time_point> last_reverse_sync_;  // by uuid
};

}  // namespace tessera::vttablet::onlineddl
