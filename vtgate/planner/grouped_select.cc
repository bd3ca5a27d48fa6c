#include "vtgate/planner/grouped_select.h"

#include <algorithm>
#include <utility>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "vtgate/engine/distinct.h"
#include "vtgate/engine/limit.h"
#include "vtgate/engine/memory_sort.h"
#include "vtgate/engine/ordered_aggregate.h"
#include "vtgate/engine/scalar_aggregate.h"
#include "vtgate/engine/truncate_columns.h"
#include "vtgate/planner/aggregate_names.h"
#include "vtgate/planner/having_filter.h"
#include "vtgate/planner/query_template_builder.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

GroupedSelect::GroupedSelect(ast::SelectStatement& select, sql::FormatOptions format,
                             size_t bind_count)
    : select_(select),
      hidden_(select, false),
      visible_(select.items.size()),
      format_(std::move(format)),
      bind_count_(bind_count) {}

std::string GroupedSelect::Analyze() {
  rollup_ = select_.with_rollup;
  if (rollup_ && !select_.order_by.empty()) return "WITH ROLLUP and ORDER BY";
  if (rollup_ && select_.distinct) return "SELECT DISTINCT ... WITH ROLLUP";
  select_.with_rollup = false;  // vtgate adds the super-aggregate rows
  select_distinct_ = select_.distinct;
  select_.distinct = false;  // partial groups are made distinct in vtgate
  // Group keys are resolved against the list as written, before aggregates are rewritten.
  std::vector<std::optional<size_t>> key_items;
  for (auto& g : select_.group_by) {
    bool window = false;
    if (ContainsAggregateOrWindow(*g, window)) return "aggregates in GROUP BY";
    key_items.push_back(ItemNamedBy(*g, /*ordinals=*/true));
    key_texts_.push_back(MatchText(*g));
  }
  item_column_.resize(visible_);
  for (size_t i = 0; i < visible_; ++i) {
    auto& item = select_.items[i];
    if (item.is_star()) return "* with GROUP BY or aggregates";
    bool window = false;
    if (!ContainsAggregateOrWindow(*item.expr, window)) continue;
    if (item.expr->kind() != ast::ExprKind::kFuncCall ||
        !IsAggregateFunction(item.expr->As<ast::FuncCall>().name)) {
      if (window) return "window functions";
      computed_items_.push_back(i);  // planned once the group keys are known
      continue;
    }
    auto error = AddAggregate(item.expr->As<ast::FuncCall>(), i, item_column_[i]);
    if (!error.empty()) return error;
  }
  for (size_t k = 0; k < select_.group_by.size(); ++k) {
    SortKey key;
    if (key_items[k]) {
      const size_t i = *key_items[k];
      if (aggregate_items_.count(i) || IsComputedItem(i)) return "GROUP BY an aggregate";
      key.value = {i, false};
      key.weight = hidden_.Append(WeightStringOf(*select_.items[i].expr));
    } else {
      key.value = hidden_.Append(select_.group_by[k]->Clone());
      key.weight = hidden_.Append(WeightStringOf(*select_.group_by[k]));
    }
    key.has_weight = true;
    keys_.push_back(key);
  }
  for (size_t i : computed_items_) {
    ResultColumn column;
    auto error = Compute(*select_.items[i].expr, i, column);
    if (!error.empty()) return error;
  }
  if (rollup_) {
    // Super-aggregate rows have NULL keys: an item computed by the shards
    // from a key would keep a stale value.
    for (size_t i = 0; i < visible_; ++i) {
      if (!aggregate_items_.count(i) && !IsComputedItem(i) && !GroupKeyAt({i, false}))
        return "WITH ROLLUP with an item that is neither a group key nor an aggregate";
    }
  }
  if (select_.group_by.empty() && specs_.empty() && !ContainsAggregates(select_.having.get()) &&
      !AnyOrderByAggregate()) {
    return "HAVING without GROUP BY or aggregates";
  }
  if (select_.having) {
    auto error = PlanHaving(*select_.having);
    if (!error.empty()) return error;
  }
  for (auto& order : select_.order_by) {
    const ast::Expr& e = *order.expr;
    if (e.kind() == ast::ExprKind::kLiteral && e.As<ast::Literal>().type == ast::LiteralKind::kNull)
      continue;  // ORDER BY NULL: no order asked for
    SortKey key;
    auto error = SortKeyOf(*order.expr, key);
    if (!error.empty()) return error;
    key.desc = order.desc;
    order_keys_.push_back(key);
  }
  if (select_distinct_) {
    auto error = PlanDistinct();
    if (!error.empty()) return error;
  }
  // The shard query: grouped by the keys and what vtgate must see row by row, nothing after.
  for (auto& detail : detail_group_by_) select_.group_by.push_back(std::move(detail));
  select_.having.reset();
  select_.order_by.clear();
  select_.limit.count.reset();
  select_.limit.offset.reset();
  return "";
}

bool GroupedSelect::IsPlainScalar() const {
  if (!keys_.empty() || having_ || !detail_texts_.empty() || !computed_.empty()) return false;
  if (specs_.size() != visible_ || !distinct_keys_.empty()) return false;
  for (const auto& spec : specs_) {
    if (spec.kind == AggregateKind::kAvg || IsDistinctAggregate(spec.kind) ||
        spec.kind == AggregateKind::kVariance || spec.kind == AggregateKind::kGroupConcat)
      return false;
    if (spec.column.value.index >= visible_) return false;
  }
  return true;
}

std::unique_ptr<Primitive> GroupedSelect::Build(std::unique_ptr<Primitive> route,
                                                std::optional<ValueRef> count,
                                                std::optional<ValueRef> offset, size_t max_rows,
                                                const KeyspaceInfo& keyspace) {
  std::unique_ptr<Primitive> plan = std::move(route);
  if (IsPlainScalar()) {
    plan = std::make_unique<ScalarAggregate>(std::move(plan), specs_);
  } else {
    if (!keys_.empty()) plan = std::make_unique<MemorySort>(std::move(plan), keys_, max_rows);
    plan = std::make_unique<OrderedAggregate>(std::move(plan), keys_, specs_, rollup_, max_rows);
    if (!computed_.empty())
      plan = std::make_unique<ComputeColumns>(std::move(plan), &keyspace, bind_count_,
                                              std::move(computed_));
    if (having_) plan = std::make_unique<Filter>(std::move(plan), std::move(*having_));
    if (!distinct_keys_.empty())
      plan = std::make_unique<Distinct>(std::move(plan), distinct_keys_, max_rows);
    if (!order_keys_.empty()) {
      plan = std::make_unique<MemorySort>(std::move(plan), order_keys_, max_rows);
    }
    if (count) plan = std::make_unique<Limit>(std::move(plan), *count, *offset);
  }
  if (hidden_.count() > 0)
    plan = std::make_unique<TruncateColumns>(std::move(plan), hidden_.count());
  return plan;
}

bool GroupedSelect::ContainsAggregates(ast::Expr* expr) {
  bool window = false;
  return expr != nullptr && ContainsAggregateOrWindow(*expr, window);
}

bool GroupedSelect::AnyOrderByAggregate() const {
  for (auto& order : select_.order_by) {
    if (ContainsAggregates(order.expr.get())) return true;
  }
  return false;
}

bool GroupedSelect::IsComputedItem(size_t i) const {
  return std::count(computed_items_.begin(), computed_items_.end(), i) > 0;
}

std::optional<size_t> GroupedSelect::ItemNamedBy(const ast::Expr& e, bool ordinals) const {
  if (ordinals && IsOrdinal(e)) {
    const size_t ordinal = OrdinalValue(e);
    if (ordinal >= 1 && ordinal <= visible_) return ordinal - 1;
    return std::nullopt;
  }
  if (e.kind() == ast::ExprKind::kColumn && e.As<ast::ColumnRef>().table.name.empty()) {
    const std::string name = AsciiLower(e.As<ast::ColumnRef>().name);
    for (size_t i = 0; i < visible_; ++i) {
      if (!select_.items[i].alias.empty() && AsciiLower(select_.items[i].alias) == name) return i;
    }
  }
  const std::string text = MatchText(e);
  for (size_t i = 0; i < visible_; ++i) {
    const auto& item = select_.items[i];
    if (item.expr == nullptr) continue;
    if (original_text_.count(i) ? original_text_.at(i) == text : MatchText(*item.expr) == text)
      return i;
  }
  return std::nullopt;
}

void GroupedSelect::GroupShardsBy(ast::Expr& e, bool bytes) {
  if (!ReadsColumn(e)) return;
  auto add = [this](ast::ExprPtr expr) {
    if (detail_texts_.insert(MatchText(*expr)).second) detail_group_by_.push_back(std::move(expr));
  };
  add(e.Clone());
  if (bytes) add(CastOf(e.Clone(), "BINARY"));
}

SortKey GroupedSelect::HiddenValue(const ast::Expr& e) {
  SortKey key;
  key.value = hidden_.Append(e.Clone());
  key.weight = hidden_.Append(WeightStringOf(e));
  key.has_weight = true;
  return key;
}

std::string GroupedSelect::PlanGroupConcat(const ast::FuncCall& call, AggregateSpec& spec) {
  if (call.args.empty()) return "GROUP_CONCAT without arguments";
  GroupConcatSpec& concat = spec.concat;
  concat.distinct = call.distinct;
  if (call.has_separator) concat.separator = call.separator;
  for (auto& arg : call.args) {
    concat.args.push_back(HiddenValue(*arg));
    GroupShardsBy(*arg, /*bytes=*/true);
  }
  for (auto& order : call.order_by) {
    bool window = false;
    if (ContainsAggregateOrWindow(*order.expr, window)) return "nested aggregates";
    SortKey key;
    if (IsOrdinal(*order.expr)) {
      const size_t ordinal = OrdinalValue(*order.expr);
      if (ordinal < 1 || ordinal > call.args.size())
        return "GROUP_CONCAT ORDER BY position " + order.expr->As<ast::Literal>().text;
      key = concat.args[ordinal - 1];
    } else if (auto same = std::find_if(call.args.begin(), call.args.end(),
                                        [&](const ast::ExprPtr& arg) {
                                          return MatchText(*arg) == MatchText(*order.expr);
                                        });
               same != call.args.end()) {
      key = concat.args[static_cast<size_t>(same - call.args.begin())];
    } else {
      key = HiddenValue(*order.expr);
      GroupShardsBy(*order.expr, /*bytes=*/false);
    }
    key.desc = order.desc;
    concat.order.push_back(key);
  }
  concat.multiplicity = hidden_.Append(CountStar());
  concat.max_length = hidden_.Append(SystemVariable("group_concat_max_len"));
  return "";
}

std::string GroupedSelect::AddAggregate(const ast::FuncCall& call, std::optional<size_t> item,
                                        ResultColumn& column) {
  const std::string text = MatchText(call);
  if (auto it = aggregate_columns_.find(text); it != aggregate_columns_.end() && !item) {
    column = it->second;
    return "";
  }
  const std::string name = AsciiLower(call.name);
  if (call.over) return "window functions";
  for (auto& arg : call.args) {
    bool window = false;
    if (ContainsAggregateOrWindow(*arg, window)) return "nested aggregates";
  }
  AggregateSpec spec;
  ast::ExprPtr shard_expr;
  const ast::Expr* arg = call.args.size() == 1 ? call.args[0].get() : nullptr;
  // The shard's own value of the aggregate gives the column its type.
  bool keep_own_name = false;
  if (name == "count" && call.star) {
    spec.kind = AggregateKind::kCount;
    shard_expr = call.Clone();
  } else if (name == "count" && call.distinct && !call.args.empty()) {
    spec.kind = AggregateKind::kCountDistinct;
    shard_expr = call.args[0]->Clone();
    for (size_t a = 1; a < call.args.size(); ++a)
      spec.more_args.push_back(HiddenValue(*call.args[a]));
    for (auto& a : call.args) GroupShardsBy(*a, /*bytes=*/false);
  } else if ((name == "count" || name == "sum" || name == "avg" || name == "min" ||
              name == "max") &&
             arg == nullptr) {
    return name + " with several arguments";
  } else if (name == "min" || name == "max") {
    spec.kind = name == "min" ? AggregateKind::kMin : AggregateKind::kMax;
    shard_expr = call.Clone();
  } else if (name == "group_concat") {
    spec.kind = AggregateKind::kGroupConcat;
    // Within a partial group every row has the same arguments: DISTINCT
    // keeps the shard's own value (there for its type) to one copy.
    shard_expr = call.Clone();
    shard_expr->As<ast::FuncCall>().distinct = true;
    keep_own_name = true;
    auto error = PlanGroupConcat(call, spec);
    if (!error.empty()) return error;
  } else if (IsVarianceFunction(name)) {
    if (arg == nullptr) return name + " with several arguments";
    if (call.distinct) return name + "(DISTINCT ...)";
    spec.kind = AggregateKind::kVariance;
    shard_expr = call.Clone();
    keep_own_name = true;
    spec.variance.sample = name == "stddev_samp" || name == "var_samp";
    spec.variance.root = name.rfind("std", 0) == 0;
    spec.variance.count = hidden_.Append(CallOf("COUNT", *arg));
    spec.variance.sum = hidden_.Append(CallOf("SUM", *arg));
    spec.variance.m2 = hidden_.Append(CastOf(CallOf("VAR_POP", *arg), "DOUBLE"));
  } else if (call.distinct) {
    if (name != "sum" && name != "avg") return "aggregate function " + name;
    spec.kind = name == "sum" ? AggregateKind::kSumDistinct : AggregateKind::kAvgDistinct;
    shard_expr = arg->Clone();
    GroupShardsBy(*call.args[0], /*bytes=*/false);
  } else if (name == "count" || name == "sum") {
    spec.kind = name == "count" ? AggregateKind::kCount : AggregateKind::kSum;
    shard_expr = call.Clone();
  } else if (name == "avg") {
    spec.kind = AggregateKind::kAvg;
    shard_expr = CallOf("SUM", *arg);
  } else if ((name == "bit_and" || name == "bit_or" || name == "bit_xor") && arg != nullptr) {
    spec.kind = name == "bit_and"  ? AggregateKind::kBitAnd
                : name == "bit_or" ? AggregateKind::kBitOr
                                   : AggregateKind::kBitXor;
    shard_expr = call.Clone();
  } else {
    return "aggregate function " + name;
  }
  ast::ExprPtr weight_of;
  if (spec.kind == AggregateKind::kMin || spec.kind == AggregateKind::kMax ||
      IsDistinctAggregate(spec.kind)) {
    weight_of = shard_expr->Clone();
  }
  if (item) {
    auto& select_item = select_.items[*item];
    if (select_item.alias.empty() && !keep_own_name && spec.kind != AggregateKind::kCount &&
        spec.kind != AggregateKind::kSum && spec.kind != AggregateKind::kMin &&
        spec.kind != AggregateKind::kMax && spec.kind != AggregateKind::kBitAnd &&
        spec.kind != AggregateKind::kBitOr && spec.kind != AggregateKind::kBitXor) {
      select_item.alias = sql::FormatExpr(call);  // the column keeps the aggregate's name
    }
    original_text_[*item] = text;
    aggregate_items_.insert(*item);
    // `call` (and `arg`) may be the item's own expression: keep it alive until done.
    replaced_.push_back(std::exchange(select_item.expr, std::move(shard_expr)));
    spec.column.value = {*item, false};
  } else {
    spec.column.value = hidden_.Append(std::move(shard_expr));
  }
  if (spec.kind == AggregateKind::kAvg) spec.count = hidden_.Append(CallOf("COUNT", *arg));
  if (weight_of) {
    spec.column.weight = hidden_.Append(WeightStringOf(*weight_of));
    spec.column.has_weight = true;
  }
  column = spec.column.value;
  aggregate_columns_.emplace(text, column);
  aggregate_calls_[column.index] = call.Clone();
  specs_.push_back(std::move(spec));
  return "";
}

const AggregateSpec* GroupedSelect::SpecAt(ResultColumn column) const {
  for (const auto& spec : specs_) {
    if (spec.column.value.index == column.index) return &spec;
  }
  return nullptr;
}

const SortKey* GroupedSelect::GroupKeyAt(ResultColumn column) const {
  for (const auto& key : keys_) {
    if (key.value.index == column.index) return &key;
  }
  return nullptr;
}

std::string GroupedSelect::ColumnOf(const ast::Expr& e, bool ordinals, ResultColumn& column) {
  if (auto item = ItemNamedBy(e, ordinals)) {
    column = aggregate_items_.count(*item) ? item_column_[*item] : ResultColumn{*item, false};
    return "";
  }
  const std::string text = MatchText(e);
  for (size_t k = 0; k < key_texts_.size(); ++k) {
    if (key_texts_[k] == text) {
      column = keys_[k].value;
      return "";
    }
  }
  if (e.kind() == ast::ExprKind::kFuncCall && IsAggregateFunction(e.As<ast::FuncCall>().name)) {
    return AddAggregate(e.As<ast::FuncCall>(), std::nullopt, column);
  }
  return "expression '" + sql::FormatExpr(e) + "' after grouping";
}

bool GroupedSelect::IsNumericAggregate(ResultColumn column) const {
  const AggregateSpec* spec = SpecAt(column);
  if (spec == nullptr || GroupKeyAt(column) != nullptr) return false;
  return spec->kind != AggregateKind::kGroupConcat && spec->kind != AggregateKind::kMin &&
         spec->kind != AggregateKind::kMax;
}

bool GroupedSelect::FilterOnlyReadsAggregates(const FilterExpr& e) const {
  for (const auto& child : e.children) {
    if (!FilterOnlyReadsAggregates(child)) return false;
  }
  if (e.left.is_column && !IsNumericAggregate(e.left.column)) return false;
  if (e.right.is_column && !IsNumericAggregate(e.right.column)) return false;
  return true;
}

void GroupedSelect::ReadExactVariances(FilterExpr& e) const {
  for (auto& child : e.children) ReadExactVariances(child);
  for (FilterOperand* operand : {&e.left, &e.right}) {
    if (!operand->is_column) continue;
    const AggregateSpec* spec = SpecAt(operand->column);
    if (spec != nullptr && spec->kind == AggregateKind::kVariance)
      operand->column = spec->variance.m2;
  }
}

std::string GroupedSelect::PlanHaving(const ast::Expr& condition) {
  FilterExpr filter;
  auto error = TranslateHaving(condition, filter, [this](const ast::Expr& e, ResultColumn& column) {
    return ColumnOf(e, /*ordinals=*/false, column);
  });
  if (error.empty() && FilterOnlyReadsAggregates(filter)) {
    ReadExactVariances(filter);
    having_ = std::move(filter);
    return "";
  }
  auto is_true = std::make_unique<ast::IsExpr>();
  is_true->operand = condition.Clone();
  is_true->test = ast::IsTest::kTrue;
  ResultColumn column;
  error = Compute(*is_true, std::nullopt, column);
  if (!error.empty()) return error;
  FilterExpr& holds = having_.emplace();
  holds.kind = FilterExpr::Kind::kCompare;
  holds.op = CompareOp::kEq;
  holds.left.is_column = true;
  holds.left.column = column;
  holds.right.value.literal = {VindexValue::Kind::kInteger, "1"};
  return "";
}

std::string GroupedSelect::SortKeyOf(const ast::Expr& e, SortKey& key) {
  auto error = ColumnOf(e, /*ordinals=*/true, key.value);
  if (!error.empty()) {
    // An expression over aggregates or keys: computed, with its weight.
    if (IsOrdinal(e)) return error;
    error = Compute(e, std::nullopt, key.value);
    if (!error.empty()) return error;
    return Compute(e, std::nullopt, key.weight, &key.has_weight, WeightStringOf(e));
  }
  if (!key.value.from_end && IsComputedItem(key.value.index)) {
    const size_t i = key.value.index;
    return Compute(*replaced_computed_.at(i), std::nullopt, key.weight, &key.has_weight,
                   WeightStringOf(*replaced_computed_.at(i)));
  }
  if (const AggregateSpec* spec = SpecAt(key.value)) {
    key.weight = spec->column.weight;
    key.has_weight = spec->column.has_weight && !IsDistinctAggregate(spec->kind);
    // A variance sorts by its value, not as shown (equal shown values may differ).
    if (spec->kind == AggregateKind::kVariance) key.value = spec->variance.m2;
    if (spec->kind == AggregateKind::kGroupConcat) {
      // Its weight is known only once vtgate has built it.
      const ast::Expr& call = *aggregate_calls_.at(key.value.index);
      return Compute(call, std::nullopt, key.weight, &key.has_weight, WeightStringOf(call));
    }
    return "";
  }
  if (const SortKey* group_key = GroupKeyAt(key.value)) {
    key.weight = group_key->weight;
    key.has_weight = true;
    return "";
  }
  // A visible item that is neither key nor aggregate: its value comes from one row.
  key.weight = hidden_.Append(WeightStringOf(*select_.items[key.value.index].expr));
  key.has_weight = true;
  return "";
}

std::string GroupedSelect::PlanDistinct() {
  const bool keys_visible = std::all_of(keys_.begin(), keys_.end(), [this](const SortKey& key) {
    return !key.value.from_end && key.value.index < visible_;
  });
  if (keys_visible && !keys_.empty()) return "";
  for (size_t i = 0; i < visible_; ++i) {
    SortKey key;
    const ast::Literal ordinal(ast::LiteralKind::kInt, std::to_string(i + 1));
    auto error = SortKeyOf(ordinal, key);
    if (!error.empty()) return error;
    key.value = {i, false};  // rows are distinct as shown
    distinct_keys_.push_back(key);
  }
  return "";
}

std::string GroupedSelect::Compute(const ast::Expr& e, std::optional<size_t> item,
                                   ResultColumn& column, bool* known, ast::ExprPtr as) {
  ast::ExprPtr expr = as ? std::move(as) : e.Clone();
  if (HasSubquery(*expr)) return "subqueries after grouping";
  ComputeColumns::Computed computed;
  std::string error;
  ast::RewriteExprs(expr, [&](ast::ExprPtr& slot) {
    if (!error.empty()) return;
    if (slot->kind() == ast::ExprKind::kBindVar || slot->kind() == ast::ExprKind::kLiteral) return;
    if (slot->kind() == ast::ExprKind::kColumn) {
      // The alias of an item computed too: its expression, walked in its place.
      auto named = ItemNamedBy(*slot, /*ordinals=*/false);
      if (named && replaced_computed_.count(*named)) {
        slot = replaced_computed_.at(*named)->Clone();
        return;
      }
    }
    const bool aggregate = slot->kind() == ast::ExprKind::kFuncCall &&
                           IsAggregateFunction(slot->As<ast::FuncCall>().name);
    const std::string text = MatchText(*slot);
    const bool is_key = std::count(key_texts_.begin(), key_texts_.end(), text) > 0;
    if (!aggregate && !is_key && slot->kind() != ast::ExprKind::kColumn) return;
    ResultColumn input;
    error = ColumnOf(*slot, /*ordinals=*/false, input);
    if (!error.empty()) return;
    if (!input.from_end && IsComputedItem(input.index)) {
      error = "an expression over aggregates inside another";
      return;
    }
    if (rollup_ && !SpecAt(input) && !GroupKeyAt(input)) {
      error = "WITH ROLLUP with an expression over a column that is not a group key";
      return;
    }
    // A variance enters with all its digits, not as shown.
    if (const AggregateSpec* spec = SpecAt(input); spec && spec->kind == AggregateKind::kVariance)
      input = spec->variance.m2;
    computed.inputs.push_back(input);
    slot =
        std::make_unique<ast::BindVar>("v" + std::to_string(bind_count_ + computed.inputs.size()));
  });
  if (!error.empty()) return error;
  auto text = TemplateOfExpr(*expr, format_, bind_count_ + computed.inputs.size());
  if (!text) return "an expression over aggregates that cannot be templated";
  computed.expr = std::move(*text);
  if (item) {
    // The column keeps the expression's name; the shard fills it with NULL.
    // (Taken only now: hidden columns added above may move the items.)
    auto& select_item = select_.items[*item];
    if (select_item.alias.empty()) select_item.alias = sql::FormatExpr(*select_item.expr);
    auto original = std::exchange(select_item.expr,
                                  std::make_unique<ast::Literal>(ast::LiteralKind::kNull, ""));
    replaced_computed_[*item] = original->Clone();
    replaced_.push_back(std::move(original));
    computed.column = *item;
    column = {*item, false};
  } else {
    column = hidden_.Append(std::make_unique<ast::Literal>(ast::LiteralKind::kNull, ""));
    computed.column = column.index;
  }
  computed_.push_back(std::move(computed));
  if (known != nullptr) *known = true;
  return "";
}

}  // namespace tessera::vtgate
