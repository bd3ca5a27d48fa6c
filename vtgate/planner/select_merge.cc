#include "vtgate/planner/select_merge.h"

#include <algorithm>

#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "vtgate/engine/distinct.h"
#include "vtgate/engine/limit.h"
#include "vtgate/engine/memory_sort.h"
#include "vtgate/engine/route.h"
#include "vtgate/engine/scalar_aggregate.h"
#include "vtgate/engine/truncate_columns.h"
#include "vtgate/planner/query_template_builder.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsAggregateName(const std::string& lower) {
  static constexpr std::string_view kAggregates[] = {
      "count",    "sum",     "min",        "max",         "avg",           "group_concat",
      "std",      "stddev",  "stddev_pop", "stddev_samp", "variance",      "var_pop",
      "var_samp", "bit_and", "bit_or",     "bit_xor",     "json_arrayagg", "json_objectagg"};
  return std::find(std::begin(kAggregates), std::end(kAggregates), lower) != std::end(kAggregates);
}

bool ContainsAggregateOrWindow(ast::Expr& expr, bool& window) {
  bool found = false;
  ast::ForEachExpr(expr, [&](ast::Expr& e) {
    if (e.kind() != ast::ExprKind::kFuncCall) return;
    const auto& call = e.As<ast::FuncCall>();
    if (call.over != nullptr) window = true;
    if (IsAggregateName(Lower(call.name))) found = true;
  });
  return found;
}

ast::ExprPtr WeightStringOf(const ast::Expr& expr) {
  auto call = std::make_unique<ast::FuncCall>();
  call->name = "WEIGHT_STRING";
  call->args.push_back(expr.Clone());
  return call;
}

// Builds the hidden-column bookkeeping: columns appended after the visible items.
class HiddenColumns {
 public:
  HiddenColumns(ast::SelectStatement& select, bool star) : select_(select), star_(star) {}

  // Appends `expr` and returns where it will be in the shard result.
  ResultColumn Append(ast::ExprPtr expr) {
    ast::SelectItem item;
    item.expr = std::move(expr);
    select_.items.push_back(std::move(item));
    appended_.push_back(select_.items.size() - 1);
    return {select_.items.size() - 1, false};
  }
  size_t count() const { return appended_.size(); }
  // With a `*` in the list, positions are only known from the end.
  ResultColumn Fix(ResultColumn column) const {
    if (!star_ || column.from_end) return column;
    for (size_t j = 0; j < appended_.size(); ++j) {
      if (appended_[j] == column.index) return {appended_.size() - j, true};
    }
    return column;
  }

 private:
  ast::SelectStatement& select_;
  bool star_;
  std::vector<size_t> appended_;
};

std::unique_ptr<Primitive> SingleShardOnly(std::unique_ptr<Route> route, std::string reason) {
  route->SetSingleShardOnly(std::move(reason));
  return route;
}

}  // namespace

Result<std::unique_ptr<Primitive>> PlanMergedSelect(ast::SelectStatement& select,
                                                    const KeyspaceInfo& keyspace,
                                                    RouteChoice choice,
                                                    const MergeOptions& options) {
  sql::FormatOptions format;
  format.strip_qualifiers = options.strip_qualifiers;
  auto make_route = [&]() -> Result<std::unique_ptr<Route>> {
    auto text = TemplateOfStatement(select, format, options.bind_count);
    if (!text) {
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "unsupported: statement text that cannot be templated");
    }
    auto route = std::make_unique<Route>(choice.opcode, &keyspace, std::move(*text));
    route->SetVindex(choice.vindex, choice.values);
    return route;
  };

  bool window = false;
  bool aggregates = false;
  bool star = false;
  for (auto& item : select.items) {
    if (item.is_star()) {
      star = true;
      continue;
    }
    if (ContainsAggregateOrWindow(*item.expr, window)) aggregates = true;
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
  if (window) unsupported = "window functions";
  if (!select.group_by.empty()) unsupported = "GROUP BY";
  if (select.having) unsupported = "HAVING";
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
      shard_limit =
          std::stoull(limit_count->literal.text) + std::stoull(limit_offset->literal.text);
    }
  }

  if (aggregates && unsupported.empty()) {
    if (select.distinct || star || select.limit.count)
      unsupported = "aggregates with DISTINCT, * or LIMIT";
  }
  std::vector<AggregateSpec> specs;
  if (aggregates && unsupported.empty()) {
    for (size_t i = 0; i < select.items.size() && unsupported.empty(); ++i) {
      auto& expr = *select.items[i].expr;
      if (expr.kind() != ast::ExprKind::kFuncCall) {
        unsupported = "aggregates mixed with other expressions";
        break;
      }
      const auto& call = expr.As<ast::FuncCall>();
      const std::string name = Lower(call.name);
      if (call.distinct) unsupported = name + "(DISTINCT ...)";
      AggregateSpec spec;
      spec.column.value = {i, false};
      if (name == "count") {
        spec.kind = AggregateKind::kCount;
      } else if (name == "sum") {
        spec.kind = AggregateKind::kSum;
      } else if (name == "min" || name == "max") {
        spec.kind = name == "min" ? AggregateKind::kMin : AggregateKind::kMax;
      } else {
        unsupported = "aggregate function " + name;
      }
      specs.push_back(spec);
    }
  }
  if (select.distinct && star && unsupported.empty()) unsupported = "SELECT DISTINCT *";

  if (!unsupported.empty()) {
    auto route = make_route();
    if (!route.ok()) return route.error();
    return SingleShardOnly(std::move(route).value(), unsupported);
  }

  HiddenColumns hidden(select, star);
  if (aggregates) {
    for (auto& spec : specs) {
      if (spec.kind == AggregateKind::kMin || spec.kind == AggregateKind::kMax) {
        spec.column.weight =
            hidden.Append(WeightStringOf(*select.items[spec.column.value.index].expr));
        spec.column.has_weight = true;
      }
    }
    select.order_by.clear();  // one row: order is moot, and shards need not sort
    for (auto& spec : specs) spec.column.weight = hidden.Fix(spec.column.weight);
    const size_t hidden_count = hidden.count();
    auto route = make_route();
    if (!route.ok()) return route.error();
    std::unique_ptr<Primitive> plan =
        std::make_unique<ScalarAggregate>(std::move(route).value(), std::move(specs));
    return std::unique_ptr<Primitive>(
        std::make_unique<TruncateColumns>(std::move(plan), hidden_count));
  }

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
      size_t ordinal = std::stoull(e.As<ast::Literal>().text);
      if (ordinal >= 1 && ordinal <= visible) item_index = ordinal - 1;
    }
    if (!star && !item_index) {
      const std::string text = sql::FormatExpr(e);
      for (size_t i = 0; i < visible && !item_index; ++i) {
        const auto& item = select.items[i];
        if (sql::FormatExpr(*item.expr) == text) item_index = i;
        if (!item.alias.empty() && e.kind() == ast::ExprKind::kColumn &&
            e.As<ast::ColumnRef>().table.name.empty() &&
            Lower(e.As<ast::ColumnRef>().name) == Lower(item.alias)) {
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
        return SingleShardOnly(std::move(route).value(),
                               "ORDER BY a column not in SELECT DISTINCT");
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
