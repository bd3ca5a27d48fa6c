#include "vtgate/planner/shard_local_window.h"

#include <algorithm>
#include <functional>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "vtgate/planner/table_aliases.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

// Every window function call of the query's list, HAVING and ORDER BY.
void ForEachWindowCall(ast::SelectStatement& select,
                       const std::function<void(ast::FuncCall&)>& fn) {
  auto visit = [&fn](ast::Expr& root) {
    ast::ForEachExprOfQuery(root, [&fn](ast::Expr& e) {
      if (e.kind() != ast::ExprKind::kFuncCall) return;
      auto& call = e.As<ast::FuncCall>();
      if (call.over != nullptr) fn(call);
    });
  };
  for (auto& item : select.items) {
    if (item.expr) visit(*item.expr);
  }
  if (select.having) visit(*select.having);
  for (auto& order : select.order_by) visit(*order.expr);
}

// The tables an outer join may NULL-extend: their columns may be NULL in rows
// of several shards at once.
void NullableAliases(const ast::TableRef& ref, std::vector<std::string>& out) {
  if (ref.kind() != ast::TableRefKind::kJoin) return;
  const auto& join = ref.As<ast::JoinTableRef>();
  switch (join.join) {
    case ast::JoinKind::kLeft:
    case ast::JoinKind::kNaturalLeft:
      TableAliases(*join.right, out);
      break;
    case ast::JoinKind::kRight:
    case ast::JoinKind::kNaturalRight:
      TableAliases(*join.left, out);
      break;
    default:
      break;
  }
  NullableAliases(*join.left, out);
  NullableAliases(*join.right, out);
}

// The PARTITION BY list a window specification ends up with; null when a
// named window it refers to is missing (or the names loop).
const std::vector<ast::ExprPtr>* EffectivePartition(const ast::WindowSpec& spec,
                                                    const ast::SelectStatement& select) {
  const ast::WindowSpec* current = &spec;
  for (size_t depth = 0; depth <= select.windows.size(); ++depth) {
    if (!current->partition_by.empty() || current->name.empty()) return &current->partition_by;
    const ast::WindowSpec* named = nullptr;
    for (const auto& w : select.windows) {
      if (EqualsIgnoreCase(w.name, current->name)) named = &w.spec;
    }
    if (named == nullptr) return nullptr;
    current = named;
  }
  return nullptr;
}

class PartitionCheck {
 public:
  PartitionCheck(ast::SelectStatement& select, const std::vector<BoundTable>& tables)
      : select_(select), tables_(tables) {
    for (const auto& ref : select.from) NullableAliases(*ref, nullable_);
  }

  // Whether `column` is the primary vindex column of a sharded top-level
  // table that no outer join NULL-extends.
  bool IsShardColumn(const ast::ColumnRef& column) const {
    const std::string name = AsciiLower(column.name);
    if (column.table.name.empty()) {
      // An alias of the list by this name could be what it means.
      for (const auto& item : select_.items) {
        if (!item.alias.empty() && EqualsIgnoreCase(item.alias, name)) return false;
      }
      bool found = false;
      for (const auto& table : tables_) {
        if (!IsShardedTopLevel(table)) continue;
        if (table.table->primary()->column != name) continue;
        if (IsNullable(table.alias)) return false;
        found = true;
      }
      return found;
    }
    // Qualified: every top-level table known by that name must qualify.
    bool found = false;
    for (const auto& table : tables_) {
      if (!table.top_level || !EqualsIgnoreCase(table.alias, column.table.name)) continue;
      if (!IsShardedTopLevel(table) || table.table->primary()->column != name ||
          IsNullable(table.alias))
        return false;
      found = true;
    }
    return found;
  }

 private:
  static bool IsShardedTopLevel(const BoundTable& table) {
    return table.top_level && table.table != nullptr &&
           table.table->type != TableType::kReference && table.table->primary() != nullptr &&
           table.table->primary()->vindex != nullptr && table.table->primary()->vindex->is_unique();
  }
  bool IsNullable(const std::string& alias) const {
    return std::any_of(nullable_.begin(), nullable_.end(),
                       [&alias](const std::string& n) { return EqualsIgnoreCase(n, alias); });
  }

  ast::SelectStatement& select_;
  const std::vector<BoundTable>& tables_;
  std::vector<std::string> nullable_;
};

}  // namespace

bool HasWindowFunctions(ast::SelectStatement& select) {
  bool found = false;
  ForEachWindowCall(select, [&found](ast::FuncCall&) { found = true; });
  return found;
}

std::string ShardLocalWindowRefusal(ast::SelectStatement& select,
                                    const std::vector<BoundTable>& tables) {
  const PartitionCheck check(select, tables);
  std::string refusal;
  ForEachWindowCall(select, [&](ast::FuncCall& call) {
    if (!refusal.empty()) return;
    const auto* partition = EffectivePartition(*call.over, select);
    if (partition == nullptr) {
      refusal = "window function " + call.name + " over an unknown named window";
      return;
    }
    const bool local =
        std::any_of(partition->begin(), partition->end(), [&check](const ast::ExprPtr& e) {
          return e->kind() == ast::ExprKind::kColumn &&
                 check.IsShardColumn(e->As<ast::ColumnRef>());
        });
    if (!local) refusal = "window function " + call.name + " without PARTITION BY a vindex column";
  });
  return refusal;
}

bool GroupsWithinShards(ast::SelectStatement& select, const std::vector<BoundTable>& tables) {
  if (select.with_rollup) return false;
  const PartitionCheck check(select, tables);
  return std::any_of(
      select.group_by.begin(), select.group_by.end(), [&check](const ast::ExprPtr& e) {
        return e->kind() == ast::ExprKind::kColumn && check.IsShardColumn(e->As<ast::ColumnRef>());
      });
}

}  // namespace tessera::vtgate
