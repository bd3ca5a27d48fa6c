// Migration: one schema change of one table on one shard, as the online DDL
// executor runs it and persists it in the shard's sidecar database.
//
// States: queued → running → (ready_to_complete while cut-over is postponed)
// → complete; or failed / cancelled. A complete migration keeps its old table
// for the revert window; a revert is its own migration (kind "revert") that
// swaps the old table back, after which the original is "reverted".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vttablet/onlineddl/binlog_position.h"
#include "vttablet/onlineddl/table_info.h"

namespace tessera::vttablet::onlineddl {

enum class MigrationState {
  kQueued,
  kRunning,
  kReadyToComplete,
  kComplete,
  kFailed,
  kCancelled,
  kReverted,
};

std::string_view StateName(MigrationState state);
std::optional<MigrationState> ParseState(std::string_view name);
// States in which the executor still has work to do.
bool IsActive(MigrationState state);

enum class MigrationKind { kAlter, kCreate, kDrop, kRevert, kInstant };
std::string_view KindName(MigrationKind kind);
std::optional<MigrationKind> ParseKind(std::string_view name);

struct Migration {
  std::string uuid;
  std::string keyspace;
  std::string shard;
  std::string database;
  std::string table;
  std::string ddl;
  MigrationKind kind = MigrationKind::kAlter;
  std::string reverts;  // kRevert: the migration it undoes
  MigrationState state = MigrationState::kQueued;
  std::string message;  // why it failed, or what it waits for

  // Requests from commands (written by the command side only).
  bool postpone_completion = false;
  bool cancel_requested = false;  // for a complete migration: end its revert window now
  bool throttled = false;
  // Share of the time the copy pauses, in thousandths (MIGRATION THROTTLE
  // ... RATIO): after a chunk that took t, the copy waits t * r / (1 - r),
  // so it runs (1 - r) of the time. 0: no pause; 1000: no copy at all.
  uint32_t throttle_permille = 0;
  uint32_t chunk_size = 0;  // 0: adaptive
  // Cut over now, killing the sessions that hold the table (their open
  // transactions roll back) instead of waiting for them.
  bool force_cutover = false;

  // Executor progress (written by the executor only).
  std::string ghost_table;  // the table rows are copied into
  std::string old_table;    // where the original table is parked after cut-over
  CopyPlan plan;
  std::optional<std::vector<std::string>> copy_last_key;  // literals; none: from the start
  std::optional<std::vector<std::string>> copy_max_key;   // none: empty table
  bool copy_done = false;
  BinlogPosition sync_position;     // binlog read and applied up to here
  BinlogPosition cutover_position;  // binlog position while the cut-over lock was held
  uint64_t rows_estimated = 0;
  uint64_t rows_copied = 0;
  uint64_t events_applied = 0;
  uint64_t cutover_stall_ms = 0;
  uint32_t cutover_attempts = 0;
  std::string submitted_at;
  std::string started_at;
  std::string completed_at;
  std::string revert_window_ends;  // "" when no revert is possible
};

}  // namespace tessera::vttablet::onlineddl
