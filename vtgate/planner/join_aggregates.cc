#include "vtgate/planner/join_planning.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "vtgate/engine/distinct.h"
#include "vtgate/engine/filter.h"
#include "vtgate/engine/join.h"
#include "vtgate/engine/memory_sort.h"
#include "vtgate/engine/ordered_aggregate.h"
#include "vtgate/engine/project.h"
#include "vtgate/engine/route.h"
#include "vtgate/engine/truncate_columns.h"
#include "vtgate/planner/aggregate_names.h"
#include "vtgate/planner/having_filter.h"
#include "vtgate/planner/limit_clause.h"
#include "vtgate/planner/query_template_builder.h"
#include "vtgate/planner/route_analysis.h"

namespace tessera::vtgate::join_planning {

// The rows of a join reach vtgate unaggregated: each aggregate reads a
// hidden column of its argument's group, holding what one row adds (1 for
// COUNT(*), whether the argument is NULL for COUNT(x), the argument
// itself otherwise), and OrderedAggregate folds them per group.
// `item_index` is the select item the aggregate is, kNoItem for one only
// HAVING names.
Status JoinPlanner::AddAggregate(const ast::FuncCall& call, size_t item_index) {
  const std::string name = AsciiLower(call.name);
  const std::string text = AsciiLower(sql::FormatExpr(call));
  std::string column_name = sql::FormatExpr(call);
  if (item_index != kNoItem && !select_.items[item_index].alias.empty())
    column_name = select_.items[item_index].alias;
  ast::Expr* arg = call.args.size() == 1 ? call.args[0].get() : nullptr;
  AggregateSpec spec;
  if (name == "count" && call.star) {
    spec.kind = AggregateKind::kCount;
  } else if (arg == nullptr || !call.order_by.empty()) {
    return Unsupported("aggregate " + sql::FormatExpr(call));
  } else if (call.distinct) {
    if (name != "count" && name != "sum" && name != "avg")
      return Unsupported("aggregate function " + name + "(DISTINCT ...)");
    spec.kind = name == "count"
                    ? AggregateKind::kCountDistinct
                    : (name == "sum" ? AggregateKind::kSumDistinct : AggregateKind::kAvgDistinct);
  } else if (name == "count") {
    spec.kind = AggregateKind::kCount;
  } else if (name == "sum") {
    spec.kind = AggregateKind::kSum;
  } else if (name == "min" || name == "max") {
    spec.kind = name == "min" ? AggregateKind::kMin : AggregateKind::kMax;
  } else if (name == "avg") {
    spec.kind = AggregateKind::kAvg;
  } else {
    return Unsupported("aggregate function " + name);
  }
  size_t segment = 0;
  if (arg != nullptr) {
    auto owner = SegmentOf(*arg, "an aggregate");
    if (!owner.ok()) return owner.error();
    segment = *owner;
  }
  const std::string key =
      "aggregate:" + (item_index != kNoItem ? std::to_string(item_index) : text);
  auto signed_of = [](ast::ExprPtr e) {
    auto cast = std::make_unique<ast::CastExpr>();
    cast->operand = std::move(e);
    cast->type = "SIGNED";
    return cast;
  };
  ast::ExprPtr partial;
  if (spec.kind == AggregateKind::kCount) {
    partial = arg == nullptr
                  ? signed_of(std::make_unique<ast::Literal>(ast::LiteralKind::kInt, "1"))
                  : signed_of(NotNull(*arg));
  } else {
    partial = arg->Clone();
  }
  AggregatePlan plan;
  plan.segment = segment;
  plan.item = item_index;
  plan.text = text;
  plan.kind = spec.kind;
  plan.value = AddHidden(segment, key, std::move(partial), column_name);
  if (spec.kind == AggregateKind::kMin || spec.kind == AggregateKind::kMax ||
      IsDistinctAggregate(spec.kind)) {
    plan.weight = AddHidden(segment, key + ":weight", WeightOf(*arg));
  }
  if (spec.kind == AggregateKind::kAvg)
    plan.count = AddHidden(segment, key + ":count", signed_of(NotNull(*arg)));
  if (IsDistinctAggregate(spec.kind)) {
    std::string text = AsciiLower(sql::FormatExpr(*arg));
    if (distinct_text_ && *distinct_text_ != text)
      return Unsupported("DISTINCT aggregates of different expressions");
    distinct_text_ = text;
    distinct_plan_ = aggregates_.size();
  }
  aggregates_.push_back(plan);
  return Status::Ok();
}

ast::ExprPtr JoinPlanner::NotNull(const ast::Expr& arg) {
  auto is = std::make_unique<ast::IsExpr>();
  is->operand = arg.Clone();
  is->test = ast::IsTest::kNull;
  is->negated = true;
  return is;
}

ast::ExprPtr JoinPlanner::WeightOf(const ast::Expr& expr) {
  auto call = std::make_unique<ast::FuncCall>();
  call->name = "WEIGHT_STRING";
  call->args.push_back(expr.Clone());
  return call;
}

Status JoinPlanner::AssignGroupBy() {
  for (auto& key : select_.group_by) {
    auto expr = Resolve(key.get(), "group statement");
    if (!expr.ok()) return expr.error();
    if (IsAggregateCall(**expr)) return Unsupported("GROUP BY an aggregate");
    auto tables = TablesOf(**expr);
    if (!tables.ok()) return tables.error();
    if (tables->empty()) continue;  // a constant groups nothing
    auto segment = SegmentOf(**expr, "GROUP BY");
    if (!segment.ok()) return segment.error();
    std::string text = "order:" + AsciiLower(sql::FormatExpr(**expr));
    size_t value = AddHidden(*segment, text, (*expr)->Clone());
    size_t weight = AddHidden(*segment, "weight:" + text, WeightOf(**expr));
    group_keys_.push_back({*segment, value, weight, false});
    group_key_texts_.push_back(AsciiLower(sql::FormatExpr(**expr)));
  }
  return Status::Ok();
}

// Aggregates HAVING names without selecting them are computed too.
Status JoinPlanner::AssignHaving() {
  if (!select_.having) return Status::Ok();
  std::optional<Error> error;
  ast::ForEachExpr(*select_.having, [&](ast::Expr& e) {
    if (error || !IsAggregateCall(e) || HavingAggregate(e)) return;
    for (auto& arg : e.As<ast::FuncCall>().args) {
      if (ContainsAggregate(*arg)) {
        error = Unsupported("nested aggregates");
        return;
      }
    }
    Status added = AddAggregate(e.As<ast::FuncCall>(), kNoItem);
    if (!added.ok()) error = added.error();
  });
  if (error) return *error;
  return Status::Ok();
}

// The aggregate (selected or not) an expression of HAVING is, if any.
const JoinPlanner::AggregatePlan* JoinPlanner::HavingAggregate(const ast::Expr& expr) const {
  if (!IsAggregateCall(expr)) return nullptr;
  std::string text = AsciiLower(sql::FormatExpr(expr));
  for (const auto& aggregate : aggregates_)
    if (aggregate.text == text) return &aggregate;
  return nullptr;
}

// Where a value HAVING names is in the grouped rows.
std::string JoinPlanner::HavingColumn(const ast::Expr& expr, ResultColumn& column) const {
  const size_t all = segments_.size();
  if (const AggregatePlan* aggregate = HavingAggregate(expr)) {
    column = HiddenColumn(aggregate->segment, aggregate->value, all);
    return "";
  }
  std::string text = AsciiLower(sql::FormatExpr(expr));
  for (size_t i = 0; i < select_.items.size(); ++i) {
    const auto& item = select_.items[i];
    if (item.is_star()) continue;
    bool named = expr.kind() == ast::ExprKind::kColumn &&
                 expr.As<ast::ColumnRef>().table.name.empty() &&
                 EqualsIgnoreCase(item.alias, expr.As<ast::ColumnRef>().name);
    if (!named && AsciiLower(sql::FormatExpr(*item.expr)) != text) continue;
    if (item_segment_[i] != kAggregateItem) {
      column = {VisiblePosition(i), false};
      return "";
    }
    for (const auto& aggregate : aggregates_) {
      if (aggregate.item != i) continue;
      column = HiddenColumn(aggregate.segment, aggregate.value, all);
      return "";
    }
  }
  for (size_t k = 0; k < group_keys_.size(); ++k) {
    if (group_key_texts_[k] == text) {
      column = HiddenColumn(group_keys_[k].segment, group_keys_[k].value, all);
      return "";
    }
  }
  return "HAVING over " + sql::FormatExpr(expr) + ", neither an aggregate nor a group key";
}

}  // namespace tessera::vtgate::join_planning
