// Cross-shard SELECT: when a SELECT on a sharded keyspace may read several
// shards, plain concatenation is only right for queries without ORDER BY,
// LIMIT, DISTINCT, GROUP BY, HAVING or aggregates. PlanMergedSelect rewrites
// the shard query (hidden sort-key, group-key and WEIGHT_STRING() columns,
// LIMIT offset+count) and puts the primitives that finish the job in vtgate
// on top of the Route:
//   no grouping:  Route -> [Distinct] -> [MemorySort] -> [Limit] -> TruncateColumns
//   plain COUNT/SUM/MIN/MAX/BIT_*:  Route -> ScalarAggregate -> TruncateColumns
//   otherwise:    Route -> [MemorySort keys] -> OrderedAggregate -> [ComputeColumns]
//                 -> [Filter (HAVING)] -> [Distinct] -> [MemorySort (ORDER BY)] -> [Limit]
//                 -> TruncateColumns
// With grouping, shards get GROUP BY (plus the arguments of DISTINCT
// aggregates and of GROUP_CONCAT, whose rows vtgate must see) and neither
// HAVING, ORDER BY nor LIMIT; AVG(x) travels as SUM(x) and COUNT(x), the
// variance family as COUNT(x), SUM(x) and VAR_POP(x). Expressions over
// aggregates (in the list, HAVING or ORDER BY) are computed by MariaDB over the
// merged values (ComputeColumns). WITH ROLLUP: OrderedAggregate adds the
// super-aggregate rows when every item is a group key or over aggregates.
// Window functions pass as plain columns when MergeOptions says the shards
// compute them right and nothing groups, or the groups are whole on each
// shard (GROUP BY a vindex column); otherwise they are refused too.
// Shapes it cannot finish exactly (window functions, JSON_ARRAYAGG and other
// aggregates, * with grouping, WITH ROLLUP with ORDER BY or other items, ...)
// keep a single-shard-only Route of the statement as written, refused with
// 1235 when their values reach more than one shard.
#pragma once

#include <memory>
#include <string>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/planner/route_analysis.h"

namespace tessera::vtgate {

struct MergeOptions {
  bool strip_qualifiers = false;
  size_t bind_count = 0;
  size_t max_memory_rows = 100000;  // rows vtgate may hold to sort or deduplicate
  // Every window function of the SELECT partitions by a vindex column, so
  // each shard computes its values right (see shard_local_window.h); they
  // merge as plain columns when the query neither groups nor aggregates.
  bool shard_local_windows = false;
  std::string window_refusal;  // why windows are not shard-local, when known
  // GROUP BY lists a vindex column: every group is whole on one shard. Only
  // asked with shard-local windows, whose query then goes to the shards as
  // it is and merges like an ungrouped one.
  bool groups_within_shards = false;
};

// `choice` is the route ChooseShardedRoute picked for `select`.
Result<std::unique_ptr<Primitive>> PlanMergedSelect(sql::ast::SelectStatement& select,
                                                    const KeyspaceInfo& keyspace,
                                                    RouteChoice choice,
                                                    const MergeOptions& options);

}  // namespace tessera::vtgate
