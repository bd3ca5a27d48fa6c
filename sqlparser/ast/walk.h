// Read and rewrite helpers over the AST, for planners and rewriters.
//
// - SplitConjuncts: the AND-ed terms of a WHERE/ON/HAVING expression, left to
//   right (a lone non-AND expression yields itself; null yields nothing).
// - ForEachTableName: every TableName a statement names (FROM refs, joins,
//   derived tables and subqueries at any depth, INSERT/CREATE/DROP targets,
//   column qualifiers excluded). The callback may rewrite the name in place.
// - ForEachColumn: every ColumnRef in expressions of the statement, including
//   subqueries; may rewrite in place (e.g. clear table.qualifier).
// - ForEachExpr: every expression node, pre-order, subqueries included.
// - ForEachExprOfQuery: every expression node of the query `expr` belongs to,
//   pre-order; subquery nodes are visited but not the queries inside them
//   (an aggregate in a subquery is not the enclosing query's).
// - NestedQuery: the query inside a subquery node (scalar subquery, EXISTS,
//   IN (subquery), op ANY|SOME|ALL (subquery)), null for any other node.
//   Code that must treat every subquery alike asks this, not the kinds.
// - RewriteExprs: every expression slot under `root` (root included), or of
//   a statement (derived tables and subqueries included),
//   pre-order, subqueries included; the callback may replace the node in its
//   slot, and the replacement is walked instead.
// - ForEachQuery: the statement itself when it is a SELECT or UNION, and
//   every SELECT or UNION inside it (union parts, derived tables, CTE
//   bodies, subqueries), pre-order.
// - RewriteTableRefs: every slot holding a plain table (AliasedTable) in a
//   FROM clause or join of the statement, at any depth (subqueries, derived
//   tables, CTE bodies, UPDATE/DELETE tables); the callback may replace the
//   node, and the replacement is walked instead.
#pragma once

#include <functional>
#include <vector>

#include "sqlparser/ast/ast.h"

namespace tessera::sql::ast {

std::vector<const Expr*> SplitConjuncts(const Expr* where);
std::vector<Expr*> SplitConjuncts(Expr* where);

void ForEachTableName(Statement& stmt, const std::function<void(TableName&)>& fn);
void ForEachColumn(Statement& stmt, const std::function<void(ColumnRef&)>& fn);
void ForEachExpr(Statement& stmt, const std::function<void(Expr&)>& fn);
void ForEachExpr(Expr& expr, const std::function<void(Expr&)>& fn);
void ForEachExprOfQuery(Expr& expr, const std::function<void(Expr&)>& fn);
Statement* NestedQuery(Expr& expr);
void RewriteExprs(ExprPtr& root, const std::function<void(ExprPtr&)>& fn);
void RewriteExprs(Statement& stmt, const std::function<void(ExprPtr&)>& fn);
void ForEachQuery(Statement& stmt, const std::function<void(Statement&)>& fn);
void RewriteTableRefs(Statement& stmt, const std::function<void(TableRefPtr&)>& fn);

}  // namespace tessera::sql::ast
