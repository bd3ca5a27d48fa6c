// Route analysis for statements on a sharded keyspace: decides whether the
// sharded tables of a statement are co-located (joined on their primary
// vindex columns, so each shard can answer alone) and which shards the WHERE
// clause restricts the statement to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/route.h"
#include "vtgate/planner/table_binding.h"

namespace tessera::vtgate {

struct RouteChoice {
  RouteOpcode opcode = RouteOpcode::kScatter;
  const Vindex* vindex = nullptr;
  std::vector<ValueRef> values;
};

// A plan-time value for a literal (or negated integer literal) or a `:vN`
// bind variable; nullopt for anything else.
std::optional<ValueRef> ValueRefOf(const sql::ast::Expr& expr);

// For each of `sharded`, a class number: tables of one class are joined on
// their primary vindex columns (with vindexes of one type) by equalities
// among the AND-ed terms of `conditions` (null entries ignored), so every
// shard holds their matching rows together.
std::vector<int> ColocationClasses(const std::vector<const BoundTable*>& sharded,
                                   const std::vector<const sql::ast::Expr*>& conditions);

// Chooses the route of a statement over `sharded` (the top-level sharded
// tables; must be non-empty). `join_conditions` are the ON clauses of the
// statement's joins. Fails (1235) when the sharded tables are not co-located.
// An unqualified vindex column they share (one value once USING merged it)
// restricts the route like a qualified one.
Result<RouteChoice> ChooseShardedRoute(const std::vector<const BoundTable*>& sharded,
                                       const sql::ast::Expr* where,
                                       const std::vector<const sql::ast::Expr*>& join_conditions);

}  // namespace tessera::vtgate
