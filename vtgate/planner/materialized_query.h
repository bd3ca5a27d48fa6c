// MaterializedQuery: the planner's last resort for a SELECT or UNION that it
// cannot split across shards (the merge, join, union and subquery planners
// refused it with 1235). Every table the statement reads is copied into
// vtgate by a plan of its own: `SELECT <columns> FROM t`, with the terms of
// the WHERE that concern that table alone. It reads the columns the
// statement names (all of them for a star, USING or NATURAL JOIN, or when
// vtgate does not know the table's column list). One shard of the keyspace
// then runs the whole statement over the copies (engine/materialize.h).
// This is right for anything MariaDB can run; the cost is reading whole
// tables, so the copies are bounded by the max_memory_rows limit.
//
// Contract: returns null (keep the first refusal) for statements whose
// meaning depends on where they run or that change something: locking
// reads, SQL_CALC_FOUND_ROWS, user and system variables, session functions
// (DATABASE(), LAST_INSERT_ID(), CONNECTION_ID(), FOUND_ROWS(), ROW_COUNT(),
// USER(), ...), lock and sequence functions, stored functions named with a
// database, WITH below the top level, system schemas, and statements
// spanning keyspaces. The names of a top-level WITH are its own tables. A WHERE
// term is copied into the plan of a table of its own query's FROM only when
// it names no other table, no subquery and nothing non-deterministic, and
// the table is not on the NULL-extended side of an outer join; unqualified
// columns count only where no outer query could own them (the statement,
// its WITH bodies, derived tables). The statement itself keeps every term. A statement
// ending in LIMIT 0 reads no rows at all: the copies' types are all it
// needs. `plan_rows` plans one copy's statement (with `bind_count` bind
// variables); its refusal makes this return null as well.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/planner/table_binding.h"

namespace tessera::vtgate {

using PlanRowsFn = std::function<Result<std::unique_ptr<Primitive>>(sql::ast::Statement&)>;

Result<std::unique_ptr<Primitive>> PlanMaterializedQuery(sql::ast::Statement& stmt,
                                                         const StatementBinding& binding,
                                                         size_t bind_count, size_t max_rows,
                                                         const PlanRowsFn& plan_rows);

}  // namespace tessera::vtgate
