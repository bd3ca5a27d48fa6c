// MetadataStore: the deploy request tables (deploy_requests,
// deploy_migrations, deploy_reviews). See metadata_store.h.
#include <nlohmann/json.hpp>

#include "schema/store/metadata_store.h"
#include "schema/store/service_error.h"
#include "schema/store/sql_quote.h"

namespace tessera::schema {
namespace {

const char* const kCreateDeployTables[] = {
    R"sql(CREATE TABLE IF NOT EXISTS deploy_requests (
  id BIGINT NOT NULL AUTO_INCREMENT,
  keyspace VARCHAR(64) NOT NULL,
  branch VARCHAR(32) NOT NULL,
  into_branch VARCHAR(32) NOT NULL,
  state VARCHAR(32) NOT NULL,
  notes TEXT NOT NULL,
  ddl LONGTEXT NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY keyspace_branch (keyspace, branch)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4)sql",
    // Columns added after the first release of the table.
    R"sql(ALTER TABLE deploy_requests
  ADD COLUMN IF NOT EXISTS unified_diff LONGTEXT NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS lint LONGTEXT NOT NULL DEFAULT '[]',
  ADD COLUMN IF NOT EXISTS tables_changed TEXT NOT NULL DEFAULT '[]',
  ADD COLUMN IF NOT EXISTS main_tables LONGTEXT NOT NULL DEFAULT '[]',
  ADD COLUMN IF NOT EXISTS auto_apply TINYINT(1) NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS approved TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS cutover_requested TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS message TEXT NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS deployed_at DATETIME NULL,
  ADD COLUMN IF NOT EXISTS completed_at DATETIME NULL,
  ADD COLUMN IF NOT EXISTS revert_window_ends DATETIME NULL,
  ADD COLUMN IF NOT EXISTS throttle_ratio VARCHAR(8) NOT NULL DEFAULT '',
  ADD KEY IF NOT EXISTS state (state))sql",
    R"sql(CREATE TABLE IF NOT EXISTS deploy_migrations (
  id BIGINT NOT NULL AUTO_INCREMENT,
  request_id BIGINT NOT NULL,
  uuid VARCHAR(64) NOT NULL,
  shard VARCHAR(64) NOT NULL,
  seq INT NOT NULL,
  purpose VARCHAR(16) NOT NULL,
  table_name VARCHAR(64) NOT NULL,
  ddl LONGTEXT NOT NULL,
  reverts VARCHAR(64) NOT NULL DEFAULT '',
  submitted TINYINT(1) NOT NULL DEFAULT 0,
  state VARCHAR(32) NOT NULL,
  progress INT NOT NULL DEFAULT 0,
  rows_copied BIGINT UNSIGNED NOT NULL DEFAULT 0,
  rows_estimated BIGINT UNSIGNED NOT NULL DEFAULT 0,
  eta_seconds VARCHAR(32) NOT NULL DEFAULT '',
  message TEXT NOT NULL,
  revert_window_ends VARCHAR(32) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY uuid_shard (uuid, shard),
  KEY request (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4)sql",
    R"sql(ALTER TABLE deploy_migrations
  ADD COLUMN IF NOT EXISTS throttle_ratio VARCHAR(8) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS throttle_ratio_sent VARCHAR(8) NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS events_applied BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS binlog_lag_bytes VARCHAR(20) NOT NULL DEFAULT '')sql",
    R"sql(CREATE TABLE IF NOT EXISTS deploy_reviews (
  id BIGINT NOT NULL AUTO_INCREMENT,
  request_id BIGINT NOT NULL,
  approved TINYINT(1) NOT NULL,
  comment TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY request (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4)sql",
};

// DATETIME columns are read as "YYYY-MM-DD HH:MM:SS", NULL as "".
constexpr const char* kRequestColumns =
    "id, keyspace, branch, into_branch, state, notes, ddl, unified_diff, lint, tables_changed, "
    "main_tables, auto_apply, approved, cutover_requested, message, "
    "IFNULL(DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), ''), "
    "IFNULL(DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s'), ''), "
    "IFNULL(DATE_FORMAT(deployed_at, '%Y-%m-%d %H:%i:%s'), ''), "
    "IFNULL(DATE_FORMAT(completed_at, '%Y-%m-%d %H:%i:%s'), ''), "
    "IFNULL(DATE_FORMAT(revert_window_ends, '%Y-%m-%d %H:%i:%s'), ''), throttle_ratio";

constexpr const char* kMigrationColumns =
    "request_id, uuid, shard, seq, purpose, table_name, ddl, reverts, submitted, state, progress, "
    "rows_copied, rows_estimated, eta_seconds, message, revert_window_ends, throttle_ratio, "
    "throttle_ratio_sent, events_applied, binlog_lag_bytes";

constexpr const char* kReviewColumns =
    "request_id, approved, comment, IFNULL(DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), '')";

std::string Text(const SqlRow& row, size_t i) {
  return row.at(i).value_or("");
}

int64_t Integer(const SqlRow& row, size_t i) {
  std::string text = Text(row, i);
  return text.empty() ? 0 : std::stoll(text);
}

std::string ListToJson(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> ListFromJson(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> out;
  if (!parsed.is_array()) return out;
  for (const auto& s : parsed)
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

// A DATETIME value or NULL for "".
std::string DateTimeOrNull(const std::string& value) {
  return value.empty() ? "NULL" : QuoteSqlString(value);
}

const char* Flag(bool value) {
  return value ? "1" : "0";
}

DeployRequestRecord RequestFromRow(const SqlRow& row) {
  DeployRequestRecord d;
  d.id = Integer(row, 0);
  d.keyspace = Text(row, 1);
  d.branch = Text(row, 2);
  d.into_branch = Text(row, 3);
  d.state = Text(row, 4);
  d.notes = Text(row, 5);
  d.ddl = ListFromJson(Text(row, 6));
  d.unified = Text(row, 7);
  d.lint_json = Text(row, 8);
  d.tables = ListFromJson(Text(row, 9));
  d.main_tables = ListFromJson(Text(row, 10));
  d.auto_apply = Text(row, 11) == "1";
  d.approved = Text(row, 12) == "1";
  d.cutover_requested = Text(row, 13) == "1";
  d.message = Text(row, 14);
  d.created_at = Text(row, 15);
  d.updated_at = Text(row, 16);
  d.deployed_at = Text(row, 17);
  d.completed_at = Text(row, 18);
  d.revert_window_ends = Text(row, 19);
  d.throttle_ratio = Text(row, 20);
  return d;
}

DeployMigrationRecord MigrationFromRow(const SqlRow& row) {
  DeployMigrationRecord m;
  m.request_id = Integer(row, 0);
  m.uuid = Text(row, 1);
  m.shard = Text(row, 2);
  m.seq = static_cast<int>(Integer(row, 3));
  m.purpose = Text(row, 4);
  m.table = Text(row, 5);
  m.ddl = Text(row, 6);
  m.reverts = Text(row, 7);
  m.submitted = Text(row, 8) == "1";
  m.state = Text(row, 9);
  m.progress = static_cast<int>(Integer(row, 10));
  m.rows_copied = static_cast<uint64_t>(Integer(row, 11));
  m.rows_estimated = static_cast<uint64_t>(Integer(row, 12));
  m.eta_seconds = Text(row, 13);
  m.message = Text(row, 14);
  m.revert_window_ends = Text(row, 15);
  m.throttle_ratio = Text(row, 16);
  m.throttle_ratio_sent = Text(row, 17);
  m.events_applied = static_cast<uint64_t>(Integer(row, 18));
  m.binlog_lag_bytes = Text(row, 19);
  return m;
}

std::string InsertMigrationSql(const DeployMigrationRecord& m) {
  return std::string("INSERT INTO deploy_migrations (") + kMigrationColumns + ") VALUES (" +
         std::to_string(m.request_id) + ", " + QuoteSqlString(m.uuid) + ", " +
         QuoteSqlString(m.shard) + ", " + std::to_string(m.seq) + ", " + QuoteSqlString(m.purpose) +
         ", " + QuoteSqlString(m.table) + ", " + QuoteSqlString(m.ddl) + ", " +
         QuoteSqlString(m.reverts) + ", " + Flag(m.submitted) + ", " + QuoteSqlString(m.state) +
         ", " + std::to_string(m.progress) + ", " + std::to_string(m.rows_copied) + ", " +
         std::to_string(m.rows_estimated) + ", " + QuoteSqlString(m.eta_seconds) + ", " +
         QuoteSqlString(m.message) + ", " + QuoteSqlString(m.revert_window_ends) + ", " +
         QuoteSqlString(m.throttle_ratio) + ", " + QuoteSqlString(m.throttle_ratio_sent) + ", " +
         std::to_string(m.events_applied) + ", " + QuoteSqlString(m.binlog_lag_bytes) + ")";
}

std::string QuotedList(const std::vector<std::string>& values) {
  std::string list;
  for (const auto& v : values) list += (list.empty() ? "" : ", ") + QuoteSqlString(v);
  return list;
}

Error StoreError(Error e) {
  return WithContext("metadata store", std::move(e));
}

}  // namespace

Status MetadataStore::EnsureDeploySchema(SqlSession& db) {
  for (const char* ddl : kCreateDeployTables) {
    if (auto r = db.Execute(ddl); !r.ok()) return StoreError(r.error());
  }
  return Status::Ok();
}

Result<int64_t> MetadataStore::InsertDeployRequest(const DeployRequestRecord& d) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto r = (*session)->Execute(
      "INSERT INTO deploy_requests (keyspace, branch, into_branch, state, notes, ddl, "
      "unified_diff, lint, tables_changed, main_tables, auto_apply, approved, cutover_requested, "
      "message, created_at, updated_at) VALUES (" +
      QuoteSqlString(d.keyspace) + ", " + QuoteSqlString(d.branch) + ", " +
      QuoteSqlString(d.into_branch) + ", " + QuoteSqlString(d.state) + ", " +
      QuoteSqlString(d.notes) + ", " + QuoteSqlString(ListToJson(d.ddl)) + ", " +
      QuoteSqlString(d.unified) + ", " + QuoteSqlString(d.lint_json.empty() ? "[]" : d.lint_json) +
      ", " + QuoteSqlString(ListToJson(d.tables)) + ", " +
      QuoteSqlString(ListToJson(d.main_tables)) + ", " + Flag(d.auto_apply) + ", " +
      Flag(d.approved) + ", " + Flag(d.cutover_requested) + ", " + QuoteSqlString(d.message) +
      ", UTC_TIMESTAMP(), UTC_TIMESTAMP())");
  if (!r.ok()) return StoreError(r.error());
  return static_cast<int64_t>((*session)->LastInsertId());
}

Result<std::vector<DeployRequestRecord>> MetadataStore::ListDeployRequests(
    const std::string& keyspace) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto rows = (*session)->Query(
      std::string("SELECT ") + kRequestColumns +
      " FROM deploy_requests WHERE keyspace = " + QuoteSqlString(keyspace) + " ORDER BY id");
  if (!rows.ok()) return StoreError(rows.error());
  std::vector<DeployRequestRecord> out;
  for (const auto& row : *rows) out.push_back(RequestFromRow(row));
  return out;
}

Result<std::vector<DeployRequestRecord>> MetadataStore::ListDeployRequestsInStates(
    const std::vector<std::string>& states) {
  if (states.empty()) return std::vector<DeployRequestRecord>();
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto rows = (*session)->Query(std::string("SELECT ") + kRequestColumns +
                                " FROM deploy_requests WHERE state IN (" + QuotedList(states) +
                                ") ORDER BY id");
  if (!rows.ok()) return StoreError(rows.error());
  std::vector<DeployRequestRecord> out;
  for (const auto& row : *rows) out.push_back(RequestFromRow(row));
  return out;
}

Result<std::optional<DeployRequestRecord>> MetadataStore::FindDeployRequest(int64_t id) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto rows = (*session)->Query(std::string("SELECT ") + kRequestColumns +
                                " FROM deploy_requests WHERE id = " + std::to_string(id));
  if (!rows.ok()) return StoreError(rows.error());
  if (rows->empty()) return std::optional<DeployRequestRecord>();
  return std::optional<DeployRequestRecord>(RequestFromRow(rows->front()));
}

Status MetadataStore::UpdateDeployRequestState(int64_t id, const std::string& state) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto r = (*session)->Execute("UPDATE deploy_requests SET state = " + QuoteSqlString(state) +
                               ", updated_at = UTC_TIMESTAMP() WHERE id = " + std::to_string(id));
  if (!r.ok()) return StoreError(r.error());
  if (*r == 0) return NotFound("deploy request " + std::to_string(id) + " not found");
  return Status::Ok();
}

Result<int64_t> MetadataStore::CountOpenDeployRequests(const std::string& keyspace,
                                                       const std::string& branch) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  // A complete request keeps its revert window but no longer needs the branch.
  const std::vector<std::string> finished = {deploy_state::kComplete, deploy_state::kReverted,
                                             deploy_state::kClosed, deploy_state::kCancelled,
                                             deploy_state::kFailed};
  auto rows = (*session)->Query(
      "SELECT COUNT(*) FROM deploy_requests WHERE keyspace = " + QuoteSqlString(keyspace) +
      " AND branch = " + QuoteSqlString(branch) + " AND state NOT IN (" + QuotedList(finished) +
      ")");
  if (!rows.ok()) return StoreError(rows.error());
  if (rows->empty()) return int64_t{0};
  return Integer(rows->front(), 0);
}

Status MetadataStore::SaveDeployRequest(const DeployRequestUpdate& update) {
  const DeployRequestRecord& d = update.request;
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto& db = **session;
  if (Status s = db.Begin(); !s.ok()) return StoreError(s.error());
  auto fail = [&](Error e) -> Status {
    db.Rollback();
    return StoreError(std::move(e));
  };
  auto found =
      db.Query("SELECT 1 FROM deploy_requests WHERE id = " + std::to_string(d.id) + " FOR UPDATE");
  if (!found.ok()) return fail(found.error());
  if (found->empty()) {
    db.Rollback();
    return NotFound("deploy request " + std::to_string(d.id) + " not found");
  }
  auto updated = db.Execute(
      "UPDATE deploy_requests SET state = " + QuoteSqlString(d.state) +
      ", notes = " + QuoteSqlString(d.notes) + ", ddl = " + QuoteSqlString(ListToJson(d.ddl)) +
      ", unified_diff = " + QuoteSqlString(d.unified) +
      ", lint = " + QuoteSqlString(d.lint_json.empty() ? "[]" : d.lint_json) +
      ", tables_changed = " + QuoteSqlString(ListToJson(d.tables)) + ", main_tables = " +
      QuoteSqlString(ListToJson(d.main_tables)) + ", auto_apply = " + Flag(d.auto_apply) +
      ", approved = " + Flag(d.approved) + ", cutover_requested = " + Flag(d.cutover_requested) +
      ", message = " + QuoteSqlString(d.message) + ", deployed_at = " +
      DateTimeOrNull(d.deployed_at) + ", completed_at = " + DateTimeOrNull(d.completed_at) +
      ", revert_window_ends = " + DateTimeOrNull(d.revert_window_ends) +
      ", throttle_ratio = " + QuoteSqlString(d.throttle_ratio) +
      ", updated_at = UTC_TIMESTAMP() WHERE id = " + std::to_string(d.id));
  if (!updated.ok()) return fail(updated.error());
  for (const auto& m : update.new_migrations) {
    if (auto r = db.Execute(InsertMigrationSql(m)); !r.ok()) return fail(r.error());
  }
  if (update.review) {
    const DeployReviewRecord& review = *update.review;
    auto r = db.Execute(
        "INSERT INTO deploy_reviews (request_id, approved, comment, created_at) VALUES (" +
        std::to_string(review.request_id) + ", " + Flag(review.approved) + ", " +
        QuoteSqlString(review.comment) + ", UTC_TIMESTAMP())");
    if (!r.ok()) return fail(r.error());
  }
  if (Status s = db.Commit(); !s.ok()) return StoreError(s.error());
  return Status::Ok();
}

Result<std::vector<DeployMigrationRecord>> MetadataStore::ListDeployMigrations(int64_t request_id) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto rows = (*session)->Query(
      std::string("SELECT ") + kMigrationColumns +
      " FROM deploy_migrations WHERE request_id = " + std::to_string(request_id) + " ORDER BY id");
  if (!rows.ok()) return StoreError(rows.error());
  std::vector<DeployMigrationRecord> out;
  for (const auto& row : *rows) out.push_back(MigrationFromRow(row));
  return out;
}

Status MetadataStore::UpdateDeployMigration(const DeployMigrationRecord& m) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto r = (*session)->Execute(
      std::string("UPDATE deploy_migrations SET submitted = ") + Flag(m.submitted) +
      ", state = " + QuoteSqlString(m.state) + ", progress = " + std::to_string(m.progress) +
      ", rows_copied = " + std::to_string(m.rows_copied) + ", rows_estimated = " +
      std::to_string(m.rows_estimated) + ", eta_seconds = " + QuoteSqlString(m.eta_seconds) +
      ", message = " + QuoteSqlString(m.message) +
      ", revert_window_ends = " + QuoteSqlString(m.revert_window_ends) +
      ", throttle_ratio = " + QuoteSqlString(m.throttle_ratio) +
      ", throttle_ratio_sent = " + QuoteSqlString(m.throttle_ratio_sent) +
      ", events_applied = " + std::to_string(m.events_applied) +
      ", binlog_lag_bytes = " + QuoteSqlString(m.binlog_lag_bytes) +
      " WHERE uuid = " + QuoteSqlString(m.uuid) + " AND shard = " + QuoteSqlString(m.shard));
  if (!r.ok()) return StoreError(r.error());
  return Status::Ok();
}

Result<std::vector<DeployReviewRecord>> MetadataStore::ListDeployReviews(int64_t request_id) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto rows = (*session)->Query(
      std::string("SELECT ") + kReviewColumns +
      " FROM deploy_reviews WHERE request_id = " + std::to_string(request_id) + " ORDER BY id");
  if (!rows.ok()) return StoreError(rows.error());
  std::vector<DeployReviewRecord> out;
  for (const auto& row : *rows) {
    out.push_back(
        DeployReviewRecord{Integer(row, 0), Text(row, 1) == "1", Text(row, 2), Text(row, 3)});
  }
  return out;
}

}  // namespace tessera::schema
