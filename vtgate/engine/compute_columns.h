// ComputeColumns: fills columns whose value is an expression over values
// vtgate has merged (aggregates over all shards, group keys), such as
// SUM(price) * 2 or COUNT(*) + 1. vtgate does not evaluate SQL itself: each
// row's expressions, with the merged values put in as literals, are
// evaluated by one shard's MariaDB (a UNION ALL of tagged SELECTs, 500 rows
// per query), so types, rounding and NULLs are exactly MariaDB's.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vtgate/engine/bind_values.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

class ComputeColumns final : public Primitive {
 public:
  struct Computed {
    size_t column = 0;  // the column it fills
    // The expression; bind index bind_count + k is the value of inputs[k].
    QueryTemplate expr;
    std::vector<ResultColumn> inputs;
  };
  ComputeColumns(std::unique_ptr<Primitive> child, const KeyspaceInfo* keyspace, size_t bind_count,
                 std::vector<Computed> computed)
      : child_(std::move(child)),
        keyspace_(keyspace),
        bind_count_(bind_count),
        computed_(std::move(computed)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Primitive> child_;
  const KeyspaceInfo* keyspace_;
  size_t bind_count_;
  std::vector<Computed> computed_;
};

}  // namespace tessera::vtgate
