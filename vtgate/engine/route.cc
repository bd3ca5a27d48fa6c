#include "vtgate/engine/route.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/sql_string.h"
#include "vtgate/gateway/shard_unavailable.h"
#include "vtgate/vindexes/lookup_vindex.h"

namespace tessera::vtgate {

std::string_view RouteOpcodeName(RouteOpcode opcode) {
  switch (opcode) {
    case RouteOpcode::kUnsharded:
      return "Unsharded";
    case RouteOpcode::kEqualUnique:
      return "EqualUnique";
    case RouteOpcode::kIn:
      return "IN";
    case RouteOpcode::kScatter:
      return "Scatter";
    case RouteOpcode::kAnyShard:
      return "AnyShard";
    case RouteOpcode::kAllShards:
      return "AllShards";
    case RouteOpcode::kLookup:
      return "Lookup";
    case RouteOpcode::kShard:
      return "Shard";
  }
  return "?";
}

Result<std::vector<const ShardInfo*>> Route::ResolveShards(const BindValues& binds) const {
  std::vector<const ShardInfo*> shards;
  switch (opcode_) {
    case RouteOpcode::kUnsharded:
    case RouteOpcode::kAnyShard:
      shards.push_back(&keyspace_->shards.front());
      break;
    case RouteOpcode::kShard:
      if (shard_ == nullptr) return Error::Internal("a shard route without its shard");
      shards.push_back(shard_);
      break;
    case RouteOpcode::kScatter:
    case RouteOpcode::kAllShards:
    case RouteOpcode::kLookup:
      for (const auto& shard : keyspace_->shards) shards.push_back(&shard);
      break;
    case RouteOpcode::kEqualUnique:
    case RouteOpcode::kIn: {
      std::vector<bool> picked(keyspace_->shards.size(), false);
      for (const auto& ref : values_) {
        const VindexValue& value = ref.Resolve(binds);
        // `col = NULL` and `col IN (NULL)` match no row anywhere.
        if (value.kind == VindexValue::Kind::kNull) continue;
        auto keyspace_id = vindex_->Map(value);
        if (!keyspace_id.ok()) {
          // A value the vindex cannot map ('12.0', ' 12' for a number) may
          // still compare equal on a shard, as MariaDB converts it: ask all.
          std::fill(picked.begin(), picked.end(), true);
          break;
        }
        const ShardInfo* shard = keyspace_->ShardForKeyspaceId(*keyspace_id);
        if (shard == nullptr) {
          return Error::Internal("keyspace " + keyspace_->name + " has no shard for value " +
                                 value.text);
        }
        picked[shard->index] = true;
      }
      for (size_t i = 0; i < picked.size(); ++i)
        if (picked[i]) shards.push_back(&keyspace_->shards[i]);
      // No shard can hold a matching row; ask one so the client still gets
      // the right column definitions.
      if (shards.empty()) shards.push_back(&keyspace_->shards.front());
      break;
    }
  }
  return shards;
}

boost::asio::awaitable<Result<std::vector<const ShardInfo*>>> Route::LookupShards(
    VCursor& cursor, const BindValues& binds) const {
  const auto* lookup = dynamic_cast<const LookupVindex*>(vindex_);
  if (lookup == nullptr || lookup->home() == nullptr)
    co_return Error::Internal("a lookup route without a lookup vindex");
  std::string list;
  for (const auto& ref : values_) {
    const VindexValue& value = ref.Resolve(binds);
    if (value.kind == VindexValue::Kind::kNull) continue;  // matches no row
    if (!list.empty()) list += ", ";
    list += value.kind == VindexValue::Kind::kString ? QuoteSqlString(value.text) : value.text;
  }
  std::vector<bool> picked(keyspace_->shards.size(), false);
  if (!list.empty()) {
    ShardQuery query{&lookup->home()->shards.front(),
                     "SELECT " + QuoteSqlIdentifier(lookup->to()) + " FROM " +
                         QuoteSqlIdentifier(lookup->table()) + " WHERE " +
                         QuoteSqlIdentifier(lookup->from()) + " IN (" + list + ")"};
    auto found = co_await cursor.ExecuteOne(std::move(query));
    if (!found.ok()) co_return found.error();
    for (const auto& row : found->rows) {
      if (row.empty() || !row[0]) continue;
      const ShardInfo* shard = keyspace_->ShardForKeyspaceId(*row[0]);
      if (shard != nullptr) picked[shard->index] = true;
    }
  }
  std::vector<const ShardInfo*> shards;
  for (size_t i = 0; i < picked.size(); ++i)
    if (picked[i]) shards.push_back(&keyspace_->shards[i]);
  // No shard can hold a matching row; ask one for the column definitions.
  if (shards.empty()) shards.push_back(&keyspace_->shards.front());
  co_return shards;
}

boost::asio::awaitable<Result<ResultSet>> Route::Execute(VCursor& cursor,
                                                         const BindValues& binds) const {
  Result<std::vector<const ShardInfo*>> shards = std::vector<const ShardInfo*>{};
  if (opcode_ == RouteOpcode::kLookup) {
    shards = co_await LookupShards(cursor, binds);
  } else {
    shards = ResolveShards(binds);
  }
  if (!shards.ok()) co_return shards.error();
  if (shards->size() > 1 && !single_shard_only_.empty()) {
    co_return Error::Make(
        mysql_errno::kNotSupportedYet,
        "unsupported: " + single_shard_only_ + " across shards of keyspace " + keyspace_->name);
  }
  std::string sql = query_.Render(binds);
  if (opcode_ == RouteOpcode::kAnyShard) {
    // Any shard can answer: one that is down is passed over for the next.
    Result<ResultSet> result = Error::Internal("keyspace " + keyspace_->name + " has no shard");
    for (const ShardInfo& shard : keyspace_->shards) {
      ShardQuery query{&shard, sql};
      result = co_await cursor.ExecuteOne(std::move(query));
      if (result.ok() || !IsShardUnavailable(result.error())) break;
    }
    co_return result;
  }
  // Named temporaries: GCC 12 mishandles braced temporaries inside co_await.
  if (shards->size() == 1) {
    ShardQuery query{shards->front(), std::move(sql)};
    co_return co_await cursor.ExecuteOne(std::move(query));
  }
  std::vector<ShardQuery> queries;
  queries.reserve(shards->size());
  for (const ShardInfo* shard : *shards) queries.push_back({shard, sql});
  auto results = co_await cursor.ExecuteMulti(std::move(queries));
  co_return ConcatenateResults(std::move(results));
}

std::string Route::Describe(int indent) const {
  std::string pad(static_cast<size_t>(indent), ' ');
  std::string out =
      fmt::format("{}Route {} keyspace={}", pad, RouteOpcodeName(opcode_), keyspace_->name);
  if (shard_ != nullptr) out += fmt::format(" shard={}", shard_->name);
  if (vindex_ != nullptr) out += fmt::format(" vindex={}", vindex_->type());
  if (!single_shard_only_.empty())
    out += fmt::format(" single_shard_only=\"{}\"", single_shard_only_);
  std::string query;
  for (size_t i = 0; i < query_.segments.size(); ++i) {
    query += query_.segments[i];
    if (i < query_.params.size()) query += fmt::format(":v{}", query_.params[i] + 1);
  }
  out += fmt::format(" query=\"{}\"\n", query);
  return out;
}

}  // namespace tessera::vtgate
