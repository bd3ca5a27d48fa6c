#include "schema/store/metadata_store.h"

#include <nlohmann/json.hpp>

#include "schema/store/service_error.h"
#include "schema/store/sql_quote.h"

namespace tessera::schema {
namespace {

const char* const kCreateTables[] = {
    R"sql(CREATE TABLE IF NOT EXISTS branches (
  keyspace VARCHAR(64) NOT NULL,
  name VARCHAR(32) NOT NULL,
  parent VARCHAR(32) NOT NULL DEFAULT '',
  production TINYINT(1) NOT NULL DEFAULT 0,
  safe_migrations TINYINT(1) NOT NULL DEFAULT 0,
  base_schema LONGTEXT NOT NULL,
  data_state VARCHAR(32) NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (keyspace, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4)sql",
    // Columns added after the first release of the table: data copy progress.
    R"sql(ALTER TABLE branches
  ADD COLUMN IF NOT EXISTS data_message TEXT NOT NULL DEFAULT '',
  ADD COLUMN IF NOT EXISTS data_rows_copied BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS data_rows_estimated BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS data_elapsed_ms BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS data_shards LONGTEXT NOT NULL DEFAULT '[]')sql",
    R"sql(CREATE TABLE IF NOT EXISTS credentials (
  username VARCHAR(32) NOT NULL,
  password_hash CHAR(41) NOT NULL,
  keyspace VARCHAR(64) NOT NULL,
  branch VARCHAR(32) NOT NULL,
  role VARCHAR(16) NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (username),
  KEY keyspace_branch (keyspace, branch)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4)sql",
};

constexpr const char* kBranchColumns =
    "keyspace, name, parent, production, safe_migrations, base_schema, "
    "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), data_state, data_message, data_rows_copied, "
    "data_rows_estimated, data_elapsed_ms, data_shards";
constexpr const char* kCredentialColumns =
    "username, password_hash, keyspace, branch, role, "
    "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s')";

std::string Text(const SqlRow& row, size_t i) {
  return row.at(i).value_or("");
}

std::string SchemaToJson(const std::vector<std::string>& statements) {
  return nlohmann::json(statements).dump();
}

std::vector<std::string> SchemaFromJson(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> out;
  if (!parsed.is_array()) return out;
  for (const auto& s : parsed)
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

uint64_t Unsigned(const SqlRow& row, size_t i) {
  std::string text = Text(row, i);
  return text.empty() ? 0 : std::stoull(text);
}

std::string ShardsToJson(const std::vector<ShardDataProgress>& shards) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : shards) {
    out.push_back({{"shard", s.shard},
                   {"state", s.state},
                   {"rows_copied", s.rows_copied},
                   {"rows_estimated", s.rows_estimated}});
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<ShardDataProgress> ShardsFromJson(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::vector<ShardDataProgress> out;
  if (!parsed.is_array()) return out;
  for (const auto& s : parsed) {
    if (!s.is_object()) continue;
    ShardDataProgress shard;
    shard.shard = s.value("shard", "");
    shard.state = s.value("state", "");
    shard.rows_copied = s.value("rows_copied", uint64_t{0});
    shard.rows_estimated = s.value("rows_estimated", uint64_t{0});
    out.push_back(std::move(shard));
  }
  return out;
}

BranchRecord BranchFromRow(const SqlRow& row) {
  BranchRecord b;
  b.keyspace = Text(row, 0);
  b.name = Text(row, 1);
  b.parent = Text(row, 2);
  b.production = Text(row, 3) == "1";
  b.safe_migrations = Text(row, 4) == "1";
  b.base_schema = SchemaFromJson(Text(row, 5));
  b.created_at = Text(row, 6);
  b.data_state = Text(row, 7);
  b.data.message = Text(row, 8);
  b.data.rows_copied = Unsigned(row, 9);
  b.data.rows_estimated = Unsigned(row, 10);
  b.data.elapsed_ms = Unsigned(row, 11);
  b.data.shards = ShardsFromJson(Text(row, 12));
  return b;
}

CredentialRecord CredentialFromRow(const SqlRow& row) {
  return CredentialRecord{Text(row, 0), Text(row, 1), Text(row, 2),
                          Text(row, 3), Text(row, 4), Text(row, 5)};
}

Error StoreError(Error e) {
  return WithContext("metadata store", std::move(e));
}

Status ToStatus(const Result<uint64_t>& r) {
  return r.ok() ? Status::Ok() : Status(StoreError(r.error()));
}

}  // namespace

Result<std::unique_ptr<SqlSession>> MetadataStore::Connect(bool with_database) const {
  auto session = SqlSession::Connect(login_, with_database ? kDatabase : "");
  if (!session.ok()) return StoreError(std::move(session).error());
  return session;
}

Status MetadataStore::EnsureSchema() {
  auto session = Connect(/*with_database=*/false);
  if (!session.ok()) return session.error();
  auto& db = **session;
  auto created = db.Execute(std::string("CREATE DATABASE IF NOT EXISTS ") +
                            QuoteIdentifier(kDatabase) + " DEFAULT CHARACTER SET utf8mb4");
  if (!created.ok()) return StoreError(created.error());
  if (auto used = db.Execute(std::string("USE ") + QuoteIdentifier(kDatabase)); !used.ok())
    return StoreError(used.error());
  for (const char* ddl : kCreateTables) {
    if (auto r = db.Execute(ddl); !r.ok()) return StoreError(r.error());
  }
  return EnsureDeploySchema(db);
}

Result<std::vector<BranchRecord>> MetadataStore::ListBranches(const std::string& keyspace) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto rows = (*session)->Query(std::string("SELECT ") + kBranchColumns +
                                " FROM branches WHERE keyspace = " + QuoteSqlString(keyspace) +
                                " ORDER BY production DESC, name");
  if (!rows.ok()) return StoreError(rows.error());
  std::vector<BranchRecord> out;
  for (const auto& row : *rows) out.push_back(BranchFromRow(row));
  return out;
}

Result<std::optional<BranchRecord>> MetadataStore::FindBranch(const std::string& keyspace,
                                                              const std::string& name) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto rows = (*session)->Query(std::string("SELECT ") + kBranchColumns +
                                " FROM branches WHERE keyspace = " + QuoteSqlString(keyspace) +
                                " AND name = " + QuoteSqlString(name));
  if (!rows.ok()) return StoreError(rows.error());
  if (rows->empty()) return std::optional<BranchRecord>();
  return std::optional<BranchRecord>(BranchFromRow(rows->front()));
}

Status MetadataStore::InsertBranch(const BranchRecord& b) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto r = (*session)->Execute(
      "INSERT INTO branches (keyspace, name, parent, production, safe_migrations, base_schema, "
      "data_state, created_at) VALUES (" +
      QuoteSqlString(b.keyspace) + ", " + QuoteSqlString(b.name) + ", " + QuoteSqlString(b.parent) +
      ", " + (b.production ? "1" : "0") + ", " + (b.safe_migrations ? "1" : "0") + ", " +
      QuoteSqlString(SchemaToJson(b.base_schema)) + ", " + QuoteSqlString(b.data_state) +
      ", UTC_TIMESTAMP())");
  if (!r.ok() && r.error().code == mysql_errno::kDupEntry) {
    return Conflict("branch " + b.name + " already exists in keyspace " + b.keyspace);
  }
  return ToStatus(r);
}

Status MetadataStore::UpdateBranch(const BranchRecord& b) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  // Matched rows, not changed rows, decide existence: compare first.
  auto found =
      (*session)->Query("SELECT 1 FROM branches WHERE keyspace = " + QuoteSqlString(b.keyspace) +
                        " AND name = " + QuoteSqlString(b.name));
  if (!found.ok()) return StoreError(found.error());
  if (found->empty()) return NotFound("branch " + b.name + " not found in keyspace " + b.keyspace);
  return ToStatus((*session)->Execute(
      "UPDATE branches SET parent = " + QuoteSqlString(b.parent) + ", production = " +
      (b.production ? "1" : "0") + ", safe_migrations = " + (b.safe_migrations ? "1" : "0") +
      ", base_schema = " + QuoteSqlString(SchemaToJson(b.base_schema)) +
      " WHERE keyspace = " + QuoteSqlString(b.keyspace) + " AND name = " + QuoteSqlString(b.name)));
}

Result<bool> MetadataStore::SaveBranchData(const std::string& keyspace, const std::string& name,
                                           const std::string& state, const BranchDataProgress& data,
                                           const std::string& only_from_state) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  std::string sql = "UPDATE branches SET data_state = " + QuoteSqlString(state) +
                    ", data_message = " + QuoteSqlString(data.message) +
                    ", data_rows_copied = " + std::to_string(data.rows_copied) +
                    ", data_rows_estimated = " + std::to_string(data.rows_estimated) +
                    ", data_elapsed_ms = " + std::to_string(data.elapsed_ms) +
                    ", data_shards = " + QuoteSqlString(ShardsToJson(data.shards)) +
                    " WHERE keyspace = " + QuoteSqlString(keyspace) +
                    " AND name = " + QuoteSqlString(name);
  if (!only_from_state.empty()) sql += " AND data_state = " + QuoteSqlString(only_from_state);
  // Found rows, not changed rows: an unchanged progress still counts as written.
  auto found = (*session)->Query(
      "SELECT 1 FROM branches WHERE keyspace = " + QuoteSqlString(keyspace) +
      " AND name = " + QuoteSqlString(name) +
      (only_from_state.empty() ? std::string()
                               : " AND data_state = " + QuoteSqlString(only_from_state)));
  if (!found.ok()) return StoreError(found.error());
  if (found->empty()) return false;
  auto r = (*session)->Execute(sql);
  if (!r.ok()) return StoreError(r.error());
  return true;
}

Status MetadataStore::DeleteBranch(const std::string& keyspace, const std::string& name) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto& db = **session;
  if (Status s = db.Begin(); !s.ok()) return StoreError(s.error());
  auto credentials =
      db.Execute("DELETE FROM credentials WHERE keyspace = " + QuoteSqlString(keyspace) +
                 " AND branch = " + QuoteSqlString(name));
  if (!credentials.ok()) {
    db.Rollback();
    return StoreError(credentials.error());
  }
  auto branch = db.Execute("DELETE FROM branches WHERE keyspace = " + QuoteSqlString(keyspace) +
                           " AND name = " + QuoteSqlString(name));
  if (!branch.ok()) {
    db.Rollback();
    return StoreError(branch.error());
  }
  if (Status s = db.Commit(); !s.ok()) return StoreError(s.error());
  return Status::Ok();
}

Status MetadataStore::InsertCredential(const CredentialRecord& c) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto r = (*session)->Execute(
      "INSERT INTO credentials (username, password_hash, keyspace, branch, role, created_at) "
      "VALUES (" +
      QuoteSqlString(c.username) + ", " + QuoteSqlString(c.password_hash) + ", " +
      QuoteSqlString(c.keyspace) + ", " + QuoteSqlString(c.branch) + ", " + QuoteSqlString(c.role) +
      ", UTC_TIMESTAMP())");
  if (!r.ok() && r.error().code == mysql_errno::kDupEntry) {
    return Conflict("username " + c.username + " is taken");
  }
  return ToStatus(r);
}

Result<std::vector<CredentialRecord>> MetadataStore::ListCredentials(const std::string& keyspace,
                                                                     const std::string& branch) {
  auto session = Connect();
  if (!session.ok()) return session.error();
  auto rows = (*session)->Query(std::string("SELECT ") + kCredentialColumns +
                                " FROM credentials WHERE keyspace = " + QuoteSqlString(keyspace) +
                                " AND branch = " + QuoteSqlString(branch) +
                                " ORDER BY created_at DESC, username");
  if (!rows.ok()) return StoreError(rows.error());
  std::vector<CredentialRecord> out;
  for (const auto& row : *rows) out.push_back(CredentialFromRow(row));
  return out;
}

}  // namespace tessera::schema
