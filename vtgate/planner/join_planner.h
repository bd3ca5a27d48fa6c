// Cross-shard joins: a SELECT whose sharded tables are not all co-located
// (joined on their primary vindex columns) is cut, in FROM order, into
// groups of tables one shard query can join (co-located sharded tables and
// reference tables, all of one keyspace: tables of several keyspaces are
// never in one group), and vtgate joins the groups with nested-loop Joins:
//   Route(group 0) -> Join(group 1) -> ... -> [MemorySort] -> [Limit] -> Project
// Each condition runs in the first group where all its tables are present;
// the columns of earlier groups it names become bind values of the row being
// joined, so MariaDB evaluates every condition itself. Hidden columns carry
// those values and the ORDER BY keys (with their collation weights).
//
// Aggregates (COUNT/SUM/MIN/MAX/AVG, COUNT/SUM/AVG(DISTINCT)), GROUP BY,
// HAVING (as HAVING across shards allows), DISTINCT, ORDER BY and LIMIT run
// in vtgate over the joined rows.
// Refused with 1235 naming the construct: other aggregates, window
// functions, subqueries, derived tables, RIGHT and NATURAL joins, USING,
// joins nested on the right, locking reads, columns without a table
// qualifier that vtgate cannot resolve because a table's column list is not
// known (column_resolution.h resolves the others, or refuses them with
// MySQL's 1052 / 1054), expressions computed from a LEFT JOINed group, and
// WHERE conditions on a LEFT JOINed group other than `column IS [NOT] NULL`
// (tested by vtgate on the joined rows: the anti-join `WHERE o.id IS NULL`).
#pragma once

#include <memory>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/planner/select_merge.h"
#include "vtgate/planner/table_binding.h"

namespace tessera::vtgate {

Result<std::unique_ptr<Primitive>> PlanJoinedSelect(sql::ast::SelectStatement& select,
                                                    const KeyspaceInfo& keyspace,
                                                    const StatementBinding& binding,
                                                    const MergeOptions& options);

}  // namespace tessera::vtgate
