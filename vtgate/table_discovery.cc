#include "vtgate/table_discovery.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "common/ascii.h"
#include "common/sequence_table.h"
#include "common/sql_string.h"

namespace tessera::vtgate {
namespace {

constexpr size_t kMaxTableName = 64;
constexpr std::string_view kSequenceSuffix = "_seq";

constexpr const char* kPrimaryKeyFirstColumns =
    "SELECT k.TABLE_NAME, k.COLUMN_NAME, c.EXTRA FROM information_schema.KEY_COLUMN_USAGE k "
    "JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND "
    "c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME "
    "WHERE k.TABLE_SCHEMA = DATABASE() AND k.CONSTRAINT_NAME = 'PRIMARY' AND "
    "k.ORDINAL_POSITION = 1";

Error Failed(const KeyspaceInfo& keyspace, const Error& error) {
  return Error::Make(
      error.code, "could not learn the tables of keyspace " + keyspace.name + ": " + error.message);
}

// Creates `<table>_seq` in the sequence keyspace, past every value of
// `column` already on the shards.
boost::asio::awaitable<Status> CreateSequence(VCursor& cursor, const KeyspaceInfo& keyspace,
                                              const std::string& table, const std::string& column) {
  uint64_t largest = 0;
  for (const auto& shard : keyspace.shards) {
    // GCC 12 mishandles braced temporaries in co_await arguments: name them.
    ShardQuery query{&shard, "SELECT COALESCE(MAX(" + QuoteSqlIdentifier(column) + "), 0) FROM " +
                                 QuoteSqlIdentifier(table)};
    auto max = co_await cursor.ExecuteInternal(std::move(query));
    if (!max.ok()) co_return Failed(keyspace, max.error());
    uint64_t value = 0;
    if (!max->rows.empty() && max->rows[0][0]) {
      const std::string& text = *max->rows[0][0];
      std::from_chars(text.data(), text.data() + text.size(), value);  // negative: stays 0
    }
    largest = std::max(largest, value);
  }
  const ShardInfo* home = &keyspace.auto_sequence_keyspace->shards.front();
  for (const std::string& ddl :
       SequenceTableDdl(table + std::string(kSequenceSuffix), largest + 1)) {
    ShardQuery query{home, ddl};
    auto done = co_await cursor.ExecuteInternal(std::move(query));
    if (!done.ok()) co_return Failed(keyspace, done.error());
  }
  co_return Status::Ok();
}

}  // namespace

boost::asio::awaitable<Status> DiscoverTables(VCursor& cursor, const KeyspaceInfo& keyspace) {
  ShardQuery columns{&keyspace.shards.front(), kPrimaryKeyFirstColumns};
  auto found = co_await cursor.ExecuteInternal(std::move(columns));
  if (!found.ok()) co_return Failed(keyspace, found.error());

  std::set<std::string> sequences;  // tables of the sequence keyspace
  if (keyspace.auto_sequence_keyspace != nullptr) {
    ShardQuery tables{&keyspace.auto_sequence_keyspace->shards.front(),
                      "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                      "DATABASE()"};
    auto listed = co_await cursor.ExecuteInternal(std::move(tables));
    if (!listed.ok()) co_return Failed(keyspace, listed.error());
    for (const auto& row : listed->rows)
      if (row[0]) sequences.insert(*row[0]);
  }

  std::vector<TableInfo> tables;
  for (const auto& row : found->rows) {
    if (row.size() < 3 || !row[0] || !row[1]) continue;
    const std::string& name = *row[0];
    if (name.empty() || name[0] == '_' || keyspace.tables.count(name) > 0) continue;
    TableInfo table;
    table.name = name;
    table.type = TableType::kSharded;
    table.vindexes.push_back(
        {AsciiLower(*row[1]), keyspace.auto_vindex_name, keyspace.auto_vindex});
    const bool auto_increment =
        row[2] && AsciiLower(*row[2]).find("auto_increment") != std::string::npos;
    const std::string sequence = name + std::string(kSequenceSuffix);
    if (auto_increment && keyspace.auto_sequence_keyspace != nullptr &&
        sequence.size() <= kMaxTableName) {
      if (sequences.count(sequence) == 0) {
        Status created = co_await CreateSequence(cursor, keyspace, name, *row[1]);
        if (!created.ok()) co_return created;
      }
      table.auto_increment =
          AutoIncrement{AsciiLower(*row[1]), keyspace.auto_sequence_keyspace, sequence};
    }
    tables.push_back(std::move(table));
  }
  keyspace.discovered->Replace(std::move(tables));
  co_return Status::Ok();
}

}  // namespace tessera::vtgate
