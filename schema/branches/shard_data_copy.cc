#include "schema/branches/shard_data_copy.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "schema/branches/data_copy_sql.h"
#include "schema/store/service_error.h"
#include "schema/store/sql_quote.h"
#include "schema/store/sql_session.h"

namespace tessera::schema {
namespace {

struct TableToCopy {
  std::string name;
  std::vector<CopyColumn> columns;  // in the parent's column order
  std::vector<CopyColumn> key;      // empty: one streamed pass
  std::vector<size_t> key_positions;
  uint64_t estimated_rows = 0;
};

Status Exec(SqlSession& session, const std::string& sql) {
  auto r = session.Execute(sql);
  return r.ok() ? Status::Ok() : Status(r.error());
}

struct ColumnInfo {
  std::string name;
  std::string data_type;
  bool generated = false;
};

// Columns of every table of `database`, in ordinal order.
Result<std::map<std::string, std::vector<ColumnInfo>>> ReadColumns(SqlSession& session,
                                                                   const std::string& database) {
  auto rows = session.Query(
      "SELECT table_name, column_name, data_type, is_generated FROM information_schema.columns "
      "WHERE table_schema = " +
      QuoteSqlString(database) + " ORDER BY table_name, ordinal_position");
  if (!rows.ok()) return rows.error();
  std::map<std::string, std::vector<ColumnInfo>> out;
  for (const auto& row : *rows) {
    out[row.at(0).value_or("")].push_back(
        ColumnInfo{row.at(1).value_or(""), row.at(2).value_or(""), row.at(3) != "NEVER"});
  }
  return out;
}

// The parent's base tables with what to copy of each, sorted by name.
Result<std::vector<TableToCopy>> PlanTables(SqlSession& session, const std::string& from,
                                            const std::string& to) {
  auto tables = session.Query(
      "SELECT table_name, IFNULL(table_rows, 0) FROM information_schema.tables WHERE "
      "table_schema = " +
      QuoteSqlString(from) + " AND table_type = 'BASE TABLE' ORDER BY table_name");
  if (!tables.ok()) return tables.error();
  auto from_columns = ReadColumns(session, from);
  if (!from_columns.ok()) return from_columns.error();
  auto to_columns = ReadColumns(session, to);
  if (!to_columns.ok()) return to_columns.error();
  auto primary = session.Query(
      "SELECT table_name, column_name FROM information_schema.statistics WHERE table_schema = " +
      QuoteSqlString(from) + " AND index_name = 'PRIMARY' ORDER BY table_name, seq_in_index");
  if (!primary.ok()) return primary.error();
  std::map<std::string, std::vector<std::string>> keys;
  for (const auto& row : *primary) keys[row.at(0).value_or("")].push_back(row.at(1).value_or(""));

  std::vector<TableToCopy> out;
  for (const auto& row : *tables) {
    TableToCopy t;
    t.name = row.at(0).value_or("");
    t.estimated_rows = std::stoull(row.at(1).value_or("0"));
    auto branch_table = to_columns->find(t.name);
    if (branch_table == to_columns->end()) continue;  // dropped on the branch
    std::set<std::string> writable;
    for (const auto& c : branch_table->second)
      if (!c.generated) writable.insert(c.name);
    std::map<std::string, std::string> types;
    for (const auto& c : (*from_columns)[t.name]) {
      types[c.name] = c.data_type;
      if (c.generated || writable.count(c.name) == 0) continue;
      t.columns.push_back(CopyColumn{c.name, ColumnKindOf(c.data_type)});
    }
    if (t.columns.empty()) continue;
    bool keyset = keys.count(t.name) > 0;
    for (const auto& k : keys[t.name]) {
      auto at = std::find_if(t.columns.begin(), t.columns.end(),
                             [&](const CopyColumn& c) { return c.name == k; });
      if (at == t.columns.end() || !KeysetComparable(types[k])) {
        keyset = false;
        break;
      }
      t.key.push_back(*at);
      t.key_positions.push_back(static_cast<size_t>(at - t.columns.begin()));
    }
    if (!keyset) {
      t.key.clear();
      t.key_positions.clear();
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

Status ShardDataCopy::Run(const std::atomic<bool>& stop, const ProgressFn& progress) {
  auto reader = SqlSession::Connect(login_);
  if (!reader.ok()) return reader.error();
  auto writer = SqlSession::Connect(login_);
  if (!writer.ok()) return writer.error();
  SqlSession& in = **reader;
  SqlSession& out = **writer;

  // The table list comes before the snapshot: a table made after it could
  // not be read in it (ER_TABLE_DEF_CHANGED).
  auto tables = PlanTables(out, from_, to_);
  if (!tables.ok()) return WithContext("reading the tables of " + from_, tables.error());
  // Both sides in UTC so TIMESTAMP text means the same instant; no
  // NO_BACKSLASH_ESCAPES (literals are backslash-escaped); 0 stays 0 in
  // AUTO_INCREMENT columns; strict, so a value the branch's table cannot
  // hold (its schema changed under the copy) fails rather than changes,
  // but zero dates the parent holds are accepted; tables in any order
  // despite foreign keys.
  for (const char* sql : {"SET SESSION time_zone = '+00:00'",
                          "SET SESSION sql_mode = "
                          "'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'",
                          "SET SESSION foreign_key_checks = 0"}) {
    if (Status s = Exec(out, sql); !s.ok()) return s;
  }
  for (const char* sql : {"SET SESSION time_zone = '+00:00'", "SET SESSION net_write_timeout = 600",
                          "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                          "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"}) {
    if (Status s = Exec(in, sql); !s.ok()) return s;
  }

  uint64_t estimated = 0;
  for (const auto& t : *tables) estimated += t.estimated_rows;
  uint64_t copied = 0;
  progress(copied, estimated);

  for (const auto& t : *tables) {
    if (stop.load()) return Error::Internal(kStopped);
    InsertBatch batch(to_, t.name, t.columns, options_.batch_rows, options_.batch_bytes);
    auto flush = [&]() -> Status {
      if (batch.empty()) return Status::Ok();
      const uint64_t rows = batch.rows();
      if (Status s = Exec(out, batch.Take()); !s.ok()) return s;
      copied += rows;
      progress(copied, std::max(estimated, copied));
      if (stop.load()) return Error::Internal(kStopped);
      return Status::Ok();
    };
    std::optional<SqlRow> after;
    size_t in_chunk = 0;
    auto take = [&](const SqlRow& row) -> Status {
      batch.Add(row);
      ++in_chunk;
      if (!t.key.empty()) {
        SqlRow last;
        last.reserve(t.key_positions.size());
        for (size_t p : t.key_positions) last.push_back(row[p]);
        after = std::move(last);
      }
      return batch.full() ? flush() : Status::Ok();
    };
    Status read = Status::Ok();
    if (t.key.empty()) {
      read = in.QueryEach(ChunkSelect(from_, t.name, t.columns, t.key, std::nullopt, 0), take);
    } else {
      for (;;) {
        in_chunk = 0;
        read = in.QueryEach(
            ChunkSelect(from_, t.name, t.columns, t.key, after, options_.chunk_rows), take);
        if (!read.ok() || in_chunk < options_.chunk_rows) break;
      }
    }
    if (read.ok()) read = flush();
    if (!read.ok()) return WithContext("table " + QuoteIdentifier(t.name), read.error());
  }
  in.Rollback();  // read only: ends the snapshot and releases the metadata locks
  return Status::Ok();
}

}  // namespace tessera::schema
