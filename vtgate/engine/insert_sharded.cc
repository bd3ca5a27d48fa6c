#include "vtgate/engine/insert_sharded.h"

#include <fmt/format.h>

namespace tessera::vtgate {

boost::asio::awaitable<Result<ResultSet>> InsertSharded::Execute(VCursor& cursor,
                                                                 const BindValues& binds) const {
  std::vector<std::string> per_shard(keyspace_->shards.size());
  for (const auto& row : rows_) {
    const VindexValue& value = row.vindex_value.Resolve(binds);
    auto keyspace_id = vindex_->Map(value);
    if (!keyspace_id.ok()) {
      co_return Error::Make(mysql_errno::kUnknown,
                            "could not choose a shard for the row: " + keyspace_id.error().message);
    }
    const ShardInfo* shard = keyspace_->ShardForKeyspaceId(*keyspace_id);
    if (shard == nullptr) co_return Error::Internal("no shard owns value " + value.text);
    std::string& sql = per_shard[shard->index];
    if (sql.empty()) {
      sql = prefix_;
    } else {
      sql += ',';
    }
    sql += row.values.Render(binds);
  }
  std::vector<ShardQuery> queries;
  std::string suffix = suffix_.Render(binds);
  for (size_t i = 0; i < per_shard.size(); ++i) {
    if (per_shard[i].empty()) continue;
    per_shard[i] += suffix;
    queries.push_back({&keyspace_->shards[i], std::move(per_shard[i])});
  }
  if (queries.size() == 1) co_return co_await cursor.ExecuteOne(std::move(queries.front()));
  auto results = co_await cursor.ExecuteMulti(std::move(queries));
  co_return ConcatenateResults(std::move(results));
}

std::string InsertSharded::Describe(int indent) const {
  return fmt::format("{}InsertSharded keyspace={} vindex={} rows={}\n",
                     std::string(static_cast<size_t>(indent), ' '), keyspace_->name,
                     vindex_->type(), rows_.size());
}

}  // namespace tessera::vtgate
