#include "vttablet/onlineddl/table_swap.h"

#include <future>
#include <thread>

#include <fmt/format.h>

#include "sqlparser/format.h"

namespace tessera::vttablet::onlineddl {

using sql::QuoteIdentifier;
using sql::QuoteString;

namespace {

std::string Name(const std::string& db, const std::string& table) {
  return QuoteIdentifier(db) + "." + QuoteIdentifier(table);
}

Result<BinlogPosition> CurrentPosition(BlockingConnection& connection) {
  auto rows = connection.Query("SHOW MASTER STATUS");
  if (!rows.ok()) return std::move(rows).error();
  if (rows.value().empty())
    return Error::Internal("the binary log is off (SHOW MASTER STATUS is empty)");
  const auto& r = rows.value()[0];
  return BinlogPosition{r[0].value_or(""), std::strtoull(r[1].value_or("0").c_str(), nullptr, 10)};
}

}  // namespace

Result<bool> DropSentryIfPresent(BlockingConnection& connection, const std::string& database,
                                 const std::string& parked) {
  auto columns = connection.Query(
      fmt::format("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {} AND "
                  "TABLE_NAME = {}",
                  QuoteString(database), QuoteString(parked)));
  if (!columns.ok()) return std::move(columns).error();
  if (columns.value().empty()) return true;
  if (columns.value().size() != 1 || columns.value()[0][0].value_or("") != kSentryColumn)
    return false;
  auto dropped = connection.Execute("DROP TABLE IF EXISTS " + Name(database, parked));
  if (!dropped.ok()) return std::move(dropped).error();
  return true;
}

Result<SwapResult> SwapTables(const MariaDbParams& params, const SwapRequest& request,
                              const FinalSync& final_sync, const CatchUp& catch_up) {
  // MariaDB compares these names byte-wise when it orders a statement's locks.
  if (!(request.table < request.replacement) || !(request.table < request.parked))
    return Error::Internal(fmt::format("cannot swap `{}`: `{}` and `{}` must sort after it",
                                       request.table, request.replacement, request.parked));
  auto locker_conn = BlockingConnection::Connect(params, request.database);
  if (!locker_conn.ok()) return std::move(locker_conn).error();
  auto renamer_conn = BlockingConnection::Connect(params, request.database);
  if (!renamer_conn.ok()) return std::move(renamer_conn).error();
  BlockingConnection& a = *locker_conn.value();
  BlockingConnection& b = *renamer_conn.value();

  auto sentry_gone = DropSentryIfPresent(a, request.database, request.parked);
  if (!sentry_gone.ok()) return std::move(sentry_gone).error();
  if (!sentry_gone.value())
    return Error::Internal(fmt::format("cannot park `{}` as `{}`: a table of that name exists",
                                       request.table, request.parked));
  std::string table = Name(request.database, request.table);
  std::string parked = Name(request.database, request.parked);
  std::string replacement = Name(request.database, request.replacement);
  // MEMORY: it only holds the name, and dropping it under the lock then
  // deletes no InnoDB tablespace (tens of ms on a busy disk).
  auto created =
      a.Execute(fmt::format("CREATE TABLE {} ({} INT) ENGINE=MEMORY", parked, kSentryColumn));
  if (!created.ok()) return std::move(created).error();

  auto abandon = [&](Error error) -> Error {
    (void)a.Execute("UNLOCK TABLES");
    (void)a.Execute("DROP TABLE IF EXISTS " + parked);
    return error;
  };

  uint64_t wait_seconds =
      std::max<uint64_t>(1, static_cast<uint64_t>(request.lock_wait.count() + 999) / 1000);
  auto timeout = a.Execute(fmt::format("SET SESSION lock_wait_timeout = {}", wait_seconds));
  if (!timeout.ok()) return abandon(std::move(timeout).error());
  if (catch_up) {
    Status caught_up = catch_up();
    if (!caught_up.ok()) return abandon(caught_up.error());
  }
  auto locked = a.Execute(fmt::format("LOCK TABLES {} READ, {} WRITE", table, parked));
  if (!locked.ok()) return abandon(std::move(locked).error());
  auto lock_start = std::chrono::steady_clock::now();

  SwapResult result;
  auto since = [](std::chrono::steady_clock::time_point& mark) {
    auto now = std::chrono::steady_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - mark).count();
    mark = now;
    return static_cast<uint64_t>(ms);
  };
  auto mark = lock_start;
  auto position = CurrentPosition(a);
  if (!position.ok()) return abandon(std::move(position).error());
  result.locked_at = position.value();
  Status synced = final_sync(result.locked_at);
  if (!synced.ok()) return abandon(synced.error());
  result.sync_ms = since(mark);

  // The rename waits behind A's locks on its own thread.
  uint64_t renamer_id = b.ThreadId();
  result.rename = fmt::format("RENAME TABLE {} TO {}, {} TO {}", table, parked, replacement, table);
  auto rename = std::async(std::launch::async, [&b, statement = result.rename]() -> Status {
    auto t = b.Execute("SET SESSION lock_wait_timeout = 30");
    if (!t.ok()) return std::move(t).error();
    auto done = b.Execute(statement);
    if (!done.ok()) return std::move(done).error();
    return Status::Ok();
  });

  bool waiting = false;
  for (int i = 0; i < 2000 && !waiting; ++i) {
    auto state = a.QueryValue(
        fmt::format("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = {}", renamer_id));
    if (state.ok() && state.value() && state.value()->find("metadata lock") != std::string::npos) {
      waiting = true;
      break;
    }
    if (rename.wait_for(std::chrono::milliseconds(1)) == std::future_status::ready) break;
  }
  // Stops the renamer before the locks go: a RENAME that had not started yet
  // when a single KILL arrived would otherwise run once the sentry is gone,
  // swapping the tables without the final sync. Killing until its thread
  // returns covers every moment (the SET, or the RENAME itself).
  auto stop_renamer = [&]() {
    while (rename.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready)
      (void)a.Execute(fmt::format("KILL QUERY {}", renamer_id));
    return rename.get();
  };
  if (!waiting) {
    Status stopped = stop_renamer();
    if (stopped.ok()) {
      // It renamed while the sentry still held the name: impossible unless the
      // server gave up the locks; report it rather than guess.
      return Error::Internal("the cut-over RENAME ran before the final sync completed");
    }
    return abandon(Error::Internal("the cut-over RENAME was not seen waiting for the table lock"));
  }
  result.queue_ms = since(mark);
  auto dropped = a.Execute("DROP TABLE " + parked);
  if (!dropped.ok()) {
    Status stopped = stop_renamer();
    if (stopped.ok())
      return Error::Internal("the cut-over RENAME ran before the final sync completed");
    return abandon(std::move(dropped).error());
  }
  result.drop_ms = since(mark);
  (void)a.Execute("UNLOCK TABLES");
  Status renamed = rename.get();
  result.rename_ms = since(mark);
  result.stall_ms = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - lock_start)
                                              .count());
  if (!renamed.ok())
    return Error::Internal("the cut-over RENAME failed: " + renamed.error().message);
  return result;
}

}  // namespace tessera::vttablet::onlineddl
