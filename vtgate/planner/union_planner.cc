#include "vtgate/planner/union_planner.h"

#include <vector>

#include "common/ascii.h"
#include "vtgate/engine/concatenate.h"
#include "vtgate/engine/distinct.h"
#include "vtgate/engine/memory_sort.h"
#include "vtgate/engine/truncate_columns.h"
#include "vtgate/planner/limit_clause.h"
#include "vtgate/planner/route_analysis.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

Error Unsupported(const std::string& what) {
  return Error::Make(mysql_errno::kNotSupportedYet,
                     "unsupported: " + what + " in a UNION across shards");
}

// The name a select item's column gets, when it can be told without MariaDB.
std::string ItemName(const ast::SelectItem& item) {
  if (!item.alias.empty()) return item.alias;
  if (item.expr && item.expr->kind() == ast::ExprKind::kColumn)
    return item.expr->As<ast::ColumnRef>().name;
  return "";
}

}  // namespace

Result<std::unique_ptr<Primitive>> PlanUnion(ast::UnionStatement& statement,
                                             const MergeOptions& options,
                                             const PlanPart& plan_part) {
  bool any_all = false, any_distinct = false;
  for (size_t i = 1; i < statement.parts.size(); ++i) {
    const auto& part = statement.parts[i];
    if (part.op != ast::SetOp::kUnion) return Unsupported("EXCEPT or INTERSECT");
    (part.all ? any_all : any_distinct) = true;
  }
  if (any_all && any_distinct) return Unsupported("UNION mixed with UNION ALL");
  if (statement.lock != ast::LockMode::kNone) return Unsupported("a locking read");

  const bool weighted = any_distinct || !statement.order_by.empty();
  size_t width = 0;
  if (weighted) {
    for (size_t p = 0; p < statement.parts.size(); ++p) {
      auto& query = *statement.parts[p].query;
      if (query.kind() != ast::StatementKind::kSelect)
        return Unsupported("a parenthesised UNION inside a UNION that deduplicates or orders");
      auto& select = query.As<ast::SelectStatement>();
      for (const auto& item : select.items)
        if (item.is_star()) return Unsupported("* in a UNION that deduplicates or orders");
      if (p == 0) width = select.items.size();
      if (select.items.size() != width)
        return Error::Make(mysql_errno::kWrongNumberOfColumnsInSelect,
                           "The used SELECT statements have a different number of columns");
      for (size_t i = 0; i < width; ++i) {
        auto call = std::make_unique<ast::FuncCall>();
        call->name = "WEIGHT_STRING";
        call->args.push_back(select.items[i].expr->Clone());
        ast::SelectItem weight;
        weight.expr = std::move(call);
        select.items.push_back(std::move(weight));
      }
    }
  }
  std::vector<SortKey> order;
  for (const auto& item : statement.order_by) {
    const ast::Expr& e = *item.expr;
    std::optional<size_t> column;
    if (e.kind() == ast::ExprKind::kLiteral &&
        e.As<ast::Literal>().type == ast::LiteralKind::kInt) {
      size_t position = std::strtoull(e.As<ast::Literal>().text.c_str(), nullptr, 10);
      if (position < 1 || position > width)
        return Error::Make(mysql_errno::kBadField,
                           "Unknown column '" + e.As<ast::Literal>().text + "' in 'order clause'");
      column = position - 1;
    } else if (e.kind() == ast::ExprKind::kColumn && e.As<ast::ColumnRef>().table.name.empty()) {
      const auto& first = statement.parts[0].query->As<ast::SelectStatement>();
      for (size_t i = 0; i < width && !column; ++i)
        if (EqualsIgnoreCase(ItemName(first.items[i]), e.As<ast::ColumnRef>().name)) column = i;
      if (!column)
        return Error::Make(
            1054, "Unknown column '" + e.As<ast::ColumnRef>().name + "' in 'order clause'");
    } else {
      return Unsupported("ORDER BY an expression");
    }
    SortKey key;
    key.value = {*column, false};
    key.weight = {width + *column, false};
    key.has_weight = true;
    key.desc = item.desc;
    order.push_back(key);
  }

  std::vector<std::unique_ptr<Primitive>> parts;
  for (auto& part : statement.parts) {
    auto plan = plan_part(*part.query);
    if (!plan.ok()) return plan.error();
    parts.push_back(std::move(plan).value());
  }
  std::unique_ptr<Primitive> plan = std::make_unique<Concatenate>(std::move(parts));
  if (any_distinct) {
    std::vector<SortKey> keys;
    for (size_t i = 0; i < width; ++i) {
      SortKey key;
      key.value = {i, false};
      key.weight = {width + i, false};
      key.has_weight = true;
      keys.push_back(key);
    }
    plan = std::make_unique<Distinct>(std::move(plan), std::move(keys), options.max_memory_rows);
  }
  if (!order.empty())
    plan = std::make_unique<MemorySort>(std::move(plan), std::move(order), options.max_memory_rows);
  auto limited = LimitOver(std::move(plan), statement.limit);
  if (!limited.ok()) return limited.error();
  plan = std::move(limited).value();
  if (weighted) plan = std::make_unique<TruncateColumns>(std::move(plan), width);
  return plan;
}

}  // namespace tessera::vtgate
