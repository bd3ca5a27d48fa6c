#include "vtgate/engine/lookup_delete.h"

#include <set>
#include <utility>

#include <fmt/format.h>

#include "common/sql_string.h"
#include "vtgate/engine/cell_bind_value.h"

namespace tessera::vtgate {

namespace {

std::string HexOf(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0F]);
  }
  return out;
}

}  // namespace

boost::asio::awaitable<Result<ResultSet>> LookupDelete::Execute(VCursor& cursor,
                                                                const BindValues& binds) const {
  cursor.WriteInOneTransaction();
  auto rows = co_await select_->Execute(cursor, binds);
  if (!rows.ok()) co_return rows.error();
  if (rows->fields.size() != lookups_.size() + 1)
    co_return Error::Internal("lookup delete: the row read has the wrong number of columns");
  // Per lookup: the (value SQL, keyspace id) entries of the rows deleted.
  std::vector<std::set<std::pair<std::string, std::string>>> entries(lookups_.size());
  for (const auto& row : rows->rows) {
    if (!row[0]) continue;  // a NULL primary vindex value has no keyspace id
    BindValue key = BindValueOfCell(rows->fields[0], row[0]);
    auto keyspace_id = primary_->Map(key.value);
    if (!keyspace_id.ok()) co_return keyspace_id.error();
    for (size_t l = 0; l < lookups_.size(); ++l) {
      if (!row[l + 1]) continue;  // NULL has no entry
      entries[l].emplace(BindValueOfCell(rows->fields[l + 1], row[l + 1]).sql, *keyspace_id);
    }
  }
  auto removed = co_await remove_->Execute(cursor, binds);
  if (!removed.ok()) co_return removed;

  for (size_t l = 0; l < lookups_.size(); ++l) {
    if (entries[l].empty()) continue;
    const LookupVindex& lookup = *lookups_[l];
    if (!lookup.is_unique()) {
      // Rows left with one of these values keep their entry.
      std::string values;
      std::set<const ShardInfo*> shards;
      for (const auto& [value, keyspace_id] : entries[l]) {
        values += (values.empty() ? "" : ", ") + value;
        shards.insert(owner_.keyspace->ShardForKeyspaceId(keyspace_id));
      }
      std::vector<ShardQuery> queries;
      for (const ShardInfo* shard : shards) {
        if (shard == nullptr) continue;
        queries.push_back({shard, "SELECT " + QuoteSqlIdentifier(owner_.primary_column) + ", " +
                                      QuoteSqlIdentifier(owner_.lookup_columns[l]) + " FROM " +
                                      QuoteSqlIdentifier(owner_.table) + " WHERE " +
                                      QuoteSqlIdentifier(owner_.lookup_columns[l]) + " IN (" +
                                      values + ") FOR UPDATE"});
      }
      auto remaining = co_await cursor.ExecuteMulti(std::move(queries));
      for (auto& result : remaining) {
        if (!result.ok()) co_return result.error();
        for (const auto& row : result->rows) {
          if (!row[0] || !row[1]) continue;
          auto keyspace_id = primary_->Map(BindValueOfCell(result->fields[0], row[0]).value);
          if (!keyspace_id.ok()) continue;
          entries[l].erase({BindValueOfCell(result->fields[1], row[1]).sql, *keyspace_id});
        }
      }
      if (entries[l].empty()) continue;
    }
    std::string where;
    for (const auto& [value, keyspace_id] : entries[l]) {
      if (!where.empty()) where += " OR ";
      where += "(" + QuoteSqlIdentifier(lookup.from()) + " = " + value + " AND " +
               QuoteSqlIdentifier(lookup.to()) + " = X'" + HexOf(keyspace_id) + "')";
    }
    ShardQuery query{&lookup.home()->shards.front(),
                     "DELETE FROM " + QuoteSqlIdentifier(lookup.table()) + " WHERE " + where};
    auto done = co_await cursor.ExecuteOne(std::move(query));
    if (!done.ok()) co_return done.error();
  }
  co_return removed;
}

std::string LookupDelete::Describe(int indent) const {
  std::string pad(static_cast<size_t>(indent), ' ');
  std::string out = pad + "LookupDelete";
  for (const auto* lookup : lookups_)
    out += fmt::format(" lookup={}.{}", lookup->keyspace(), lookup->table());
  out += "\n";
  out += select_->Describe(indent + 2);
  out += remove_->Describe(indent + 2);
  return out;
}

}  // namespace tessera::vtgate
