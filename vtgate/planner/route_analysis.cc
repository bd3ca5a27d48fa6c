#include "vtgate/planner/route_analysis.h"

#include <algorithm>
#include <numeric>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "vtgate/vindexes/lookup_vindex.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

// Index into `sharded` of the table whose primary vindex column `col` names,
// or -1. An unqualified name several tables share is ambiguous (-1) unless
// `colocated`: the tables are then joined on those columns with vindexes of
// one type, and MySQL takes the name unqualified only where USING merged the
// columns into one value, so the first owner stands for all of them.
int VindexColumnOwner(const std::vector<const BoundTable*>& sharded, const ast::Expr& expr,
                      bool colocated = false) {
  if (expr.kind() != ast::ExprKind::kColumn) return -1;
  const auto& col = expr.As<ast::ColumnRef>();
  int owner = -1;
  for (size_t i = 0; i < sharded.size(); ++i) {
    const ColumnVindex* primary = sharded[i]->table->primary();
    if (primary == nullptr || !EqualsIgnoreCase(primary->column, col.name)) continue;
    if (!col.table.name.empty()) {
      if (col.table.name == sharded[i]->alias || col.table.name == sharded[i]->name)
        return static_cast<int>(i);
      continue;
    }
    if (owner != -1) {
      if (colocated) continue;
      return -1;  // ambiguous without a qualifier
    }
    owner = static_cast<int>(i);
  }
  return owner;
}

// The values of an IN list; empty unless every item is a value.
std::vector<ValueRef> ValueRefsOfList(const std::vector<ast::ExprPtr>& list) {
  std::vector<ValueRef> values;
  for (const auto& item : list) {
    auto ref = ValueRefOf(*item);
    if (!ref) return {};
    values.push_back(*ref);
  }
  return values;
}

// The lookup vindex of `table` whose column `expr` names, if any.
const ColumnVindex* LookupColumnVindex(const BoundTable& table, const ast::Expr& expr) {
  if (expr.kind() != ast::ExprKind::kColumn) return nullptr;
  const auto& col = expr.As<ast::ColumnRef>();
  if (!col.table.name.empty() && col.table.name != table.alias && col.table.name != table.name)
    return nullptr;
  for (size_t i = 1; i < table.table->vindexes.size(); ++i) {
    const ColumnVindex& vindex = table.table->vindexes[i];
    if (dynamic_cast<const LookupVindex*>(vindex.vindex) != nullptr &&
        EqualsIgnoreCase(vindex.column, col.name))
      return &vindex;
  }
  return nullptr;
}

// For a query of one sharded table with no condition on its primary vindex:
// the cheapest lookup vindex a `col = value` or `col IN (values)` term fixes.
std::optional<RouteChoice> ChooseLookupRoute(const BoundTable& table, const ast::Expr* where) {
  std::optional<RouteChoice> best;
  for (const ast::Expr* term : ast::SplitConjuncts(where)) {
    const ColumnVindex* vindex = nullptr;
    std::vector<ValueRef> values;
    if (term->kind() == ast::ExprKind::kBinary) {
      const auto& eq = term->As<ast::BinaryExpr>();
      if (eq.op != ast::BinaryOp::kEq) continue;
      const ast::Expr* column = eq.left.get();
      const ast::Expr* value = eq.right.get();
      vindex = LookupColumnVindex(table, *column);
      if (vindex == nullptr) {
        std::swap(column, value);
        vindex = LookupColumnVindex(table, *column);
      }
      auto ref = vindex != nullptr ? ValueRefOf(*value) : std::nullopt;
      if (!ref) continue;
      values.push_back(*ref);
    } else if (term->kind() == ast::ExprKind::kIn) {
      const auto& in = term->As<ast::InExpr>();
      if (in.negated || in.subquery != nullptr) continue;
      vindex = LookupColumnVindex(table, *in.operand);
      if (vindex == nullptr) continue;
      values = ValueRefsOfList(in.list);
      if (values.empty()) continue;
    } else {
      continue;
    }
    if (best && best->vindex->cost() <= vindex->vindex->cost()) continue;
    RouteChoice choice;
    choice.opcode = RouteOpcode::kLookup;
    choice.vindex = vindex->vindex;
    choice.values = std::move(values);
    best = std::move(choice);
  }
  return best;
}

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

}  // namespace

std::optional<ValueRef> ValueRefOf(const ast::Expr& expr) {
  ValueRef ref;
  if (expr.kind() == ast::ExprKind::kLiteral) {
    const auto& lit = expr.As<ast::Literal>();
    switch (lit.type) {
      case ast::LiteralKind::kInt:
        ref.literal = {VindexValue::Kind::kInteger, lit.text};
        return ref;
      case ast::LiteralKind::kString:
        ref.literal = {VindexValue::Kind::kString, lit.text};
        return ref;
      case ast::LiteralKind::kNull:
        ref.literal = {VindexValue::Kind::kNull, ""};
        return ref;
      case ast::LiteralKind::kDecimal:
      case ast::LiteralKind::kFloat:
        // Only integer-valued ones map (hash, numeric); others fail to map,
        // which routes a read to every shard and refuses an INSERT.
        ref.literal = {VindexValue::Kind::kOther, lit.text};
        return ref;
      default:
        return std::nullopt;
    }
  }
  if (expr.kind() == ast::ExprKind::kUnary) {
    const auto& unary = expr.As<ast::UnaryExpr>();
    if (unary.op == ast::UnaryOp::kMinus && unary.operand->kind() == ast::ExprKind::kLiteral) {
      const auto& lit = unary.operand->As<ast::Literal>();
      if (lit.type == ast::LiteralKind::kInt) {
        ref.literal = {VindexValue::Kind::kInteger, "-" + lit.text};
        return ref;
      }
      if (lit.type == ast::LiteralKind::kDecimal || lit.type == ast::LiteralKind::kFloat) {
        ref.literal = {VindexValue::Kind::kOther, "-" + lit.text};
        return ref;
      }
    }
    return std::nullopt;
  }
  if (expr.kind() == ast::ExprKind::kBindVar) {
    const auto& name = expr.As<ast::BindVar>().name;
    if (name.size() > 1 && name[0] == 'v') {
      int index = 0;
      for (size_t i = 1; i < name.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(name[i]))) return std::nullopt;
        index = index * 10 + (name[i] - '0');
      }
      ref.bind_index = index - 1;
      return ref;
    }
  }
  return std::nullopt;
}

std::vector<int> ColocationClasses(const std::vector<const BoundTable*>& sharded,
                                   const std::vector<const ast::Expr*>& conditions) {
  // Union the tables equated on their primary vindex columns.
  std::vector<int> parent(sharded.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (const ast::Expr* condition : conditions) {
    for (const ast::Expr* term : ast::SplitConjuncts(condition)) {
      if (term->kind() != ast::ExprKind::kBinary) continue;
      const auto& eq = term->As<ast::BinaryExpr>();
      if (eq.op != ast::BinaryOp::kEq) continue;
      int a = VindexColumnOwner(sharded, *eq.left);
      int b = VindexColumnOwner(sharded, *eq.right);
      if (a < 0 || b < 0 || a == b) continue;
      if (sharded[a]->table->primary()->vindex->type() !=
          sharded[b]->table->primary()->vindex->type())
        continue;
      parent[Find(parent, a)] = Find(parent, b);
    }
  }
  std::vector<int> classes(sharded.size());
  for (size_t i = 0; i < sharded.size(); ++i) classes[i] = Find(parent, static_cast<int>(i));
  return classes;
}

Result<RouteChoice> ChooseShardedRoute(const std::vector<const BoundTable*>& sharded,
                                       const ast::Expr* where,
                                       const std::vector<const ast::Expr*>& join_conditions) {
  std::vector<const ast::Expr*> conditions = join_conditions;
  conditions.push_back(where);
  std::vector<int> classes = ColocationClasses(sharded, conditions);
  for (size_t i = 1; i < sharded.size(); ++i) {
    if (classes[i] != classes[0]) {
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "unsupported: cross-shard join of " + sharded[0]->name + " and " +
                             sharded[i]->name + " (join them on their vindex columns)");
    }
  }

  RouteChoice choice;
  for (const ast::Expr* term : ast::SplitConjuncts(where)) {
    if (term->kind() == ast::ExprKind::kBinary) {
      const auto& eq = term->As<ast::BinaryExpr>();
      if (eq.op != ast::BinaryOp::kEq) continue;
      const ast::Expr* column = eq.left.get();
      const ast::Expr* value = eq.right.get();
      int owner = VindexColumnOwner(sharded, *column, /*colocated=*/true);
      if (owner < 0) {
        std::swap(column, value);
        owner = VindexColumnOwner(sharded, *column, /*colocated=*/true);
      }
      if (owner < 0) continue;
      auto ref = ValueRefOf(*value);
      if (!ref) continue;
      choice.opcode = RouteOpcode::kEqualUnique;
      choice.vindex = sharded[owner]->table->primary()->vindex;
      choice.values = {*ref};
      return choice;  // the cheapest possible route
    }
    if (term->kind() == ast::ExprKind::kIn && choice.opcode == RouteOpcode::kScatter) {
      const auto& in = term->As<ast::InExpr>();
      if (in.negated || in.subquery != nullptr) continue;
      int owner = VindexColumnOwner(sharded, *in.operand, /*colocated=*/true);
      if (owner < 0) continue;
      std::vector<ValueRef> values;
      values = ValueRefsOfList(in.list);
      if (values.empty()) continue;
      choice.opcode = RouteOpcode::kIn;
      choice.vindex = sharded[owner]->table->primary()->vindex;
      choice.values = std::move(values);
    }
  }
  if (choice.opcode == RouteOpcode::kScatter && sharded.size() == 1) {
    if (auto lookup = ChooseLookupRoute(*sharded[0], where)) return std::move(*lookup);
  }
  return choice;
}

}  // namespace tessera::vtgate
