// Co-located subqueries: a correlated subquery whose sharded tables are each
// tied to the outer row's shard needs nothing from other shards, so the
// statement can go to the shards with the subquery inside it.
//
// A subquery qualifies when it is a SELECT whose FROM holds plain tables of
// the statement's keyspace, and every sharded one among them is compared for
// equality, in a top-level AND term of the subquery's WHERE, on its primary
// vindex column with the primary vindex column of a sharded table of the
// outer statement's own FROM that uses the same vindex (both columns
// qualified):
//   SELECT ... FROM customer c WHERE EXISTS
//     (SELECT 1 FROM corder o WHERE o.customer_id = c.customer_id AND ...)
// Every row the subquery can see for an outer row then lives on that outer
// row's shard, whatever the subquery computes over them (aggregates, LIMIT).
#pragma once

#include <vector>

#include "sqlparser/ast/ast.h"
#include "vtgate/planner/table_binding.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

// True when `stmt` is a SELECT over plain tables (no derived table) and every
// subquery in it (at any depth) that reads a sharded table qualifies.
// `tables` is the statement's binding (BindTables).
bool SubqueriesFollowOuterRows(sql::ast::Statement& stmt, const KeyspaceInfo& keyspace,
                               const std::vector<BoundTable>& tables);

}  // namespace tessera::vtgate
