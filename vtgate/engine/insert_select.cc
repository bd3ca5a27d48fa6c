#include "vtgate/engine/insert_select.h"

#include <fmt/format.h>

#include "vtgate/engine/cell_bind_value.h"

namespace tessera::vtgate {

boost::asio::awaitable<Result<ResultSet>> InsertSelect::Execute(VCursor& cursor,
                                                                const BindValues& binds) const {
  auto selected = co_await select_->Execute(cursor, binds);
  if (!selected.ok()) co_return selected.error();
  const ResultSet& rows = *selected;
  if (spec_.columns != 0 && rows.fields.size() != spec_.columns)
    co_return Error::Make(mysql_errno::kWrongValueCount,
                          "Column count doesn't match value count at row 1");
  const KeyspaceInfo& keyspace = *spec_.keyspace;
  // Per shard: the rendered value lists of its rows.
  std::vector<std::vector<std::string>> per_shard(keyspace.shards.size());
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    const Row& row = rows.rows[r];
    std::string values = "(";
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) values += ",";
      values += BindValueOfCell(rows.fields[c], row[c]).sql;
    }
    values += ")";
    switch (spec_.target) {
      case Target::kUnsharded:
        per_shard[0].push_back(std::move(values));
        break;
      case Target::kReference:
        for (auto& shard_rows : per_shard) shard_rows.push_back(values);
        break;
      case Target::kSharded: {
        const size_t p = spec_.vindex_position;
        BindValue key = BindValueOfCell(rows.fields[p], row[p]);
        auto keyspace_id = spec_.vindex->Map(key.value);
        if (!keyspace_id.ok()) {
          co_return Error::Make(mysql_errno::kUnknown,
                                fmt::format("INSERT ... SELECT: row {} has no shard: {}", r + 1,
                                            keyspace_id.error().message));
        }
        const ShardInfo* shard = keyspace.ShardForKeyspaceId(*keyspace_id);
        if (shard == nullptr)
          co_return Error::Internal("keyspace " + keyspace.name + " has no shard for row " +
                                    std::to_string(r + 1));
        per_shard[shard->index].push_back(std::move(values));
        break;
      }
    }
  }
  const std::string suffix = spec_.suffix.Render(binds);
  std::vector<ShardQuery> queries;
  for (size_t s = 0; s < per_shard.size(); ++s) {
    const auto& shard_rows = per_shard[s];
    for (size_t start = 0; start < shard_rows.size(); start += kRowsPerStatement) {
      std::string sql = spec_.prefix;
      const size_t end = std::min(shard_rows.size(), start + kRowsPerStatement);
      for (size_t i = start; i < end; ++i) {
        if (i > start) sql += ",";
        sql += shard_rows[i];
      }
      sql += suffix;
      queries.push_back(ShardQuery{&keyspace.shards[s], std::move(sql)});
    }
  }
  ResultSet out;
  if (queries.empty()) co_return out;
  auto results = co_await cursor.ExecuteMulti(std::move(queries));
  auto combined = ConcatenateResults(std::move(results));
  if (!combined.ok()) co_return combined;
  // A reference table's rows land on every shard but count once.
  if (spec_.target == Target::kReference)
    combined->affected_rows /= std::max<size_t>(1, keyspace.shards.size());
  co_return combined;
}

std::string InsertSelect::Describe(int indent) const {
  const char* target = spec_.target == Target::kSharded     ? "sharded"
                       : spec_.target == Target::kUnsharded ? "unsharded"
                                                            : "reference";
  return fmt::format("{}InsertSelect {} keyspace={} prefix=\"{}\"\n{}",
                     std::string(static_cast<size_t>(indent), ' '), target, spec_.keyspace->name,
                     spec_.prefix, select_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
