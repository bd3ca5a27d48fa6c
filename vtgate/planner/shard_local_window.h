// Window functions the shards can compute: a shard computes a window
// function correctly when every row of each of its partitions lives on that
// shard, i.e. when its PARTITION BY lists (as a plain column reference,
// qualified or not) the primary vindex column of a sharded table of the
// statement's own FROM that no outer join NULL-extends. Per-shard results
// are then ordinary column values for vtgate to concatenate, sort, limit or
// deduplicate.
//
// - HasWindowFunctions: whether the SELECT's list, HAVING or ORDER BY calls a
//   window function (subqueries are queries of their own, not looked at).
// - ShardLocalWindowRefusal: empty when every window function of `select`
//   is shard-local in that sense against `tables` (the statement's binding);
//   otherwise the construct that is not, e.g. "window function RANK without
//   PARTITION BY a vindex column". Named windows (OVER w, OVER (w ...)) are
//   resolved through the WINDOW clause; an unknown name is refused.
// - GroupsWithinShards: whether `select` groups by (a plain reference to)
//   such a vindex column, without WITH ROLLUP: then every group, its
//   aggregates and HAVING are complete on one shard, and so are windows over
//   the groups that ShardLocalWindowRefusal accepts.
#pragma once

#include <string>
#include <vector>

#include "sqlparser/ast/ast.h"
#include "vtgate/planner/table_binding.h"

namespace tessera::vtgate {

bool HasWindowFunctions(sql::ast::SelectStatement& select);

std::string ShardLocalWindowRefusal(sql::ast::SelectStatement& select,
                                    const std::vector<BoundTable>& tables);

bool GroupsWithinShards(sql::ast::SelectStatement& select, const std::vector<BoundTable>& tables);

}  // namespace tessera::vtgate
