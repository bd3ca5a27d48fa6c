// UNION on a sharded keyspace: every part is planned on its own (any shape
// the planner supports, joins and subqueries included) and vtgate combines
// them:  Concatenate(parts) -> [Distinct] -> [MemorySort] -> [Limit]
// UNION (DISTINCT) and the union's ORDER BY compare values by collation:
// each part then also selects WEIGHT_STRING() of its columns, dropped at
// the end. Refused with 1235: EXCEPT / INTERSECT, mixing UNION and UNION
// ALL, locking reads, `*` in the parts of a UNION that deduplicates or
// orders, ORDER BY other than by position or column name.
#pragma once

#include <functional>
#include <memory>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/planner/select_merge.h"

namespace tessera::vtgate {

using PlanPart = std::function<Result<std::unique_ptr<Primitive>>(sql::ast::Statement&)>;

Result<std::unique_ptr<Primitive>> PlanUnion(sql::ast::UnionStatement& statement,
                                             const MergeOptions& options,
                                             const PlanPart& plan_part);

}  // namespace tessera::vtgate
