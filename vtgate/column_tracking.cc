#include "vtgate/column_tracking.h"

#include "common/ascii.h"

namespace tessera::vtgate {

const char* const kTrackedColumnsQuery =
    "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
    "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION";

std::map<std::string, std::vector<std::string>> ColumnListsFromRows(const ResultSet& rows) {
  std::map<std::string, std::vector<std::string>> tables;
  for (const auto& row : rows.rows) {
    if (row.size() < 2 || !row[0] || !row[1]) continue;
    const std::string& table = *row[0];
    if (table.empty() || table[0] == '_') continue;
    tables[table].push_back(AsciiLower(*row[1]));
  }
  return tables;
}

boost::asio::awaitable<Status> TrackColumns(VCursor& cursor, const KeyspaceInfo& keyspace) {
  ShardQuery query{&keyspace.shards.front(), kTrackedColumnsQuery};
  auto found = co_await cursor.ExecuteInternal(std::move(query));
  if (!found.ok()) {
    co_return Error::Make(found.error().code, "could not learn the columns of keyspace " +
                                                  keyspace.name + ": " + found.error().message);
  }
  keyspace.tracked_columns->Replace(ColumnListsFromRows(*found));
  co_return Status::Ok();
}

}  // namespace tessera::vtgate
