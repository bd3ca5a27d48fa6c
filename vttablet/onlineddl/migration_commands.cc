#include "vttablet/onlineddl/migration_commands.h"

#include <cctype>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "common/word_scanner.h"
#include "sqlparser/format.h"
#include "vttablet/onlineddl/ddl_request.h"
#include "vttablet/onlineddl/migration_store.h"
#include "vttablet/onlineddl/throttle_ratio.h"

namespace tessera::vttablet::onlineddl {
namespace {

bool ValidUuid(const std::string& uuid) {
  if (uuid.empty() || uuid.size() > 64) return false;
  for (char c : uuid)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

Error Syntax(std::string_view what) {
  return Error::Internal(fmt::format("MIGRATION command: {}", what));
}

ResultSet Ok(uint64_t affected) {
  ResultSet r;
  r.affected_rows = affected;
  return r;
}

}  // namespace

MigrationCommands::MigrationCommands(Executor& executor) : executor_(executor) {}

bool MigrationCommands::IsCommand(std::string_view sql) {
  WordScanner words(sql);
  return words.Word() == "migration";
}

Result<ResultSet> MigrationCommands::Handle(const std::string& database, std::string_view sql) {
  std::lock_guard lock(mutex_);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!connection_) {
      auto c = BlockingConnection::Connect(executor_.params());
      if (!c.ok()) return std::move(c).error();
      connection_ = std::move(c).value();
      Status schema = MigrationStore(*connection_).EnsureSchema();
      if (!schema.ok()) {
        connection_.reset();
        return schema.error();
      }
    }
    auto result = HandleLocked(database, sql);
    if (!result.ok() && result.error().code >= 2000 && result.error().code < 3000) {
      connection_.reset();  // lost the server: reconnect once
      continue;
    }
    return result;
  }
  return Error::Internal("cannot reach MariaDB for the MIGRATION command");
}

Result<ResultSet> MigrationCommands::HandleLocked(const std::string& database,
                                                  std::string_view sql) {
  WordScanner words(sql);
  words.Word();  // MIGRATION
  std::string verb = words.Word();
  MigrationStore store(*connection_);

  if (verb == "show") {
    std::string uuid;
    if (auto q = words.Quoted()) uuid = *q;
    if (!words.AtEnd()) return Syntax("SHOW takes an optional quoted uuid");
    return Show(uuid);
  }

  if (verb == "submit") {
    auto uuid = words.Quoted();
    if (!uuid || !ValidUuid(*uuid))
      return Syntax("SUBMIT needs a quoted uuid (letters, digits, '-', '_'; at most 64)");
    bool postpone = words.Accept("postpone");
    std::string ddl(words.Rest());
    if (database.empty()) return Error::Make(1046, "No database selected");
    auto request = AnalyzeDdl(ddl);
    if (!request.ok()) return std::move(request).error();
    Migration m;
    m.uuid = *uuid;
    m.keyspace = executor_.options().keyspace;
    m.shard = executor_.options().shard;
    m.database = database;
    m.table = request.value().table;
    m.ddl = ddl;
    m.kind = request.value().kind;
    m.postpone_completion = postpone;
    Status inserted = store.Insert(m);
    if (!inserted.ok()) return inserted.error();
    executor_.Wake();
    return Ok(1);
  }

  std::optional<std::string> uuid;
  bool skip_revert = false;
  if (verb == "skip") {
    if (!words.Accept("revert")) return Syntax("expected SKIP REVERT '<uuid>'");
    skip_revert = true;
  }
  uuid = words.Quoted();
  if (!uuid || !ValidUuid(*uuid)) return Syntax(verb + " needs a quoted migration uuid");
  auto loaded = store.Load(*uuid);
  if (!loaded.ok()) return std::move(loaded).error();
  if (!loaded.value())
    return Error::Internal(fmt::format("no migration '{}' on this shard", *uuid));
  const Migration& m = *loaded.value();
  auto require_active = [&]() -> Status {
    if (IsActive(m.state)) return Status::Ok();
    return Error::Internal(fmt::format("migration '{}' is {}", m.uuid, StateName(m.state)));
  };
  auto set = [&](const char* column, uint64_t value) -> Result<ResultSet> {
    Status s = store.SetRequest(m.uuid, column, value);
    if (!s.ok()) return s.error();
    executor_.Wake();
    return Ok(1);
  };

  if (skip_revert) {
    if (!words.AtEnd()) return Syntax("unexpected text after the uuid");
    if (m.state != MigrationState::kComplete || m.revert_window_ends.empty())
      return Error::Internal(fmt::format("migration '{}' has no open revert window", m.uuid));
    return set("cancel_requested", 1);
  }
  if (verb == "cutover" || verb == "complete") {
    Status s = require_active();
    if (!s.ok()) return s.error();
    return set("postpone_completion", 0);
  }
  if (verb == "force_cutover") {
    Status s = require_active();
    if (!s.ok()) return s.error();
    Status forced = store.SetRequest(m.uuid, "force_cutover", 1);
    if (!forced.ok()) return forced.error();
    return set("postpone_completion", 0);
  }
  if (verb == "cancel") {
    Status s = require_active();
    if (!s.ok()) return s.error();
    return set("cancel_requested", 1);
  }
  if (verb == "throttle" && words.Accept("ratio")) {
    std::string_view text = words.Rest();
    auto permille = ParseThrottleRatio(text);
    if (!permille)
      return Syntax(
          fmt::format("RATIO must be a number from 0 to 1 with at most three decimals, "
                      "not '{}'",
                      text));
    Status s = require_active();
    if (!s.ok()) return s.error();
    Status ratio = store.SetRequest(m.uuid, "throttle_permille", *permille);
    if (!ratio.ok()) return ratio.error();
    return set("throttled", *permille >= kFullThrottlePermille ? 1 : 0);
  }
  if (verb == "throttle" || verb == "unthrottle") {
    Status s = require_active();
    if (!s.ok()) return s.error();
    if (!words.AtEnd()) return Syntax("unexpected text after the uuid (THROTTLE takes RATIO r)");
    if (verb == "unthrottle") {
      Status ratio = store.SetRequest(m.uuid, "throttle_permille", 0);
      if (!ratio.ok()) return ratio.error();
    }
    return set("throttled", verb == "throttle" ? 1 : 0);
  }
  if (verb == "chunk") {
    std::string n = words.Word();
    if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos || n.size() > 7)
      return Syntax("CHUNK needs a row count");
    return set("chunk_size", std::stoull(n));
  }
  if (verb == "revert") {
    auto new_uuid = words.Quoted();
    if (!new_uuid || !ValidUuid(*new_uuid)) return Syntax("REVERT needs the uuid of the revert");
    if (m.state != MigrationState::kComplete || m.revert_window_ends.empty())
      return Error::Internal(fmt::format("migration '{}' cannot be reverted: it is {}", m.uuid,
                                         m.state == MigrationState::kComplete
                                             ? "complete and its revert window has closed"
                                             : std::string(StateName(m.state))));
    Migration r;
    r.uuid = *new_uuid;
    r.keyspace = m.keyspace;
    r.shard = m.shard;
    r.database = m.database;
    r.table = m.table;
    r.ddl = "REVERT MIGRATION '" + m.uuid + "'";
    r.kind = MigrationKind::kRevert;
    r.reverts = m.uuid;
    Status inserted = store.Insert(r);
    if (!inserted.ok()) return inserted.error();
    executor_.Wake();
    return Ok(1);
  }
  return Syntax(
      "unknown verb '" + verb +
      "' (SUBMIT, SHOW, CUTOVER, FORCE_CUTOVER, CANCEL, THROTTLE, UNTHROTTLE, CHUNK, REVERT, "
      "SKIP REVERT)");
}

Result<ResultSet> MigrationCommands::Show(const std::string& uuid) {
  MigrationStore store(*connection_);
  auto all = store.List();
  if (!all.ok()) return std::move(all).error();
  auto elapsed_rows = connection_->Query(
      "SELECT uuid, TIMESTAMPDIFF(MICROSECOND, started_at, IFNULL(completed_at, NOW(6))) FROM "
      "`_tessera`.`schema_migrations`");
  if (!elapsed_rows.ok()) return std::move(elapsed_rows).error();
  std::map<std::string, double> elapsed;
  for (const auto& r : elapsed_rows.value())
    if (r[1]) elapsed[r[0].value_or("")] = std::strtod(r[1]->c_str(), nullptr) / 1e6;
  auto master = connection_->Query("SHOW MASTER STATUS");
  std::string master_file;
  uint64_t master_offset = 0;
  if (master.ok() && !master.value().empty()) {
    master_file = master.value()[0][0].value_or("");
    master_offset = std::strtoull(master.value()[0][1].value_or("0").c_str(), nullptr, 10);
  }

  ResultSet result;
  for (const char* name : {"uuid",
                           "keyspace",
                           "shard",
                           "database",
                           "table",
                           "kind",
                           "state",
                           "progress",
                           "rows_copied",
                           "rows_estimated",
                           "events_applied",
                           "binlog_lag_bytes",
                           "eta_seconds",
                           "cutover_stall_ms",
                           "cutover_attempts",
                           "postponed",
                           "throttled",
                           "throttle_ratio",
                           "message",
                           "ddl",
                           "submitted_at",
                           "started_at",
                           "completed_at",
                           "revert_window_ends",
                           "reverts"}) {
    Field f;
    f.name = f.org_name = name;
    f.type = FieldType::kVarString;
    result.fields.push_back(f);
  }
  for (const Migration& m : all.value()) {
    if (!uuid.empty() && m.uuid != uuid) continue;
    // The row count at the start falls behind once rows are inserted ahead
    // of the copy: shown as the rows copied then.
    uint64_t estimate = std::max<uint64_t>(m.rows_estimated, m.rows_copied);
    uint64_t progress = m.copy_done     ? 100
                        : estimate == 0 ? 0
                                        : std::min<uint64_t>(99, m.rows_copied * 100 / estimate);
    if (m.state == MigrationState::kQueued) progress = 0;
    Value eta;
    double seconds = elapsed.count(m.uuid) ? elapsed[m.uuid] : 0;
    if (IsActive(m.state) && !m.copy_done && m.rows_copied > 0 && seconds > 0) {
      double rate = static_cast<double>(m.rows_copied) / seconds;
      double remaining =
          static_cast<double>(estimate > m.rows_copied ? estimate - m.rows_copied : 0);
      eta = fmt::format("{:.0f}", remaining / rate);
    } else if (IsActive(m.state) && m.copy_done) {
      eta = "0";
    }
    Value lag;
    if (IsActive(m.state) && !m.sync_position.empty() && m.sync_position.file == master_file)
      lag = std::to_string(
          master_offset > m.sync_position.offset ? master_offset - m.sync_position.offset : 0);
    auto opt = [](const std::string& s) -> Value {
      if (s.empty()) return std::nullopt;
      return s;
    };
    result.rows.push_back(
        Row{m.uuid,
            m.keyspace,
            m.shard,
            m.database,
            m.table,
            std::string(KindName(m.kind)),
            std::string(StateName(m.state)),
            std::to_string(progress),
            std::to_string(m.rows_copied),
            std::to_string(estimate),
            std::to_string(m.events_applied),
            lag,
            eta,
            std::to_string(m.cutover_stall_ms),
            std::to_string(m.cutover_attempts),
            m.postpone_completion ? "1" : "0",
            m.throttled ? "1" : "0",
            FormatThrottleRatio(m.throttled ? kFullThrottlePermille : m.throttle_permille),
            m.message,
            m.ddl,
            opt(m.submitted_at),
            opt(m.started_at),
            opt(m.completed_at),
            opt(m.revert_window_ends),
            opt(m.reverts)});
  }
  if (!uuid.empty() && result.rows.empty())
    return Error::Internal(fmt::format("no migration '{}' on this shard", uuid));
  return result;
}

}  // namespace tessera::vttablet::onlineddl
