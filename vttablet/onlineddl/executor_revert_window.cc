// The executor's revert windows (executor.h): while a complete migration's
// window is open its parked original follows the live table from the
// binlog; when the window ends, is skipped, or the parked table is gone,
// the parked table is dropped in small steps.
#include <fmt/format.h>

#include "common/logging.h"
#include "vttablet/onlineddl/binlog_tail.h"
#include "vttablet/onlineddl/executor.h"
#include "vttablet/onlineddl/executor_support.h"
#include "vttablet/onlineddl/row_mover.h"
#include "vttablet/onlineddl/table_info.h"

namespace tessera::vttablet::onlineddl {

bool Executor::IsLatestOnTable(const Migration& m, const std::vector<Migration>& complete) {
  for (const auto& other : complete) {
    if (other.uuid != m.uuid && other.database == m.database && other.table == m.table &&
        other.completed_at > m.completed_at)
      return false;
  }
  return true;
}

bool Executor::KeepRevertible(BlockingConnection& connection, MigrationStore& store, Migration m) {
  auto now = std::chrono::steady_clock::now();
  auto& last = last_reverse_sync_[m.uuid];
  if (now - last < std::chrono::seconds(1)) return true;
  last = now;
  auto fail = [&](const Error& e) {
    GetLogger("onlineddl")
        ->warn("migration {}: keeping `{}` in sync for a revert: {}", m.uuid, m.old_table,
               e.message);
    return true;
  };
  auto parked = TableExists(connection, m.database, m.old_table);
  if (!parked.ok()) return fail(parked.error());
  if (!parked.value()) {
    last_reverse_sync_.erase(m.uuid);
    return false;
  }
  auto source = LoadTableInfo(connection, m.database, m.table);
  if (!source.ok()) return fail(source.error());
  CopyPlan reverse = ReversePlan(m.plan);
  auto watched = WatchKey(source.value(), reverse.source_key);
  if (!watched.ok()) return fail(watched.error());
  BinlogTail tail(params_, options_.binlog_server_id);
  auto batch = tail.Read(m.cutover_position, watched.value());
  if (!batch.ok()) return fail(batch.error());
  if (batch.value().end == m.cutover_position) return true;
  if (!batch.value().keys.empty()) {
    RowMover mover(source.value(), m.old_table, reverse);
    auto refreshed = mover.Refresh(connection, std::move(batch.value().keys));
    if (!refreshed.ok()) return fail(refreshed.error());
  }
  m.cutover_position = batch.value().end;
  Status saved = store.SaveProgress(m);
  if (!saved.ok()) return fail(saved.error());
  return true;
}

Status Executor::CloseRevertWindows(BlockingConnection& connection, MigrationStore& store) {
  auto complete = store.List({MigrationState::kComplete});
  if (!complete.ok()) return std::move(complete).error();
  auto now = ServerNow(connection);
  if (!now.ok()) return std::move(now).error();
  for (Migration m : complete.value()) {
    if (m.old_table.empty() || m.revert_window_ends.empty()) continue;
    bool parked_gone = false;
    if (!m.cancel_requested && m.revert_window_ends > now.value()) {
      // While the window is open, the parked original follows the live table
      // from the binlog, so a revert only has the last moments to apply.
      bool copies_back = m.kind == MigrationKind::kAlter || m.kind == MigrationKind::kRevert;
      if (!copies_back || m.cutover_position.empty() || !IsLatestOnTable(m, complete.value()))
        continue;
      parked_gone = !KeepRevertible(connection, store, m);
      if (!parked_gone) continue;
    }
    // Drop the parked table in small steps so no long DROP stalls the server.
    auto exists = TableExists(connection, m.database, m.old_table);
    if (!exists.ok()) return std::move(exists).error();
    if (exists.value()) {
      std::string parked = QualifiedName(m.database, m.old_table);
      for (;;) {
        auto deleted = connection.Execute("DELETE FROM " + parked + " LIMIT 5000");
        if (!deleted.ok()) return std::move(deleted).error();
        if (deleted.value() == 0 || stopping_) break;
      }
      if (stopping_) return Status::Ok();
      Status dropped = Done(connection.Execute("DROP TABLE " + parked));
      if (!dropped.ok()) return dropped;
    }
    if (m.kind == MigrationKind::kAlter || m.kind == MigrationKind::kRevert)
      DropChangelog(connection, m);  // left behind by a failed drop after the cut-over
    if (parked_gone) {
      GetLogger("onlineddl")
          ->warn("migration {}: revert window closed: the parked table `{}` is gone", m.uuid,
                 m.old_table);
      m.message = fmt::format("revert window closed: the parked table `{}` is gone", m.old_table);
    } else {
      GetLogger("onlineddl")
          ->info("migration {}: revert window closed, dropped {}", m.uuid, m.old_table);
      m.message = "revert window closed";
    }
    m.old_table.clear();
    m.revert_window_ends.clear();
    Status saved = store.SaveProgress(m);
    if (!saved.ok()) return saved;
  }
  return Status::Ok();
}

}  // namespace tessera::vttablet::onlineddl
