// Route: sends one query to the shards of one keyspace that can hold the
// rows it touches, and concatenates their answers.
//   kUnsharded   the keyspace's only shard
//   kEqualUnique the shard of values[0] under a unique vindex
//   kIn          the shards of every value in values (deduplicated)
//   kScatter     every shard (reads)
//   kAnyShard    one shard, any (reference tables, statements without tables)
//   kAllShards   every shard (DDL, writes to reference tables)
//   kLookup      the shards a lookup vindex's table names for values (asked
//                first, one query to the lookup table's keyspace)
//   kShard       the one shard SetShard names (a session's `USE ks:shard`)
// A query whose results cannot simply be concatenated (ORDER BY, LIMIT,
// aggregates, ...) carries a `single_shard_only` reason: it runs when its
// values resolve to one shard and is refused (1235) otherwise.
#pragma once

#include <string>
#include <vector>

#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

enum class RouteOpcode {
  kUnsharded,
  kEqualUnique,
  kIn,
  kScatter,
  kAnyShard,
  kAllShards,
  kLookup,
  kShard
};

std::string_view RouteOpcodeName(RouteOpcode opcode);

class Route final : public Primitive {
 public:
  Route(RouteOpcode opcode, const KeyspaceInfo* keyspace, QueryTemplate query)
      : opcode_(opcode), keyspace_(keyspace), query_(std::move(query)) {}

  void SetVindex(const Vindex* vindex, std::vector<ValueRef> values) {
    vindex_ = vindex;
    values_ = std::move(values);
  }
  void SetSingleShardOnly(std::string reason) { single_shard_only_ = std::move(reason); }
  // kShard: the shard (of `keyspace`) every run goes to.
  void SetShard(const ShardInfo* shard) { shard_ = shard; }

  RouteOpcode opcode() const { return opcode_; }
  const KeyspaceInfo* keyspace() const { return keyspace_; }
  const QueryTemplate& query() const { return query_; }

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

  // The shards this route targets for `binds`, in shard order. A kLookup
  // route resolves to every shard here (no query is made).
  Result<std::vector<const ShardInfo*>> ResolveShards(const BindValues& binds) const;

 private:
  // kLookup: the shards of the keyspace ids the lookup table holds for the
  // values, in shard order; one shard when none.
  boost::asio::awaitable<Result<std::vector<const ShardInfo*>>> LookupShards(
      VCursor& cursor, const BindValues& binds) const;

  RouteOpcode opcode_;
  const KeyspaceInfo* keyspace_;
  QueryTemplate query_;
  const Vindex* vindex_ = nullptr;
  std::vector<ValueRef> values_;
  std::string single_shard_only_;
  const ShardInfo* shard_ = nullptr;
};

}  // namespace tessera::vtgate
