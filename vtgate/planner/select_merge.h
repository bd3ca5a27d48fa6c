// Cross-shard SELECT: when a SELECT on a sharded keyspace may read several
// shards, plain concatenation is only right for queries without ORDER BY,
// LIMIT, DISTINCT or aggregates. PlanMergedSelect rewrites the shard query
// (hidden sort-key and WEIGHT_STRING() columns, LIMIT offset+count) and puts
// the primitives that finish the job in vtgate on top of the Route:
//   Route -> [ScalarAggregate | Distinct] -> [MemorySort] -> [Limit] -> TruncateColumns
// Shapes it cannot finish exactly (GROUP BY, HAVING, AVG, COUNT(DISTINCT),
// window functions, ...) keep a single-shard-only Route, refused with 1235
// when their values reach more than one shard.
#pragma once

#include <memory>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/planner/route_analysis.h"

namespace tessera::vtgate {

struct MergeOptions {
  bool strip_qualifiers = false;
  size_t bind_count = 0;
  size_t max_memory_rows = 100000;  // rows vtgate may hold to sort or deduplicate
};

// `choice` is the route ChooseShardedRoute picked for `select`.
Result<std::unique_ptr<Primitive>> PlanMergedSelect(sql::ast::SelectStatement& select,
                                                    const KeyspaceInfo& keyspace,
                                                    RouteChoice choice,
                                                    const MergeOptions& options);

}  // namespace tessera::vtgate
