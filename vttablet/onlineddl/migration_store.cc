#include "vttablet/onlineddl/migration_store.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sqlparser/format.h"

namespace tessera::vttablet::onlineddl {
namespace {

using sql::QuoteString;
using Json = nlohmann::json;

constexpr const char* kTable = "`_tessera`.`schema_migrations`";

constexpr const char* kColumns =
    "uuid, keyspace, shard, database_name, table_name, ddl, kind, reverts, state, message, "
    "postpone_completion, cancel_requested, throttled, chunk_size, ghost_table, old_table, plan, "
    "copy_last_key, copy_max_key, copy_done, sync_file, sync_offset, cutover_file, "
    "cutover_offset, rows_estimated, rows_copied, events_applied, cutover_stall_ms, "
    "cutover_attempts, submitted_at, started_at, completed_at, revert_window_ends, force_cutover, "
    "throttle_permille";

std::string PlanJson(const CopyPlan& p) {
  return Json{{"source_columns", p.source_columns},
              {"target_columns", p.target_columns},
              {"key_name", p.key_name},
              {"source_key", p.source_key},
              {"target_key", p.target_key},
              {"deferred_indexes", p.deferred.clauses},
              {"deferred_definition", p.deferred.definition}}
      .dump();
}

CopyPlan PlanFromJson(const std::string& text) {
  CopyPlan p;
  if (text.empty()) return p;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return p;
  p.source_columns = j.value("source_columns", std::vector<std::string>{});
  p.target_columns = j.value("target_columns", std::vector<std::string>{});
  p.key_name = j.value("key_name", "");
  p.source_key = j.value("source_key", std::vector<std::string>{});
  p.target_key = j.value("target_key", std::vector<std::string>{});
  p.deferred.clauses = j.value("deferred_indexes", std::vector<std::string>{});
  p.deferred.definition = j.value("deferred_definition", "");
  return p;
}

std::string KeyJson(const std::optional<std::vector<std::string>>& key) {
  return key ? QuoteString(Json(*key).dump()) : "NULL";
}

std::optional<std::vector<std::string>> KeyFromJson(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  Json j = Json::parse(*text, nullptr, false);
  if (!j.is_array()) return std::nullopt;
  return j.get<std::vector<std::string>>();
}

std::string OrNull(const std::string& s) {
  return s.empty() ? "NULL" : QuoteString(s);
}

uint64_t Number(const std::optional<std::string>& v) {
  return v ? std::strtoull(v->c_str(), nullptr, 10) : 0;
}

Migration FromRow(const TextRow& r) {
  Migration m;
  auto s = [&](size_t i) { return r[i].value_or(""); };
  m.uuid = s(0);
  m.keyspace = s(1);
  m.shard = s(2);
  m.database = s(3);
  m.table = s(4);
  m.ddl = s(5);
  m.kind = ParseKind(s(6)).value_or(MigrationKind::kAlter);
  m.reverts = s(7);
  m.state = ParseState(s(8)).value_or(MigrationState::kFailed);
  m.message = s(9);
  m.postpone_completion = Number(r[10]) != 0;
  m.cancel_requested = Number(r[11]) != 0;
  m.throttled = Number(r[12]) != 0;
  m.chunk_size = static_cast<uint32_t>(Number(r[13]));
  m.ghost_table = s(14);
  m.old_table = s(15);
  m.plan = PlanFromJson(s(16));
  m.copy_last_key = KeyFromJson(r[17]);
  m.copy_max_key = KeyFromJson(r[18]);
  m.copy_done = Number(r[19]) != 0;
  m.sync_position = BinlogPosition{s(20), Number(r[21])};
  m.cutover_position = BinlogPosition{s(22), Number(r[23])};
  m.rows_estimated = Number(r[24]);
  m.rows_copied = Number(r[25]);
  m.events_applied = Number(r[26]);
  m.cutover_stall_ms = Number(r[27]);
  m.cutover_attempts = static_cast<uint32_t>(Number(r[28]));
  m.submitted_at = s(29);
  m.started_at = s(30);
  m.force_cutover = Number(r[33]) != 0;
  m.throttle_permille = static_cast<uint32_t>(Number(r[34]));
  m.completed_at = s(31);
  m.revert_window_ends = s(32);
  return m;
}

}  // namespace

Status MigrationStore::EnsureSchema() {
  for (const char* ddl : {
           "CREATE DATABASE IF NOT EXISTS `_tessera`",
           "CREATE TABLE IF NOT EXISTS `_tessera`.`schema_migrations` ("
           " uuid VARCHAR(64) NOT NULL PRIMARY KEY,"
           " keyspace VARCHAR(64) NOT NULL DEFAULT '', shard VARCHAR(64) NOT NULL DEFAULT '',"
           " database_name VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL,"
           " ddl LONGTEXT NOT NULL, kind VARCHAR(16) NOT NULL, reverts VARCHAR(64) NOT NULL "
           "DEFAULT '',"
           " state VARCHAR(24) NOT NULL, message TEXT,"
           " postpone_completion TINYINT NOT NULL DEFAULT 0, cancel_requested TINYINT NOT NULL "
           "DEFAULT 0,"
           " throttled TINYINT NOT NULL DEFAULT 0, chunk_size INT UNSIGNED NOT NULL DEFAULT 0,"
           " ghost_table VARCHAR(64), old_table VARCHAR(64), plan LONGTEXT,"
           " copy_last_key LONGTEXT, copy_max_key LONGTEXT, copy_done TINYINT NOT NULL DEFAULT 0,"
           " sync_file VARCHAR(255), sync_offset BIGINT UNSIGNED NOT NULL DEFAULT 0,"
           " cutover_file VARCHAR(255), cutover_offset BIGINT UNSIGNED NOT NULL DEFAULT 0,"
           " rows_estimated BIGINT UNSIGNED NOT NULL DEFAULT 0, rows_copied BIGINT UNSIGNED NOT "
           "NULL DEFAULT 0,"
           " events_applied BIGINT UNSIGNED NOT NULL DEFAULT 0,"
           " cutover_stall_ms BIGINT UNSIGNED NOT NULL DEFAULT 0, cutover_attempts INT UNSIGNED "
           "NOT NULL DEFAULT 0,"
           " submitted_at DATETIME(6) NOT NULL, started_at DATETIME(6), completed_at DATETIME(6),"
           " revert_window_ends DATETIME(6), force_cutover TINYINT NOT NULL DEFAULT 0,"
           " throttle_permille INT UNSIGNED NOT NULL DEFAULT 0,"
           " KEY state_idx (state)) ENGINE=InnoDB",
           // Tables created before forced cut-overs existed.
           "ALTER TABLE `_tessera`.`schema_migrations` ADD COLUMN IF NOT EXISTS force_cutover "
           "TINYINT NOT NULL DEFAULT 0",
           // Tables created before throttle ratios existed.
           "ALTER TABLE `_tessera`.`schema_migrations` ADD COLUMN IF NOT EXISTS throttle_permille "
           "INT UNSIGNED NOT NULL DEFAULT 0",
       }) {
    auto done = connection_.Execute(ddl);
    if (!done.ok()) return std::move(done).error();
  }
  return Status::Ok();
}

Status MigrationStore::Insert(const Migration& m) {
  std::string sql = fmt::format(
      "INSERT INTO {} (uuid, keyspace, shard, database_name, table_name, ddl, kind, reverts, "
      "state, message, postpone_completion, submitted_at) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, "
      "{}, '', {}, NOW(6))",
      kTable, QuoteString(m.uuid), QuoteString(m.keyspace), QuoteString(m.shard),
      QuoteString(m.database), QuoteString(m.table), QuoteString(m.ddl),
      QuoteString(KindName(m.kind)), QuoteString(m.reverts), QuoteString(StateName(m.state)),
      m.postpone_completion ? 1 : 0);
  auto done = connection_.Execute(sql);
  if (!done.ok()) {
    if (done.error().code == 1062)
      return Error::Make(1062, fmt::format("migration '{}' already exists", m.uuid));
    return std::move(done).error();
  }
  return Status::Ok();
}

Result<std::optional<Migration>> MigrationStore::Load(const std::string& uuid) {
  auto rows = connection_.Query(
      fmt::format("SELECT {} FROM {} WHERE uuid = {}", kColumns, kTable, QuoteString(uuid)));
  if (!rows.ok()) return std::move(rows).error();
  if (rows.value().empty()) return std::optional<Migration>();
  return std::optional<Migration>(FromRow(rows.value()[0]));
}

Result<std::vector<Migration>> MigrationStore::List(const std::vector<MigrationState>& states) {
  std::string where;
  for (auto s : states) where += (where.empty() ? "" : ", ") + QuoteString(StateName(s));
  std::string sql = fmt::format("SELECT {} FROM {}{} ORDER BY submitted_at, uuid", kColumns, kTable,
                                where.empty() ? "" : " WHERE state IN (" + where + ")");
  auto rows = connection_.Query(sql);
  if (!rows.ok()) return std::move(rows).error();
  std::vector<Migration> out;
  for (const auto& r : rows.value()) out.push_back(FromRow(r));
  return out;
}

Status MigrationStore::SaveProgress(const Migration& m) {
  std::string sql = fmt::format(
      "UPDATE {} SET state = {}, message = {}, ghost_table = {}, old_table = {}, plan = {}, "
      "copy_last_key = {}, copy_max_key = {}, copy_done = {}, sync_file = {}, sync_offset = {}, "
      "cutover_file = {}, cutover_offset = {}, rows_estimated = {}, rows_copied = {}, "
      "events_applied = {}, cutover_stall_ms = {}, cutover_attempts = {}, started_at = {}, "
      "completed_at = {}, revert_window_ends = {} WHERE uuid = {}",
      kTable, QuoteString(StateName(m.state)), QuoteString(m.message), OrNull(m.ghost_table),
      OrNull(m.old_table), QuoteString(PlanJson(m.plan)), KeyJson(m.copy_last_key),
      KeyJson(m.copy_max_key), m.copy_done ? 1 : 0, OrNull(m.sync_position.file),
      m.sync_position.offset, OrNull(m.cutover_position.file), m.cutover_position.offset,
      m.rows_estimated, m.rows_copied, m.events_applied, m.cutover_stall_ms, m.cutover_attempts,
      OrNull(m.started_at), OrNull(m.completed_at), OrNull(m.revert_window_ends),
      QuoteString(m.uuid));
  auto done = connection_.Execute(sql);
  if (!done.ok()) return std::move(done).error();
  return Status::Ok();
}

Status MigrationStore::SetState(const std::string& uuid, MigrationState state,
                                const std::string& message) {
  auto done = connection_.Execute(
      fmt::format("UPDATE {} SET state = {}, message = {} WHERE uuid = {}", kTable,
                  QuoteString(StateName(state)), QuoteString(message), QuoteString(uuid)));
  if (!done.ok()) return std::move(done).error();
  return Status::Ok();
}

Status MigrationStore::SetRequest(const std::string& uuid, const std::string& column,
                                  uint64_t value) {
  if (column != "postpone_completion" && column != "cancel_requested" && column != "throttled" &&
      column != "chunk_size" && column != "force_cutover" && column != "throttle_permille")
    return Error::Internal("unknown migration request column " + column);
  std::string v = std::to_string(value);
  auto done = connection_.Execute(
      fmt::format("UPDATE {} SET {} = {} WHERE uuid = {}", kTable, column, v, QuoteString(uuid)));
  if (!done.ok()) return std::move(done).error();
  return Status::Ok();
}

}  // namespace tessera::vttablet::onlineddl
