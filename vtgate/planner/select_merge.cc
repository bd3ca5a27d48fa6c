#include "vtgate/planner/select_merge.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/ascii.h"
#include "sqlparser/format.h"
#include "vtgate/engine/distinct.h"
#include "vtgate/engine/limit.h"
#include "vtgate/engine/memory_sort.h"
#include "vtgate/engine/route.h"
#include "vtgate/engine/truncate_columns.h"
#include "vtgate/planner/grouped_select.h"
#include "vtgate/planner/merge_expressions.h"
#include "vtgate/planner/query_template_builder.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

// A route for a shape vtgate cannot merge: it runs when it reaches one shard.
// A scatter over several shards never does, so it is refused now, and the
// planner may still run the statement over copied rows.
Result<std::unique_ptr<Primitive>> SingleShardOnly(std::unique_ptr<Route> route, std::string reason,
                                                   const KeyspaceInfo& keyspace,
                                                   RouteOpcode opcode) {
  if (opcode == RouteOpcode::kScatter && keyspace.shards.size() > 1) {
    return Error::Make(mysql_errno::kNotSupportedYet,
                       "unsupported: " + reason + " across shards of keyspace " + keyspace.name);
  }
  route->SetSingleShardOnly(std::move(reason));
  return std::unique_ptr<Primitive>(std::move(route));
}

}  // namespace

Result<std::unique_ptr<Primitive>> PlanMergedSelect(ast::SelectStatement& select,
                                                    const KeyspaceInfo& keyspace,
                                                    RouteChoice choice,
                                                    const MergeOptions& options) {
  sql::FormatOptions format;
  format.strip_qualifiers = options.strip_qualifiers;
  auto make_route_of = [&](const ast::SelectStatement& stmt) -> Result<std::unique_ptr<Route>> {
    auto text = TemplateOfStatement(stmt, format, options.bind_count);
    if (!text) {
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "unsupported: statement text that cannot be templated");
    }
    auto route = std::make_unique<Route>(choice.opcode, &keyspace, std::move(*text));
    route->SetVindex(choice.vindex, choice.values);
    return route;
  };
  auto make_route = [&]() { return make_route_of(select); };

  bool window = false;
  bool aggregates = false;
  bool star = false;
  for (auto& item : select.items) {
    if (item.is_star()) {
      star = true;
      continue;
    }
    ContainsAggregateOrWindow(*item.expr, window);
    if (ContainsGroupAggregate(*item.expr)) aggregates = true;
  }
  // An aggregate in HAVING or ORDER BY alone also makes one group of all rows.
  if (select.having) {
    ContainsAggregateOrWindow(*select.having, window);
    if (ContainsGroupAggregate(*select.having)) aggregates = true;
  }
  for (auto& order : select.order_by) {
    ContainsAggregateOrWindow(*order.expr, window);
    if (ContainsGroupAggregate(*order.expr)) aggregates = true;
  }
  const bool needs_merge = select.distinct || !select.group_by.empty() ||
                           select.having != nullptr || !select.order_by.empty() ||
                           select.limit.count != nullptr || aggregates || window;
  if (!needs_merge || choice.opcode == RouteOpcode::kEqualUnique) {
    auto route = make_route();
    if (!route.ok()) return route.error();
    return std::unique_ptr<Primitive>(std::move(route).value());
  }

  // Shapes not finished in vtgate yet: refused when they span shards.
  std::string unsupported;
  // Grouping the shards finish on their own: HAVING and aggregates stay in the
  // shard query, vtgate merges the groups as rows.
  bool grouped_on_shards = false;
  if (window) {
    if (!options.shard_local_windows) {
      unsupported = options.window_refusal.empty() ? "window functions" : options.window_refusal;
    } else if (aggregates || !select.group_by.empty() || select.having != nullptr) {
      if (options.groups_within_shards && !select.group_by.empty()) {
        grouped_on_shards = true;
      } else {
        // Shards would compute the windows over partial groups.
        unsupported = "window functions with GROUP BY or aggregates";
      }
    }
  }
  if (select.lock != ast::LockMode::kNone && select.limit.count) unsupported = "LIMIT with locking";

  // LIMIT values must be known at plan time to ask shards for offset + count.
  std::optional<ValueRef> limit_count, limit_offset;
  uint64_t shard_limit = 0;
  if (select.limit.count && unsupported.empty()) {
    limit_count = ValueRefOf(*select.limit.count);
    limit_offset = select.limit.offset
                       ? ValueRefOf(*select.limit.offset)
                       : std::optional<ValueRef>(ValueRef{-1, {VindexValue::Kind::kInteger, "0"}});
    if (!limit_count || !limit_offset || limit_count->bind_index >= 0 ||
        limit_offset->bind_index >= 0 || limit_count->literal.kind != VindexValue::Kind::kInteger ||
        limit_offset->literal.kind != VindexValue::Kind::kInteger) {
      unsupported = "LIMIT without literal values";
    } else {
      const auto count = ParseCount(limit_count->literal.text);
      const auto offset = ParseCount(limit_offset->literal.text);
      if (!count || !offset || *count > UINT64_MAX - *offset) {
        unsupported = "LIMIT values beyond 64 bits";
      } else {
        shard_limit = *count + *offset;
      }
    }
  }

  if ((aggregates || !select.group_by.empty() || select.having) && !grouped_on_shards &&
      unsupported.empty()) {
    // Planned on a copy: a refused shape keeps the statement as written.
    auto copy = select.Clone();
    auto& shard_select = copy->As<ast::SelectStatement>();
    GroupedSelect grouped(shard_select, format, options.bind_count);
    unsupported = grouped.Analyze();
    if (unsupported.empty()) {
      auto route = make_route_of(shard_select);
      if (!route.ok()) return route.error();
      return grouped.Build(std::move(route).value(), limit_count, limit_offset,
                           options.max_memory_rows, keyspace);
    }
  }
  if (select.distinct && star && unsupported.empty()) unsupported = "SELECT DISTINCT *";

  if (!unsupported.empty()) {
    auto route = make_route();
    if (!route.ok()) return route.error();
    return SingleShardOnly(std::move(route).value(), unsupported, keyspace, choice.opcode);
  }

  HiddenColumns hidden(select, star);
  // DISTINCT keys: every visible item with its collation weight.
  const size_t visible = select.items.size();
  std::vector<SortKey> distinct_keys;
  if (select.distinct) {
    for (size_t i = 0; i < visible; ++i) {
      SortKey key;
      key.value = {i, false};
      key.weight = hidden.Append(WeightStringOf(*select.items[i].expr));
      key.has_weight = true;
      distinct_keys.push_back(key);
    }
  }
  // ORDER BY keys: a visible item when the key names one, else a hidden column.
  std::vector<SortKey> order_keys;
  for (auto& order : select.order_by) {
    SortKey key;
    key.desc = order.desc;
    std::optional<size_t> item_index;
    const ast::Expr& e = *order.expr;
    if (!star && e.kind() == ast::ExprKind::kLiteral &&
        e.As<ast::Literal>().type == ast::LiteralKind::kInt) {
      size_t ordinal = OrdinalValue(e);
      if (ordinal >= 1 && ordinal <= visible) item_index = ordinal - 1;
    }
    if (!star && !item_index) {
      const std::string text = sql::FormatExpr(e);
      for (size_t i = 0; i < visible && !item_index; ++i) {
        const auto& item = select.items[i];
        if (sql::FormatExpr(*item.expr) == text) item_index = i;
        if (!item.alias.empty() && e.kind() == ast::ExprKind::kColumn &&
            e.As<ast::ColumnRef>().table.name.empty() &&
            AsciiLower(e.As<ast::ColumnRef>().name) == AsciiLower(item.alias)) {
          item_index = i;
        }
      }
    }
    if (item_index) {
      key.value = {*item_index, false};
      key.weight = hidden.Append(WeightStringOf(*select.items[*item_index].expr));
    } else {
      if (select.distinct) {
        auto route = make_route();
        if (!route.ok()) return route.error();
        return SingleShardOnly(std::move(route).value(), "ORDER BY a column not in SELECT DISTINCT",
                               keyspace, choice.opcode);
      }
      key.value = hidden.Append(e.Clone());
      key.weight = hidden.Append(WeightStringOf(e));
    }
    key.has_weight = true;
    order_keys.push_back(key);
  }
  for (auto& key : distinct_keys) key.weight = hidden.Fix(key.weight);
  for (auto& key : order_keys) {
    key.value = hidden.Fix(key.value);
    key.weight = hidden.Fix(key.weight);
  }
  if (select.limit.count) {
    select.limit.count =
        std::make_unique<ast::Literal>(ast::LiteralKind::kInt, std::to_string(shard_limit));
    select.limit.offset.reset();
  }
  const size_t hidden_count = hidden.count();
  auto route = make_route();
  if (!route.ok()) return route.error();
  std::unique_ptr<Primitive> plan = std::move(route).value();
  if (!distinct_keys.empty()) {
    plan = std::make_unique<Distinct>(std::move(plan), std::move(distinct_keys),
                                      options.max_memory_rows);
  }
  if (!order_keys.empty()) {
    plan = std::make_unique<MemorySort>(std::move(plan), std::move(order_keys),
                                        options.max_memory_rows);
  }
  if (limit_count) plan = std::make_unique<Limit>(std::move(plan), *limit_count, *limit_offset);
  if (hidden_count > 0) plan = std::make_unique<TruncateColumns>(std::move(plan), hidden_count);
  return plan;
}

}  // namespace tessera::vtgate
