#include "vtgate/planner/partitioned_derived.h"

#include <string>
#include <vector>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "vtgate/planner/aggregate_names.h"
#include "vtgate/planner/shard_local_window.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

// Whether `expr` is the column `column` of the table known as `alias`
// (unqualified, or qualified with the alias).
bool IsColumn(const ast::Expr& expr, const std::string& alias, const std::string& column) {
  if (expr.kind() != ast::ExprKind::kColumn) return false;
  const auto& ref = expr.As<ast::ColumnRef>();
  if (!ref.table.name.empty() && ref.table.name != alias) return false;
  return AsciiLower(ref.name) == column;
}

}  // namespace

bool IsShardPartitionedDerivedSelect(ast::SelectStatement& select, const KeyspaceInfo& keyspace) {
  if (select.from.size() != 1 || select.from[0]->kind() != ast::TableRefKind::kDerived)
    return false;
  ast::Statement& query = *select.from[0]->As<ast::DerivedTable>().query;
  if (query.kind() != ast::StatementKind::kSelect) return false;
  auto& inner = query.As<ast::SelectStatement>();
  if (!inner.with.empty() || inner.limit.count != nullptr || inner.lock != ast::LockMode::kNone ||
      inner.with_rollup || inner.from.size() != 1 ||
      inner.from[0]->kind() != ast::TableRefKind::kTable)
    return false;
  const auto& table = inner.from[0]->As<ast::AliasedTable>();
  if (!table.name.qualifier.empty() && table.name.qualifier != keyspace.name) return false;
  const TableInfo* info = keyspace.FindTable(table.name.name);
  if (info == nullptr || info->type != TableType::kSharded || info->primary() == nullptr)
    return false;
  const std::string alias = table.alias.empty() ? table.name.name : table.alias;
  const std::string& vindex_column = info->primary()->column;

  bool aggregates = false, windows = false, other = false;
  auto scan = [&](ast::Expr& expr) {
    ast::ForEachExpr(expr, [&](ast::Expr& e) {
      if (ast::NestedQuery(e) != nullptr) {
        other = true;
        return;
      }
      switch (e.kind()) {
        case ast::ExprKind::kFuncCall: {
          const auto& call = e.As<ast::FuncCall>();
          if (call.over != nullptr) {
            windows = true;
          } else if (IsAggregateFunction(call.name)) {
            aggregates = true;
          }
          break;
        }
        default:
          break;
      }
    });
  };
  for (auto& item : inner.items)
    if (item.expr) scan(*item.expr);
  if (inner.where) scan(*inner.where);
  if (inner.having) scan(*inner.having);
  for (auto& key : inner.group_by) scan(*key);
  for (auto& order : inner.order_by) scan(*order.expr);
  if (other) return false;

  if (windows) {
    // Over groups the shards would not see whole, or over partitions that span shards: no.
    if (aggregates || !inner.group_by.empty() || inner.having) return false;
    const std::vector<BoundTable> tables = {
        BoundTable{table.name.name, alias, info, true, &keyspace}};
    if (!ShardLocalWindowRefusal(inner, tables).empty()) return false;
  }

  if (aggregates || !inner.group_by.empty() || inner.having) {
    bool grouped_by_vindex = false;
    for (const auto& key : inner.group_by)
      if (IsColumn(*key, alias, vindex_column)) grouped_by_vindex = true;
    if (!grouped_by_vindex) return false;
  }
  if (inner.distinct) {
    bool selects_vindex = false;
    for (const auto& item : inner.items)
      if (item.is_star() || IsColumn(*item.expr, alias, vindex_column)) selects_vindex = true;
    if (!selects_vindex) return false;
  }
  return true;
}

}  // namespace tessera::vtgate
