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

Result<std::unique_ptr<Route>> JoinPlanner::BuildRoute(size_t s) {
  auto& segment = segments_[s];
  ast::SelectStatement query;
  query.options = select_.options;
  if (s > 0) {
    ast::SelectItem tag;
    tag.expr = std::make_unique<ast::BindVar>(BindName(options_.bind_count));
    query.items.push_back(std::move(tag));
  }
  if (star_all_) {
    for (size_t t : segment.tables) {
      ast::SelectItem star;
      star.star_table.name = flat_[t].alias;
      query.items.push_back(std::move(star));
    }
  }
  for (size_t i : segment.visible) {
    const auto& item = select_.items[i];
    ast::SelectItem copy;
    copy.alias = item.alias;
    if (item.expr) {
      copy.expr = item.expr->Clone();
      // A column keeps its name; an expression over bound values would
      // be named by the values, so it keeps its text as its alias.
      if (item.alias.empty() && copy.expr->kind() != ast::ExprKind::kColumn &&
          !segment.outer_by_key.empty())
        copy.alias = sql::FormatExpr(*item.expr);
      BindOuterColumns(copy.expr, segment);
    }
    copy.star_table = item.star_table;
    query.items.push_back(std::move(copy));
  }
  for (size_t h = 0; h < segment.hidden.size(); ++h) {
    ast::SelectItem item;
    item.expr = segment.hidden[h]->Clone();
    item.alias = segment.hidden_alias[h];
    BindOuterColumns(item.expr, segment);
    query.items.push_back(std::move(item));
  }
  std::vector<ast::ExprPtr> ons;
  ast::TableRefPtr from;
  for (size_t t : segment.tables) {
    auto table = flat_[t].ref->Clone();
    if (!from) {
      from = std::move(table);
      continue;
    }
    auto join = std::make_unique<ast::JoinTableRef>();
    join->join =
        flat_[t].join == ast::JoinKind::kLeft ? ast::JoinKind::kLeft : ast::JoinKind::kInner;
    join->left = std::move(from);
    join->right = std::move(table);
    if (flat_[t].on) {
      join->on = flat_[t].on->Clone();
      BindOuterColumns(join->on, segment);
      ons.push_back(join->on->Clone());
    }
    from = std::move(join);
  }
  query.from.push_back(std::move(from));
  for (ast::Expr* condition : segment.conditions) {
    ast::ExprPtr term = condition->Clone();
    BindOuterColumns(term, segment);
    if (!query.where) {
      query.where = std::move(term);
    } else {
      query.where = std::make_unique<ast::BinaryExpr>(ast::BinaryOp::kAnd, std::move(query.where),
                                                      std::move(term));
    }
  }

  std::vector<const BoundTable*> sharded;
  for (size_t t : segment.tables) {
    if (IsSharded(flat_[t])) sharded.push_back(flat_[t].bound);
  }
  RouteChoice choice;
  choice.opcode = RouteOpcode::kAnyShard;
  if (!sharded.empty()) {
    std::vector<const ast::Expr*> on_refs;
    for (const auto& on : ons) on_refs.push_back(on.get());
    auto chosen = ChooseShardedRoute(sharded, query.where.get(), on_refs);
    if (!chosen.ok()) return chosen.error();
    choice = std::move(chosen).value();
  }
  sql::FormatOptions format;
  format.strip_qualifiers = true;
  size_t binds = s == 0 ? options_.bind_count : ExtraBind(segment.outer_columns.size());
  auto text = TemplateOfStatement(query, format, binds);
  if (!text) return Unsupported("statement text that cannot be templated");
  auto route = std::make_unique<Route>(choice.opcode, segment.keyspace, std::move(*text));
  route->SetVindex(choice.vindex, std::move(choice.values));
  return route;
}

Result<std::unique_ptr<Primitive>> JoinPlanner::Build() {
  // The first group's query needs a column even when nothing is asked of it.
  if (!star_all_ && segments_[0].visible.empty() && segments_[0].hidden.empty())
    AddHidden(0, "constant", std::make_unique<ast::Literal>(ast::LiteralKind::kInt, "1"));
  auto first = BuildRoute(0);
  if (!first.ok()) return first.error();
  std::unique_ptr<Primitive> plan = std::move(first).value();
  for (size_t s = 1; s < segments_.size(); ++s) {
    auto right = BuildRoute(s);
    if (!right.ok()) return right.error();
    Join::Spec spec;
    spec.kind = segments_[s].outer ? Join::Kind::kLeft : Join::Kind::kInner;
    spec.left_hidden = HiddenBefore(s);
    spec.right_hidden = segments_[s].hidden.size();
    for (const auto& [owner, position] : segments_[s].outer_columns)
      spec.bind_columns.push_back(HiddenColumn(owner, position, s));
    spec.first_extra_bind = options_.bind_count;
    spec.max_rows = options_.max_memory_rows;
    plan = std::make_unique<Join>(std::move(plan), std::move(right).value(), std::move(spec));
  }
  const size_t all = segments_.size();
  if (!null_tests_.empty()) {
    std::vector<FilterExpr> tests;
    for (const auto& test : null_tests_) {
      FilterExpr is;
      is.kind = test.negated ? FilterExpr::Kind::kIsNotNull : FilterExpr::Kind::kIsNull;
      is.left.is_column = true;
      is.left.column = HiddenColumn(test.segment, test.position, all);
      tests.push_back(std::move(is));
    }
    FilterExpr predicate;
    if (tests.size() == 1) {
      predicate = std::move(tests.front());
    } else {
      predicate.kind = FilterExpr::Kind::kAnd;
      predicate.children = std::move(tests);
    }
    plan = std::make_unique<Filter>(std::move(plan), std::move(predicate));
  }
  auto sort_key = [&](const OrderKey& key) {
    SortKey sort;
    sort.value = HiddenColumn(key.segment, key.value, all);
    sort.weight = HiddenColumn(key.segment, key.weight, all);
    sort.has_weight = key.has_weight;
    sort.desc = key.desc;
    return sort;
  };
  if (aggregated_) {
    std::vector<SortKey> groups;
    for (const auto& key : group_keys_) groups.push_back(sort_key(key));
    std::vector<SortKey> sorting = groups;
    std::vector<AggregateSpec> specs;
    for (const auto& aggregate : aggregates_) {
      AggregateSpec spec;
      spec.kind = aggregate.kind;
      spec.column.value = HiddenColumn(aggregate.segment, aggregate.value, all);
      if (aggregate.weight) {
        spec.column.weight = HiddenColumn(aggregate.segment, *aggregate.weight, all);
        spec.column.has_weight = true;
      }
      if (aggregate.count) spec.count = HiddenColumn(aggregate.segment, *aggregate.count, all);
      specs.push_back(spec);
    }
    if (distinct_plan_) sorting.push_back(specs[*distinct_plan_].column);
    if (!sorting.empty())
      plan = std::make_unique<MemorySort>(std::move(plan), std::move(sorting),
                                          options_.max_memory_rows);
    plan = std::make_unique<OrderedAggregate>(std::move(plan), std::move(groups), std::move(specs));
    if (select_.having) {
      FilterExpr predicate;
      std::string refused = TranslateHaving(
          *select_.having, predicate,
          [this](const ast::Expr& e, ResultColumn& column) { return HavingColumn(e, column); });
      if (!refused.empty()) return Unsupported(refused);
      plan = std::make_unique<Filter>(std::move(plan), std::move(predicate));
    }
  }
  if (select_.distinct) {
    std::vector<SortKey> keys;
    for (size_t i = 0; i < select_.items.size(); ++i) {
      SortKey key;
      key.value = {VisiblePosition(i), false};
      key.weight = HiddenColumn(distinct_weights_[i].first, distinct_weights_[i].second, all);
      key.has_weight = true;
      keys.push_back(key);
    }
    plan = std::make_unique<Distinct>(std::move(plan), std::move(keys), options_.max_memory_rows);
  }
  if (!order_keys_.empty()) {
    std::vector<SortKey> keys;
    for (const auto& key : order_keys_) keys.push_back(sort_key(key));
    plan = std::make_unique<MemorySort>(std::move(plan), std::move(keys), options_.max_memory_rows);
  }
  auto limited = LimitOver(std::move(plan), select_.limit);
  if (!limited.ok()) return limited.error();
  plan = std::move(limited).value();
  const size_t hidden = HiddenBefore(all);
  if (has_star_) {
    if (hidden > 0) plan = std::make_unique<TruncateColumns>(std::move(plan), hidden);
    return plan;
  }
  // Visible columns come group by group; put them back in select-list order.
  std::vector<size_t> offset(all, 0);
  for (size_t s = 1; s < all; ++s) offset[s] = offset[s - 1] + segments_[s - 1].visible.size();
  std::vector<ResultColumn> columns;
  bool in_order = true;
  for (size_t i = 0; i < select_.items.size(); ++i) {
    if (item_segment_[i] == kAggregateItem) {
      for (const auto& aggregate : aggregates_) {
        if (aggregate.item == i)
          columns.push_back(HiddenColumn(aggregate.segment, aggregate.value, all));
      }
      in_order = false;
      continue;
    }
    const auto& segment = segments_[item_segment_[i]];
    size_t within = static_cast<size_t>(
        std::find(segment.visible.begin(), segment.visible.end(), i) - segment.visible.begin());
    size_t position = offset[item_segment_[i]] + within;
    if (position != i) in_order = false;
    columns.push_back({position, false});
  }
  if (in_order) {
    if (hidden > 0) plan = std::make_unique<TruncateColumns>(std::move(plan), hidden);
    return plan;
  }
  return std::unique_ptr<Primitive>(std::make_unique<Project>(std::move(plan), std::move(columns)));
}

}  // namespace tessera::vtgate::join_planning
