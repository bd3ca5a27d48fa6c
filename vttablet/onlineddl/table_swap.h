// SwapTables: the cut-over. Atomically renames `table` away to `parked` and
// `replacement` into its place, with no instant at which `table` is missing
// and no write lost:
//  1. create a sentry table named `parked` (so no rename can succeed early),
//     then let the caller catch up (`catch_up`) while nothing is blocked;
//  2. connection A: LOCK TABLES table READ, parked WRITE (bounded wait):
//     every open write transaction on `table` has committed, new writes
//     queue up, reads go on;
//  3. `final_sync` (on the caller's own connection, which may still read
//     `table`) brings `replacement` up to date;
//  4. connection B issues RENAME TABLE table TO parked, replacement TO table.
//     MariaDB takes a statement's metadata locks one at a time in name order,
//     and both `parked` and `replacement` must sort after `table` (the
//     artifact names of ddl_request.h do; other names are refused), so the
//     lock B waits for is the one on `table` itself: its exclusive request
//     is queued ahead of every write. Were `replacement` first, a session
//     holding it (InnoDB purge, statistics, a reader) would keep B waiting
//     there, not yet queued on `table`, and step 5 would let the queued
//     writes into the old table after the final sync;
//  5. once B is seen waiting, A drops the sentry and unlocks: the pending
//     rename goes before the queued writes, which then run on the new table.
// If A dies before dropping the sentry, the rename fails on it and nothing
// changes. Failures before step 5 leave both tables untouched; the caller
// retries.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/mariadb/mariadb_params.h"
#include "vttablet/onlineddl/binlog_position.h"

namespace tessera::vttablet::onlineddl {

struct SwapRequest {
  std::string database;
  std::string table;        // the live table
  std::string replacement;  // takes the live table's name
  std::string parked;       // the live table's new name
  std::chrono::milliseconds lock_wait{2000};
};

struct SwapResult {
  uint64_t stall_ms = 0;  // writes to `table` were blocked this long
  // Where the stall went, in ms: the final sync, until the RENAME was seen
  // queued, dropping the sentry, and from the unlock to the RENAME's end.
  uint64_t sync_ms = 0, queue_ms = 0, drop_ms = 0, rename_ms = 0;
  BinlogPosition locked_at;  // end of the binlog while writes were blocked
  std::string rename;        // the RENAME statement, as the binlog holds it
};

// The column a sentry table has, so it is never mistaken for a real table.
inline constexpr const char* kSentryColumn = "_tessera_cutover_sentry";

// Runs while writes to the table are blocked; `locked_at` is the end of the
// binlog at that moment.
using FinalSync = std::function<Status(const BinlogPosition& locked_at)>;
// Runs once the sentry exists, just before the lock is taken (nothing is
// blocked yet): a last catch-up, so the final sync under the lock has only
// the writes of the last instant to apply. Its failure abandons the swap.
using CatchUp = std::function<Status()>;

Result<SwapResult> SwapTables(const MariaDbParams& params, const SwapRequest& request,
                              const FinalSync& final_sync, const CatchUp& catch_up = nullptr);

// Drops `parked` if it is a leftover sentry; true when it was one (or absent).
Result<bool> DropSentryIfPresent(BlockingConnection& connection, const std::string& database,
                                 const std::string& parked);

}  // namespace tessera::vttablet::onlineddl
