#include "vtgate/engine/lookup_entries.h"

#include <vector>

#include "common/sql_string.h"
#include "vtgate/engine/cell_bind_value.h"

namespace tessera::vtgate {

std::string KeyspaceIdLiteral(std::string_view keyspace_id) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "X'";
  for (unsigned char c : keyspace_id) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0F]);
  }
  return out + "'";
}

boost::asio::awaitable<Status> AddLookupEntries(VCursor& cursor, const LookupVindex& lookup,
                                                const LookupEntries& entries) {
  if (entries.empty()) co_return Status::Ok();
  std::string values;
  for (const auto& [value, keyspace_id] : entries) {
    values += values.empty() ? "(" : ", (";
    values += value + ", " + KeyspaceIdLiteral(keyspace_id) + ")";
  }
  ShardQuery query{&lookup.home()->shards.front(),
                   std::string(lookup.is_unique() ? "INSERT" : "INSERT IGNORE") + " INTO " +
                       QuoteSqlIdentifier(lookup.table()) + " (" +
                       QuoteSqlIdentifier(lookup.from()) + ", " + QuoteSqlIdentifier(lookup.to()) +
                       ") VALUES " + values};
  auto added = co_await cursor.ExecuteOne(std::move(query));
  if (!added.ok()) co_return added.error();
  co_return Status::Ok();
}

boost::asio::awaitable<Status> RemoveLookupEntries(VCursor& cursor, const LookupVindex& lookup,
                                                   const LookupOwner& owner,
                                                   const std::string& column,
                                                   LookupEntries entries) {
  if (entries.empty()) co_return Status::Ok();
  if (!lookup.is_unique()) {
    // Rows left with one of these values keep their entry.
    std::string values;
    std::set<const ShardInfo*> shards;
    for (const auto& [value, keyspace_id] : entries) {
      values += (values.empty() ? "" : ", ") + value;
      if (const ShardInfo* shard = owner.keyspace->ShardForKeyspaceId(keyspace_id))
        shards.insert(shard);
    }
    std::vector<ShardQuery> queries;
    for (const ShardInfo* shard : shards) {
      queries.push_back(
          {shard, "SELECT " + QuoteSqlIdentifier(owner.primary_column) + ", " +
                      QuoteSqlIdentifier(column) + " FROM " + QuoteSqlIdentifier(owner.table) +
                      " WHERE " + QuoteSqlIdentifier(column) + " IN (" + values + ") FOR UPDATE"});
    }
    auto remaining = co_await cursor.ExecuteMulti(std::move(queries));
    for (auto& result : remaining) {
      if (!result.ok()) co_return result.error();
      for (const auto& row : result->rows) {
        if (row.size() < 2 || !row[0] || !row[1]) continue;
        auto keyspace_id = owner.primary->Map(BindValueOfCell(result->fields[0], row[0]).value);
        if (!keyspace_id.ok()) continue;
        entries.erase({BindValueOfCell(result->fields[1], row[1]).sql, *keyspace_id});
      }
    }
    if (entries.empty()) co_return Status::Ok();
  }
  std::string where;
  for (const auto& [value, keyspace_id] : entries) {
    if (!where.empty()) where += " OR ";
    where += "(" + QuoteSqlIdentifier(lookup.from()) + " = " + value + " AND " +
             QuoteSqlIdentifier(lookup.to()) + " = " + KeyspaceIdLiteral(keyspace_id) + ")";
  }
  ShardQuery query{&lookup.home()->shards.front(),
                   "DELETE FROM " + QuoteSqlIdentifier(lookup.table()) + " WHERE " + where};
  auto done = co_await cursor.ExecuteOne(std::move(query));
  if (!done.ok()) co_return done.error();
  co_return Status::Ok();
}

}  // namespace tessera::vtgate
