#include "vttablet/onlineddl/executor.h"

#include <unistd.h>

#include <algorithm>
#include <future>
#include <set>

#include <fmt/format.h>

#include "common/logging.h"
#include "sqlparser/format.h"
#include "vttablet/onlineddl/binlog_tail.h"
#include "vttablet/onlineddl/changelog.h"
#include "vttablet/onlineddl/copy_timings.h"
#include "vttablet/onlineddl/cutover_blockers.h"
#include "vttablet/onlineddl/ddl_request.h"
#include "vttablet/onlineddl/deferred_indexes.h"
#include "vttablet/onlineddl/executor_support.h"
#include "vttablet/onlineddl/heartbeat_writer.h"
#include "vttablet/onlineddl/row_mover.h"
#include "vttablet/onlineddl/table_info.h"
#include "vttablet/onlineddl/table_swap.h"
#include "vttablet/onlineddl/throttle_ratio.h"

namespace tessera::vttablet::onlineddl {

using sql::QuoteIdentifier;
using sql::QuoteString;

namespace {

constexpr uint32_t kUniqueConflictRetries = 5;
// A chunk that keeps meeting unique keys on ever other values (rows whose
// values move under heavy writes) is copied again, smaller, up to this many
// times.
constexpr uint32_t kChunkConflictRetries = 50;

// Errors of the client library (lost connection, server gone) are worth a
// retry with a new connection; anything else fails the migration.
bool IsTransient(const Error& e) {
  return (e.code >= 2000 && e.code < 3000) || e.code == 1927 || e.code == 1053;
}

Result<BinlogPosition> MasterPosition(BlockingConnection& c) {
  auto rows = c.Query("SHOW MASTER STATUS");
  if (!rows.ok()) return std::move(rows).error();
  if (rows.value().empty()) return Error::Internal("the binary log is off");
  const auto& r = rows.value()[0];
  return BinlogPosition{r[0].value_or(""), std::strtoull(r[1].value_or("0").c_str(), nullptr, 10)};
}

Status CheckBinlogSettings(BlockingConnection& c) {
  auto rows =
      c.Query("SELECT @@log_bin, @@binlog_format, @@binlog_row_image, @@binlog_row_metadata");
  if (!rows.ok()) return std::move(rows).error();
  const auto& r = rows.value().at(0);
  std::vector<std::string> missing;
  if (r[0].value_or("0") != "1") missing.push_back("log_bin=ON");
  if (r[1].value_or("") != "ROW") missing.push_back("binlog_format=ROW");
  if (r[2].value_or("") != "FULL") missing.push_back("binlog_row_image=FULL");
  if (r[3].value_or("") != "FULL") missing.push_back("binlog_row_metadata=FULL");
  if (missing.empty()) return Status::Ok();
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
  return Error::Internal("online DDL needs the MariaDB settings " + list +
                         " (the local launcher and docker-compose set them)");
}

// Markers are for whoever reads the changelog (replicas, operators); one
// that cannot be written is no reason to stop the migration.
void Mark(BlockingConnection& c, const Migration& m, ChangelogMarker marker) {
  Status s = Changelog::Of(m).WriteMarker(c, marker);
  if (!s.ok())
    GetLogger("onlineddl")
        ->warn("migration {}: cannot write the marker '{}': {}", m.uuid, MarkerHint(marker),
               s.error().message);
}

}  // namespace

Executor::Executor(MariaDbParams params, ExecutorOptions options)
    : params_(std::move(params)),
      options_(std::move(options)),
      throttler_(params_, options_.throttle) {
  if (options_.binlog_server_id == 0)
    options_.binlog_server_id = 1000000000u + static_cast<uint32_t>(getpid() % 1000000);
}

Executor::~Executor() {
  Stop();
}

void Executor::Start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Executor::Stop() {
  stopping_ = true;
  Wake();
  if (thread_.joinable()) thread_.join();
}

void Executor::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

bool Executor::Sleep(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, duration, [this] { return woken_ || stopping_.load(); });
  woken_ = false;
  return !stopping_;
}

void Executor::Loop() {
  auto log = GetLogger("onlineddl");
  std::unique_ptr<BlockingConnection> connection;
  while (!stopping_) {
    if (!connection) {
      auto c = BlockingConnection::Connect(params_);
      if (!c.ok()) {
        log->warn("cannot reach MariaDB: {}", c.error().message);
        Sleep(std::chrono::seconds(1));
        continue;
      }
      connection = std::move(c).value();
      Status ready =
          Done(connection->Execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"));
      // Every warning of a copy chunk is read (row_mover.h); 64 by default.
      if (ready.ok()) ready = Done(connection->Execute("SET SESSION max_error_count = 65535"));
      if (ready.ok()) ready = MigrationStore(*connection).EnsureSchema();
      if (!ready.ok()) {
        log->warn("cannot prepare the migration store: {}", ready.error().message);
        connection.reset();
        Sleep(std::chrono::seconds(1));
        continue;
      }
    }
    Status status = RunOnce(*connection);
    if (!status.ok()) {
      log->warn("online DDL: {}", status.error().message);
      connection.reset();
      Sleep(std::chrono::seconds(1));
      continue;
    }
    Sleep(options_.idle_poll);
  }
}

Status Executor::RunOnce(BlockingConnection& connection) {
  MigrationStore store(connection);
  auto active = store.List(
      {MigrationState::kQueued, MigrationState::kRunning, MigrationState::kReadyToComplete});
  if (!active.ok()) return std::move(active).error();
  if (!active.value().empty()) {
    Migration m = active.value().front();
    Status status = Run(connection, store, m);
    if (!status.ok()) {
      if (IsTransient(status.error())) return status;
      GetLogger("onlineddl")->warn("migration {} failed: {}", m.uuid, status.error().message);
      if (m.kind == MigrationKind::kAlter && !m.ghost_table.empty())
        (void)connection.Execute("DROP TABLE IF EXISTS " +
                                 QualifiedName(m.database, m.ghost_table));
      if (m.kind == MigrationKind::kAlter || m.kind == MigrationKind::kRevert)
        (void)Changelog::Of(m).Drop(connection);
      m.state = MigrationState::kFailed;
      m.message = status.error().message;
      return store.SaveProgress(m);
    }
    return Status::Ok();
  }
  return CloseRevertWindows(connection, store);
}

Status Executor::Run(BlockingConnection& connection, MigrationStore& store, Migration& m) {
  if (m.state == MigrationState::kQueued) {
    Status prepared = Prepare(connection, store, m);
    if (!prepared.ok()) return prepared;
    if (m.state != MigrationState::kRunning) return Status::Ok();
  }
  return RunCopy(connection, store, m);
}

Status Executor::Prepare(BlockingConnection& connection, MigrationStore& store, Migration& m) {
  auto log = GetLogger("onlineddl");
  auto now = ServerNow(connection);
  if (!now.ok()) return std::move(now).error();
  m.started_at = now.value();
  auto window_end = ServerNow(connection, options_.revert_window);
  if (!window_end.ok()) return std::move(window_end).error();
  Status use = Done(connection.Execute("USE " + QuoteIdentifier(m.database)));
  if (!use.ok()) return use;

  auto finish = [&](MigrationState state, std::string message, bool revertible) -> Status {
    m.state = state;
    m.message = std::move(message);
    m.completed_at = now.value();
    m.revert_window_ends = revertible ? window_end.value() : "";
    return store.SaveProgress(m);
  };

  if (m.kind == MigrationKind::kRevert) {
    auto loaded = store.Load(m.reverts);
    if (!loaded.ok()) return std::move(loaded).error();
    if (!loaded.value()) return Error::Internal("no migration '" + m.reverts + "' to revert");
    Migration& x = *loaded.value();
    if (x.state != MigrationState::kComplete || x.revert_window_ends.empty() ||
        x.revert_window_ends < now.value())
      return Error::Internal(fmt::format(
          "migration '{}' cannot be reverted: it is {}{}", x.uuid, StateName(x.state),
          x.state == MigrationState::kComplete ? " and its revert window has closed" : ""));
    m.table = x.table;
    auto complete = store.List({MigrationState::kComplete});
    if (!complete.ok()) return std::move(complete).error();
    if (!IsLatestOnTable(x, complete.value()))
      return Error::Internal(fmt::format(
          "migration '{}' cannot be reverted: a later migration changed `{}` since; revert that "
          "one first",
          x.uuid, x.table));
    switch (x.kind) {
      case MigrationKind::kDrop: {
        Status s = Done(connection.Execute(fmt::format("RENAME TABLE {} TO {}",
                                                       QualifiedName(m.database, x.old_table),
                                                       QualifiedName(m.database, x.table))));
        if (!s.ok()) return s;
        x.old_table.clear();
        x.revert_window_ends.clear();
        x.state = MigrationState::kReverted;
        x.message = "reverted by " + m.uuid;
        Status saved = store.SaveProgress(x);
        if (!saved.ok()) return saved;
        return finish(MigrationState::kComplete, "restored the dropped table", false);
      }
      case MigrationKind::kCreate: {
        m.old_table = ParkedTableName(x.table, m.uuid, "del");
        Status s = Done(connection.Execute(fmt::format("RENAME TABLE {} TO {}",
                                                       QualifiedName(m.database, x.table),
                                                       QualifiedName(m.database, m.old_table))));
        if (!s.ok()) return s;
        x.state = MigrationState::kReverted;
        x.revert_window_ends.clear();
        x.message = "reverted by " + m.uuid;
        Status saved = store.SaveProgress(x);
        if (!saved.ok()) return saved;
        return finish(MigrationState::kComplete, "the created table was renamed away", true);
      }
      case MigrationKind::kAlter:
      case MigrationKind::kRevert:
        break;
      default:
        return Error::Internal(
            fmt::format("migration '{}' ({}) cannot be reverted", x.uuid, KindName(x.kind)));
    }
    // Copy back: the parked original becomes the "ghost" kept in sync from
    // the binlog since the cut-over, then swapped back in.
    auto exists = TableExists(connection, m.database, x.old_table);
    if (!exists.ok()) return std::move(exists).error();
    if (!exists.value())
      return Error::Internal(
          fmt::format("the original table `{}` of migration '{}' is gone", x.old_table, x.uuid));
    m.ghost_table = x.old_table;
    m.old_table = ParkedTableName(x.table, m.uuid, "del");
    m.plan = ReversePlan(x.plan);
    m.sync_position = x.cutover_position;
    m.copy_done = true;
    m.state = MigrationState::kRunning;
    return store.SaveProgress(m);
  }

  auto request = AnalyzeDdl(m.ddl);
  if (!request.ok()) return std::move(request).error();
  switch (m.kind) {
    case MigrationKind::kCreate: {
      Status s = Done(connection.Execute(m.ddl));
      if (!s.ok()) return s;
      return finish(MigrationState::kComplete, "", true);
    }
    case MigrationKind::kDrop: {
      m.old_table = ParkedTableName(m.table, m.uuid, "del");
      Status s = Done(connection.Execute(fmt::format("RENAME TABLE {} TO {}",
                                                     QualifiedName(m.database, m.table),
                                                     QualifiedName(m.database, m.old_table))));
      if (!s.ok()) return s;
      return finish(MigrationState::kComplete, "the table is kept as " + m.old_table, true);
    }
    case MigrationKind::kInstant: {
      Status s = Done(connection.Execute(m.ddl));
      if (!s.ok()) return s;
      return finish(MigrationState::kComplete, "applied by MariaDB with ALGORITHM=INSTANT", false);
    }
    default:
      break;
  }

  Status settings = CheckBinlogSettings(connection);
  if (!settings.ok()) return settings;
  auto source = LoadTableInfo(connection, m.database, m.table);
  if (!source.ok()) return std::move(source).error();
  m.ghost_table = GhostTableName(m.table, m.uuid);
  m.old_table = ParkedTableName(m.table, m.uuid, "del");
  std::string ghost = QualifiedName(m.database, m.ghost_table);
  auto alter = GhostAlter(m.ddl, m.ghost_table);
  if (!alter.ok()) return std::move(alter).error();
  for (const std::string& sql :
       {"DROP TABLE IF EXISTS " + ghost,
        "CREATE TABLE " + ghost + " LIKE " + QualifiedName(m.database, m.table), alter.value()}) {
    Status s = Done(connection.Execute(sql));
    if (!s.ok()) return s;
  }
  Changelog changelog = Changelog::Of(m);
  Status fresh_changelog = changelog.Drop(connection);
  if (fresh_changelog.ok()) fresh_changelog = changelog.Create(connection);
  if (!fresh_changelog.ok()) return fresh_changelog;
  auto target = LoadTableInfo(connection, m.database, m.ghost_table);
  if (!target.ok()) return std::move(target).error();
  auto plan = PlanCopy(source.value(), target.value(), request.value().renames);
  if (!plan.ok()) return std::move(plan).error();
  m.plan = plan.value();
  auto estimate =
      connection.QueryValue(fmt::format("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE "
                                        "TABLE_SCHEMA = {} AND TABLE_NAME = {}",
                                        QuoteString(m.database), QuoteString(m.table)));
  if (!estimate.ok()) return std::move(estimate).error();
  m.rows_estimated = std::strtoull(estimate.value().value_or("0").c_str(), nullptr, 10);
  // The binlog position comes first: every change after it reaches the
  // ghost through the binlog, whatever the copy sees. A moment's read lock
  // makes it exact: it waits for every open write transaction on the table
  // to finish committing, so a change before the position is visible to the
  // copy and a change after it is in the binlog after it.
  // The wait is bounded (writes queue behind a waiting lock) and retried.
  Status locked = Done(connection.Execute("SET SESSION lock_wait_timeout = 2"));
  for (int attempt = 0; locked.ok(); ++attempt) {
    Status got =
        Done(connection.Execute("LOCK TABLES " + QualifiedName(m.database, m.table) + " READ"));
    if (got.ok()) break;
    if (got.error().code != mysql_errno::kLockWaitTimeout || attempt == 9) {
      locked = got;
      break;
    }
    if (!Sleep(std::chrono::milliseconds(500))) locked = Error::Internal("the tablet is stopping");
  }
  (void)connection.Execute("SET SESSION lock_wait_timeout = DEFAULT");
  if (!locked.ok()) return locked;
  auto position = MasterPosition(connection);
  (void)connection.Execute("UNLOCK TABLES");
  if (!position.ok()) return std::move(position).error();
  m.sync_position = position.value();
  RowMover mover(source.value(), m.ghost_table, m.plan);
  auto max = mover.MaxKey(connection);
  if (!max.ok()) return std::move(max).error();
  m.copy_max_key = max.value();
  m.copy_done = !max.value().has_value();
  if (!m.copy_done) {
    // The ghost is still empty: its plain indexes are built after the copy.
    auto deferred = DeferIndexes(connection, m.database, m.ghost_table);
    if (!deferred.ok()) return std::move(deferred).error();
    m.plan.deferred = std::move(deferred.value());
  }
  Mark(connection, m, ChangelogMarker::kCopyStarted);
  if (m.copy_done) Mark(connection, m, ChangelogMarker::kCopyDone);
  m.state = MigrationState::kRunning;
  m.message = "";
  log->info("migration {}: {} on `{}`.`{}` started, key {} ({} rows estimated)", m.uuid,
            KindName(m.kind), m.database, m.table, m.plan.key_name, m.rows_estimated);
  return store.SaveProgress(m);
}

Status Executor::RunCopy(BlockingConnection& connection, MigrationStore& store, Migration& m) {
  auto log = GetLogger("onlineddl");
  auto ghost_exists = TableExists(connection, m.database, m.ghost_table);
  if (!ghost_exists.ok()) return std::move(ghost_exists).error();
  if (!ghost_exists.value()) {
    // Interrupted after the swap: the ghost now carries the table's name and
    // the original is parked.
    auto parked = TableExists(connection, m.database, m.old_table);
    if (!parked.ok()) return std::move(parked).error();
    auto sentry = parked.value() ? DropSentryIfPresent(connection, m.database, m.old_table)
                                 : Result<bool>(true);
    if (!sentry.ok()) return std::move(sentry).error();
    if (parked.value() && !sentry.value() && !m.cutover_position.empty()) {
      log->info("migration {}: the cut-over had completed before a restart", m.uuid);
      auto now = ServerNow(connection);
      auto window_end = ServerNow(connection, options_.revert_window);
      if (!now.ok() || !window_end.ok()) return Error::Internal("cannot read the server clock");
      m.state = MigrationState::kComplete;
      m.completed_at = now.value();
      m.revert_window_ends = window_end.value();
      DropChangelog(connection, m);
      return store.SaveProgress(m);
    }
    return Error::Internal(fmt::format("the ghost table `{}` is gone", m.ghost_table));
  }
  auto sentry = DropSentryIfPresent(connection, m.database, m.old_table);
  if (!sentry.ok()) return std::move(sentry).error();
  if (!sentry.value())
    return Error::Internal(
        fmt::format("a table named `{}` is in the way of the cut-over", m.old_table));

  auto source = LoadTableInfo(connection, m.database, m.table);
  if (!source.ok()) return std::move(source).error();
  auto watched = WatchKey(source.value(), m.plan.source_key);
  if (!watched.ok()) return std::move(watched).error();
  BinlogTail tail(params_, options_.binlog_server_id);
  uint32_t chunk = m.chunk_size > 0 ? m.chunk_size : options_.initial_chunk_rows;
  // Migrations prepared before changelogs existed, and reverts, get theirs
  // here. The first heartbeat is written before any throttle check reads it.
  const Changelog changelog = Changelog::Of(m);
  Status changelog_ready = changelog.Create(connection);
  if (changelog_ready.ok()) changelog_ready = changelog.WriteHeartbeat(connection);
  if (!changelog_ready.ok()) return changelog_ready;
  auto heartbeat =
      std::make_unique<HeartbeatWriter>(params_, changelog, options_.heartbeat_interval);
  bool copy_paused = false;
  bool cutover_throttled = false;
  // The ghost's unique keys that hold all the copy key's columns: the copy
  // key is unique in the table, so a row the copy finds there already is the
  // same row, put there by a refresh.
  std::set<std::string> copy_keys;
  uint32_t unique_conflicts = 0;  // in a row, on the same chunk
  uint32_t same_conflicts = 0;    // of those, in a row on the same value
  std::string last_conflict;      // MariaDB's message for it
  // After a conflict the chunk is copied again only after a binlog read
  // made once the conflict was seen, not one that ran beside the chunk.
  bool read_before_retry = false;
  uint32_t refresh_conflicts = 0;  // in a row, from the same binlog position
  // The throttle ratio's pause: the copy waits until then, applying the
  // binlog meanwhile. The pause is sized on all the work since the last one:
  // binlog reads and refreshes as well as the chunk.
  using Clock = std::chrono::steady_clock;
  Clock::time_point copy_resumes_at = Clock::now();
  Clock::duration worked_since_pause{0};
  ChunkEnds chunk_ends = ChunkEnds::kFromSource;
  if (!m.copy_done) {
    auto target = LoadTableInfo(connection, m.database, m.ghost_table);
    if (!target.ok()) return std::move(target).error();
    std::vector<std::string> wanted = m.plan.target_key;
    std::sort(wanted.begin(), wanted.end());
    for (const UniqueKey& key : target.value().unique_keys) {
      std::vector<std::string> columns = key.columns;
      std::sort(columns.begin(), columns.end());
      if (std::includes(columns.begin(), columns.end(), wanted.begin(), wanted.end()))
        copy_keys.insert(key.name);
    }
    chunk_ends = RowMover::ChunkEndsFor(source.value(), target.value(), m.plan);
  }
  RowMover mover(source.value(), m.ghost_table, m.plan);
  // Whether the ghost may hold rows ahead of the copy: a chunk refused for a
  // unique key leaves some, and so may one copied just before a restart.
  // Until a chunk whose end comes from the source has cleared them, chunk
  // ends cannot be read from the ghost.
  bool rows_ahead = true;
  CopyTimings timings;
  // A binlog read from `m.sync_position` that ran beside the last chunk: the
  // next pass applies its changes instead of reading again. (Reading after
  // the chunk, or beside it, is the same to the copy: either way the changes
  // are applied after the chunk.) At most one read runs at a time, as the
  // server allows one dump per reader id.
  std::future<Result<TailBatch>> read_beside_copy;

  while (!stopping_) {
    Clock::time_point pass_started = Clock::now();
    if (!m.copy_done) ++timings.passes;
    auto fresh = store.Load(m.uuid);
    if (!fresh.ok()) return std::move(fresh).error();
    if (fresh.value()) {
      m.cancel_requested = fresh.value()->cancel_requested;
      m.throttled = fresh.value()->throttled;
      m.postpone_completion = fresh.value()->postpone_completion;
      m.chunk_size = fresh.value()->chunk_size;
      m.force_cutover = fresh.value()->force_cutover;
      m.throttle_permille = fresh.value()->throttle_permille;
    }
    if (m.cancel_requested) {
      if (m.kind != MigrationKind::kRevert)
        (void)connection.Execute("DROP TABLE IF EXISTS " +
                                 QualifiedName(m.database, m.ghost_table));
      heartbeat.reset();
      (void)changelog.Drop(connection);
      m.state = MigrationState::kCancelled;
      m.message = "cancelled; the original table is untouched";
      log->info("migration {} cancelled", m.uuid);
      return store.SaveProgress(m);
    }

    // Binlog changes first: they have priority over the copy.
    Clock::time_point step = Clock::now();
    const bool read_beside = read_beside_copy.valid();
    auto batch = read_beside ? read_beside_copy.get() : tail.Read(m.sync_position, watched.value());
    step = CopyTimings::Add(timings.binlog_reads, step);
    if (!batch.ok()) return std::move(batch).error();
    if (!batch.value().keys.empty()) {
      if (log->should_log(spdlog::level::trace)) {
        std::string keys;
        for (const auto& k : batch.value().keys) keys += k[0] + " ";
        log->trace("refresh {} -> {}: {}", m.sync_position.ToString(), batch.value().end.ToString(),
                   keys);
      }
      // Not in one transaction: its locks would hold the application's
      // writers to these rows for the whole batch. Nothing reads the ghost
      // table before the cut-over, and a failure leaves the position where
      // it was, so the next pass refreshes the same keys again.
      // Rows the copy has yet to reach are left to it.
      std::optional<UncopiedRange> uncopied;
      if (!m.copy_done && m.copy_max_key)
        uncopied = UncopiedRange{m.copy_last_key, *m.copy_max_key};
      auto refreshed = mover.Refresh(connection, std::move(batch.value().keys), false, uncopied);
      if (!refreshed.ok()) {
        // A row's current values can meet, on a unique key, a ghost row
        // whose own change lies further in the binlog (values moving
        // between rows). Read on from the same position, which takes that
        // row into the batch too, and refresh again. The keys this attempt
        // left deleted in the ghost are in that batch as well.
        if (refreshed.error().code != mysql_errno::kDupEntry ||
            ++refresh_conflicts > kUniqueConflictRetries)
          return std::move(refreshed).error();
        log->info(
            "migration {}: a refresh meets a unique key ({}); it reads further in the "
            "binlog and refreshes again",
            m.uuid, refreshed.error().message);
        Sleep(std::chrono::milliseconds(20));
        continue;
      }
    }
    refresh_conflicts = 0;
    step = CopyTimings::Add(timings.refreshes, step);
    m.events_applied += batch.value().row_events;
    m.sync_position = batch.value().end;

    if (!m.copy_done) {
      ThrottleDecision throttle = throttler_.Check(
          connection, changelog, m.throttled || m.throttle_permille >= kFullThrottlePermille);
      CopyTimings::Add(timings.throttle_checks, step);
      if (throttle.throttled != copy_paused) {
        copy_paused = throttle.throttled;
        if (copy_paused) {
          log->info("migration {}: the copy pauses: {}", m.uuid, throttle.reason);
        } else {
          log->info("migration {}: the copy goes on", m.uuid);
        }
      }
      if (throttle.throttled) {
        m.message = std::move(throttle.reason);
        Status saved = store.SaveProgress(m);
        if (!saved.ok()) return saved;
        Sleep(std::chrono::milliseconds(200));
        continue;
      }
      m.message.clear();
      if (m.throttle_permille == 0) copy_resumes_at = pass_started;
      if (Clock::now() < copy_resumes_at) {
        worked_since_pause += Clock::now() - pass_started;
        // The throttle ratio's pause, in slices so that the binlog keeps
        // being applied and requests are seen.
        auto wait =
            std::chrono::duration_cast<std::chrono::milliseconds>(copy_resumes_at - Clock::now()) +
            std::chrono::milliseconds(1);
        if (!Sleep(std::min(wait, std::chrono::milliseconds(200)))) break;
        if (Clock::now() < copy_resumes_at) continue;
        pass_started = Clock::now();
      }
      if (read_before_retry && read_beside) continue;  // this pass applied it; read again
      read_before_retry = false;
      if (m.chunk_size > 0) chunk = m.chunk_size;
      read_beside_copy = std::async(std::launch::async, [&tail, &watched, from = m.sync_position] {
        return tail.Read(from, watched.value());
      });
      auto started = std::chrono::steady_clock::now();
      auto copied = mover.CopyChunk(connection, m.copy_last_key, *m.copy_max_key, chunk,
                                    rows_ahead ? ChunkEnds::kFromSource : chunk_ends);
      CopyTimings::Add(timings.copying, started);
      ++timings.chunks;
      if (!copied.ok()) return std::move(copied).error();
      const SkippedRow* conflict = nullptr;
      for (const SkippedRow& skipped : copied.value().skipped)
        if (!copy_keys.contains(skipped.key)) conflict = &skipped;
      if (conflict != nullptr) {
        // The ghost refused a row for a unique key other than the copy's:
        // another row holds that value. If that row has changed since, the
        // binlog says so: apply it (next pass) and copy the chunk again. A
        // value two rows of the table really share fails the migration,
        // where INSERT IGNORE would silently leave a row out: its conflict
        // comes back, the same, however often the binlog is applied. Rows
        // whose values keep moving meet ever other values; the chunk is
        // copied again, smaller, so that fewer writes fall inside it.
        same_conflicts = conflict->message == last_conflict ? same_conflicts + 1 : 1;
        last_conflict = conflict->message;
        if (same_conflicts > kUniqueConflictRetries || ++unique_conflicts > kChunkConflictRetries)
          return Error::Make(
              mysql_errno::kDupEntry,
              fmt::format("rows of `{}` break a unique key of the new schema: {}; the original "
                          "table is untouched",
                          m.table, conflict->message));
        log->info(
            "migration {}: the copy after {} meets a unique key ({}); it applies the binlog "
            "and copies that range again",
            m.uuid, m.copy_last_key ? (*m.copy_last_key)[0] : "the start", conflict->message);
        m.rows_copied += copied.value().rows;
        rows_ahead = true;
        read_before_retry = true;
        chunk = std::max(options_.min_chunk_rows, chunk / 4);
        continue;
      }
      unique_conflicts = 0;
      same_conflicts = 0;
      last_conflict.clear();
      if (rows_ahead && chunk_ends == ChunkEnds::kFromTarget && copied.value().last) {
        auto cleared = mover.ClearAhead(connection, copied.value().last, *m.copy_max_key);
        if (!cleared.ok()) return std::move(cleared).error();
      }
      rows_ahead = false;
      log->trace("copied {} rows after {} up to {}", copied.value().rows,
                 m.copy_last_key ? (*m.copy_last_key)[0] : "start",
                 copied.value().last ? (*copied.value().last)[0] : "end");
      auto elapsed = std::chrono::steady_clock::now() - started;
      if (m.chunk_size == 0) {
        if (elapsed < options_.target_chunk_time / 2)
          chunk = std::min(options_.max_chunk_rows, chunk * 2);
        else if (elapsed > options_.target_chunk_time * 2)
          chunk = std::max(options_.min_chunk_rows, chunk / 2);
      }
      m.rows_copied += copied.value().rows;
      worked_since_pause += Clock::now() - pass_started;
      copy_resumes_at = Clock::now() + ThrottlePause(m.throttle_permille, worked_since_pause);
      worked_since_pause = Clock::duration(0);
      if (copied.value().last) {
        m.copy_last_key = copied.value().last;
      } else {
        if (!m.plan.deferred.clauses.empty()) {
          m.message = fmt::format("building {} index(es) deferred during the copy",
                                  m.plan.deferred.clauses.size());
          Status saved = store.SaveProgress(m);
          if (!saved.ok()) return saved;
          step = Clock::now();
          Status built =
              BuildDeferredIndexes(connection, m.database, m.ghost_table, m.plan.deferred);
          CopyTimings::Add(timings.deferred_indexes, step);
          if (!built.ok()) return built;
          m.message.clear();
        }
        m.copy_done = true;
        Mark(connection, m, ChangelogMarker::kCopyDone);
        log->info("migration {}: the copy took {}", m.uuid, timings.Summary());
      }
      step = Clock::now();
      Status saved = store.SaveProgress(m);
      CopyTimings::Add(timings.checkpoints, step);
      if (!saved.ok()) return saved;
      continue;
    }

    if (batch.value().row_events > options_.cutover_backlog_rows) {
      Status saved = store.SaveProgress(m);
      if (!saved.ok()) return saved;
      continue;  // still catching up
    }
    if (m.postpone_completion) {
      if (m.state != MigrationState::kReadyToComplete) {
        m.state = MigrationState::kReadyToComplete;
        m.message = "copy done; waiting for the cut-over to be requested";
        log->info("migration {} ready to complete", m.uuid);
      }
      Status saved = store.SaveProgress(m);
      if (!saved.ok()) return saved;
      Sleep(options_.idle_poll);
      continue;
    }

    // No cut-over while throttled: its final catch-up and rename would add
    // to the lag or load the throttle waits out. (The binlog is still
    // applied meanwhile, so the cut-over is quick once it may go.)
    ThrottleDecision before_cutover = throttler_.Check(connection, changelog, m.throttled);
    if (before_cutover.throttled) {
      if (!cutover_throttled)
        log->info("migration {}: the cut-over waits: {}", m.uuid, before_cutover.reason);
      cutover_throttled = true;
      m.message = std::move(before_cutover.reason);
      Status saved = store.SaveProgress(m);
      if (!saved.ok()) return saved;
      Sleep(std::chrono::milliseconds(200));
      continue;
    }
    if (cutover_throttled) m.message.clear();
    cutover_throttled = false;

    ++m.cutover_attempts;
    m.state = MigrationState::kRunning;
    if (m.force_cutover) {
      auto killed = KillCutOverBlockers(connection, m.database, m.table);
      if (!killed.ok()) {
        log->warn("migration {}: forced cut-over: {}", m.uuid, killed.error().message);
      } else if (!killed->empty()) {
        std::string ids;
        for (uint64_t id : *killed) ids += (ids.empty() ? "" : ", ") + std::to_string(id);
        log->warn("migration {}: forced cut-over killed the sessions holding `{}`: {}", m.uuid,
                  m.table, ids);
      }
    }
    Mark(connection, m, ChangelogMarker::kCutOverStarted);
    SwapRequest swap{m.database, m.table, m.ghost_table, m.old_table, options_.cutover_lock_wait};
    auto swapped = SwapTables(
        params_, swap,
        [&](const BinlogPosition& locked_at) -> Status {
          // Kept in memory only: the position saved before the lock (below)
          // already marks the cut-over for a restart, and no commit waits
          // for the disk while writes are blocked.
          m.cutover_position = locked_at;
          log->trace("cut-over attempt {}: locked at {}, applied up to {}", m.cutover_attempts,
                     locked_at.ToString(), m.sync_position.ToString());
          // Apply everything up to the lock. The dump may not yet reach the end
          // of the log the instant a commit becomes visible, so read until the
          // applied position passes `locked_at`.
          auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
          do {
            auto last = tail.Read(m.sync_position, watched.value());
            if (!last.ok()) return std::move(last).error();
            if (!last.value().keys.empty()) {
              if (log->should_log(spdlog::level::trace)) {
                std::string keys;
                for (const auto& k : last.value().keys) keys += k[0] + " ";
                log->trace("final refresh {} -> {}: {}", m.sync_position.ToString(),
                           last.value().end.ToString(), keys);
              }
              auto refreshed = mover.Refresh(connection, std::move(last.value().keys));
              if (!refreshed.ok()) return std::move(refreshed).error();
            }
            m.events_applied += last.value().row_events;
            m.sync_position = last.value().end;
            if (!(m.sync_position < locked_at)) return Status::Ok();
          } while (std::chrono::steady_clock::now() < deadline);
          return Error::Internal(fmt::format("the binlog did not reach {} (applied up to {})",
                                             locked_at.ToString(), m.sync_position.ToString()));
        },
        [&]() -> Status {
          // Setting up the swap took a moment: apply what it let accumulate.
          auto batch = tail.Read(m.sync_position, watched.value());
          if (!batch.ok()) return std::move(batch).error();
          if (!batch.value().keys.empty()) {
            auto refreshed = mover.Refresh(connection, std::move(batch.value().keys));
            if (!refreshed.ok()) return std::move(refreshed).error();
          }
          m.events_applied += batch.value().row_events;
          m.sync_position = batch.value().end;
          // A restart that finds the tables swapped completes the migration
          // and keeps the parked table in step from here: a position a
          // little before the lock only makes it refresh a few keys again.
          m.cutover_position = m.sync_position;
          return store.SaveProgress(m);
        });
    if (!swapped.ok()) {
      m.message = fmt::format("cut-over attempt {} failed: {}", m.cutover_attempts,
                              swapped.error().message);
      log->warn("migration {}: {}", m.uuid, m.message);
      if (m.cutover_attempts >= options_.max_cutover_attempts) return Error::Internal(m.message);
      m.cutover_position = {};
      Status saved = store.SaveProgress(m);
      if (!saved.ok()) return saved;
      Sleep(std::chrono::milliseconds(std::min<int64_t>(5000, 250 * m.cutover_attempts)));
      continue;
    }
    log->info(
        "migration {}: cut-over attempt {} stalled writes {} ms (final sync {} ms, rename queued "
        "{} ms, sentry dropped {} ms, rename {} ms); applied up to {}",
        m.uuid, m.cutover_attempts, swapped->stall_ms, swapped->sync_ms, swapped->queue_ms,
        swapped->drop_ms, swapped->rename_ms, m.sync_position.ToString());
    // No write may reach the original between the lock and the rename; if
    // the binlog shows one, it is missing from the new table: say so loudly.
    auto leaked = tail.Read(m.cutover_position, watched.value(), 200000, swapped->rename);
    if (!leaked.ok()) {
      log->warn(
          "migration {}: cannot check the binlog between the cut-over lock and the rename: "
          "{}",
          m.uuid, leaked.error().message);
    } else if (!leaked->keys.empty()) {
      std::string keys;
      for (size_t i = 0; i < leaked->keys.size() && i < 20; ++i) keys += leaked->keys[i][0] + " ";
      log->error(
          "migration {}: {} row changes reached `{}` after the cut-over lock at {} and "
          "before the rename; the new table misses them (keys {})",
          m.uuid, leaked->row_events, m.table, m.cutover_position.ToString(), keys);
    }
    auto now = ServerNow(connection);
    auto window_end = ServerNow(connection, options_.revert_window);
    if (!now.ok() || !window_end.ok()) return Error::Internal("cannot read the server clock");
    m.state = MigrationState::kComplete;
    m.cutover_stall_ms = swapped.value().stall_ms;
    m.completed_at = now.value();
    m.revert_window_ends = window_end.value();
    m.message = fmt::format("cut over in {} ms; the original table is kept as {}",
                            m.cutover_stall_ms, m.old_table);
    Mark(connection, m, ChangelogMarker::kCutOverDone);
    heartbeat.reset();
    DropChangelog(connection, m);
    log->info("migration {} complete: {}", m.uuid, m.message);
    Status saved = store.SaveProgress(m);
    if (!saved.ok()) return saved;
    if (m.kind == MigrationKind::kRevert) {
      auto reverted = store.Load(m.reverts);
      if (!reverted.ok()) return std::move(reverted).error();
      if (reverted.value()) {
        Migration x = *reverted.value();
        x.state = MigrationState::kReverted;
        x.old_table.clear();  // it is the live table again
        x.revert_window_ends.clear();
        x.message = "reverted by " + m.uuid;
        return store.SaveProgress(x);
      }
    }
    return Status::Ok();
  }
  return store.SaveProgress(m);
}

}  // namespace tessera::vttablet::onlineddl
