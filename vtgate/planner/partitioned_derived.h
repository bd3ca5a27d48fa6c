// Derived tables whose rows split by shard: when the query of a derived
// table reads one sharded table and no row it returns depends on rows of
// another shard, the derived table's rows are the union of what each shard
// computes for its own rows, so the enclosing SELECT can go to every shard
// with the derived table inside, and vtgate merges the answers as it does
// for a plain sharded table (ORDER BY, LIMIT, aggregates, ...).
//
// The derived query qualifies when it is a plain SELECT (no WITH, UNION,
// LIMIT, subquery or locking clause) over exactly one sharded table of the
// keyspace, and
//  - window functions only without grouping, each partitioned by the
//    table's primary vindex column (see shard_local_window.h);
//  - it aggregates only with a GROUP BY that includes the table's primary
//    vindex column (each group then lives on one shard);
//  - DISTINCT only when the select list holds that column.
#pragma once

#include "sqlparser/ast/ast.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

// True when `select`'s FROM is a single derived table that qualifies.
bool IsShardPartitionedDerivedSelect(sql::ast::SelectStatement& select,
                                     const KeyspaceInfo& keyspace);

}  // namespace tessera::vtgate
