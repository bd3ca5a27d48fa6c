// TabletMigration: one row of a tablet's MIGRATION SHOW answer, the columns
// the deploy lifecycle reads. Parsing is by column name, so columns the
// tablet adds later are ignored; a missing required column (uuid, state) is
// an error naming it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/result_set.h"

namespace tessera::schema {

// Tablet migration state names (vttablet/onlineddl/migration.h).
namespace tablet_state {
inline constexpr const char* kQueued = "queued";
inline constexpr const char* kRunning = "running";
inline constexpr const char* kReadyToComplete = "ready_to_complete";
inline constexpr const char* kComplete = "complete";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kCancelled = "cancelled";
inline constexpr const char* kReverted = "reverted";
}  // namespace tablet_state

struct TabletMigration {
  std::string uuid;
  std::string table;
  std::string state;
  int progress = 0;
  uint64_t rows_copied = 0;
  uint64_t rows_estimated = 0;
  std::string eta_seconds;       // "" for NULL
  uint64_t events_applied = 0;   // binlog row changes applied to the ghost table
  std::string binlog_lag_bytes;  // "" for NULL (not tailing the binlog)
  std::string message;
  std::string revert_window_ends;  // "" for NULL: no revert possible
  std::string throttle_ratio;      // "0" to "1" ("1" while fully throttled)
};

Result<std::vector<TabletMigration>> ParseMigrationShow(const ResultSet& show);

}  // namespace tessera::schema
