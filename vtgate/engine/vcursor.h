// VCursor: the only door from plan primitives to the outside world. It runs
// SQL on shards (respecting the session's transaction) and nothing else, so
// every primitive can be unit-tested with a fake cursor.
#pragma once

#include <string>
#include <vector>

#include <utility>  // before Asio 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "common/result_set.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

struct ShardQuery {
  const ShardInfo* shard = nullptr;
  std::string sql;
};

class VCursor {
 public:
  virtual ~VCursor() = default;
  // Runs every query on its shard, concurrently. Results are in the order of
  // `queries`; one shard's failure does not cancel the others.
  virtual boost::asio::awaitable<std::vector<Result<ResultSet>>> ExecuteMulti(
      std::vector<ShardQuery> queries) = 0;
  // Convenience for a single shard.
  virtual boost::asio::awaitable<Result<ResultSet>> ExecuteOne(ShardQuery query) = 0;
  // Runs `query` on its shard outside the session's transaction and keyspace
  // restriction: for vtgate's own bookkeeping (sequence values), never for
  // the client's statements.
  virtual boost::asio::awaitable<Result<ResultSet>> ExecuteInternal(ShardQuery query) = 0;
  // The statement writes to more than one place (a lookup table and the
  // rows' shards): outside a transaction, what it sends from here on runs in
  // an implicit transaction that ends with the statement (committed when it
  // succeeds, rolled back otherwise).
  virtual void WriteInOneTransaction() = 0;
};

}  // namespace tessera::vtgate
