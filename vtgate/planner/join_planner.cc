#include "vtgate/planner/join_planner.h"

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
#include "vtgate/planner/column_resolution.h"
#include "vtgate/planner/having_filter.h"
#include "vtgate/planner/join_planning.h"
#include "vtgate/planner/limit_clause.h"
#include "vtgate/planner/query_template_builder.h"
#include "vtgate/planner/route_analysis.h"

namespace tessera::vtgate::join_planning {

Status Flatten(ast::TableRef& ref, ast::JoinKind kind, ast::Expr* on, std::vector<FlatTable>& out) {
  switch (ref.kind()) {
    case ast::TableRefKind::kTable: {
      FlatTable flat;
      flat.ref = &ref.As<ast::AliasedTable>();
      flat.join = kind;
      flat.on = on;
      flat.alias = flat.ref->alias.empty() ? flat.ref->name.name : flat.ref->alias;
      out.push_back(std::move(flat));
      return Status::Ok();
    }
    case ast::TableRefKind::kDerived:
      return Unsupported("a derived table");
    case ast::TableRefKind::kJoin: {
      auto& join = ref.As<ast::JoinTableRef>();
      switch (join.join) {
        case ast::JoinKind::kRight:
          if (join.left->kind() == ast::TableRefKind::kTable &&
              join.right->kind() == ast::TableRefKind::kTable && join.using_columns.empty()) {
            // a RIGHT JOIN b ON c is b LEFT JOIN a ON c.
            Status first = Flatten(*join.right, kind, on, out);
            if (!first.ok()) return first;
            Status second = Flatten(*join.left, ast::JoinKind::kLeft, join.on.get(), out);
            if (second.ok()) out.back().swapped_from_right_join = true;
            return second;
          }
          return Unsupported("RIGHT JOIN of a nested join or with USING");
        case ast::JoinKind::kNaturalRight:
          return Unsupported("RIGHT JOIN");
        case ast::JoinKind::kNatural:
        case ast::JoinKind::kNaturalLeft:
          return Unsupported("NATURAL JOIN");
        default:
          break;
      }
      if (!join.using_columns.empty()) return Unsupported("JOIN ... USING");
      if (join.right->kind() != ast::TableRefKind::kTable)
        return Unsupported("a join nested on the right side of a join");
      Status left = Flatten(*join.left, kind, on, out);
      if (!left.ok()) return left;
      return Flatten(*join.right, join.join, join.on.get(), out);
    }
  }
  return Status::Ok();
}

Status JoinPlanner::CheckShape() {
  if (!select_.with.empty()) return Unsupported("WITH");
  if (select_.lock != ast::LockMode::kNone) return Unsupported("a locking read");
  for (const auto& option : select_.options) {
    if (option == "SQL_CALC_FOUND_ROWS") return Unsupported("SQL_CALC_FOUND_ROWS");
  }
  std::string found;
  auto check = [&found](ast::Expr& e) {
    if (!found.empty()) return;
    if (ast::NestedQuery(e) != nullptr) {
      found = "a subquery";
      return;
    }
    switch (e.kind()) {
      case ast::ExprKind::kFuncCall: {
        const auto& call = e.As<ast::FuncCall>();
        if (call.over) found = "window function " + call.name;
        return;
      }
      default:
        return;
    }
  };
  ast::ForEachExpr(select_, check);
  if (!found.empty()) return Unsupported(found);
  aggregated_ = !select_.group_by.empty();
  for (auto& item : select_.items) {
    if (item.is_star()) continue;
    if (IsAggregateCall(*item.expr)) {
      aggregated_ = true;
      for (auto& arg : item.expr->As<ast::FuncCall>().args)
        if (ContainsAggregate(*arg)) return Unsupported("nested aggregates");
    } else if (ContainsAggregate(*item.expr)) {
      return Unsupported("aggregates inside expressions");
    }
  }
  for (auto& key : select_.group_by)
    if (ContainsAggregate(*key)) return Unsupported("aggregates in GROUP BY");
  if (select_.distinct && aggregated_) return Unsupported("SELECT DISTINCT with aggregates");
  if (select_.having && ContainsAggregate(*select_.having)) aggregated_ = true;
  if (select_.having && !aggregated_) return Unsupported("HAVING without GROUP BY or aggregates");
  if (select_.where && ContainsAggregate(*select_.where))
    return Error::Make(mysql_errno::kInvalidGroupFuncUse, "Invalid use of group function");
  return Status::Ok();
}

bool JoinPlanner::IsAggregateCall(const ast::Expr& expr) {
  return expr.kind() == ast::ExprKind::kFuncCall && !expr.As<ast::FuncCall>().over &&
         IsAggregateFunction(expr.As<ast::FuncCall>().name);
}

bool JoinPlanner::ContainsAggregate(ast::Expr& expr) {
  bool found = false;
  ast::ForEachExpr(expr, [&found](ast::Expr& e) {
    if (IsAggregateCall(e)) found = true;
  });
  return found;
}

Status JoinPlanner::FlattenFrom() {
  for (auto& entry : select_.from) {
    const size_t start = flat_.size();
    Status s = Flatten(*entry, ast::JoinKind::kComma, nullptr, flat_);
    if (!s.ok()) return s;
    from_entry_start_.resize(flat_.size(), start);
  }
  for (auto& flat : flat_) {
    for (const auto& bound : binding_.tables) {
      if (bound.top_level && bound.alias == flat.alias) {
        flat.bound = &bound;
        break;
      }
    }
    if (flat.bound != nullptr && flat.bound->table == nullptr && !flat.bound->keyspace->sharded) {
      // Any table of an unsharded keyspace may be used, listed or not.
      TableInfo& table = unlisted_tables_.emplace_back();
      table.name = flat.bound->name;
      table.type = TableType::kUnsharded;
      BoundTable& bound = unlisted_bound_.emplace_back(*flat.bound);
      bound.table = &table;
      flat.bound = &bound;
    }
    if (flat.bound == nullptr || flat.bound->table == nullptr)
      return Error::Internal("join planner: table " + flat.alias + " is not bound");
    for (const auto& other : flat_) {
      if (&other != &flat && other.alias == flat.alias)
        return Error::Make(mysql_errno::kNonUniqTable,
                           "Not unique table/alias: '" + flat.alias + "'");
    }
  }
  return Status::Ok();
}

Status JoinPlanner::QualifyColumns() {
  std::vector<JoinedTable> tables;
  std::vector<OnScope> ons;
  for (size_t i = 0; i < flat_.size(); ++i) {
    tables.push_back({flat_[i].alias, flat_[i].bound->keyspace->ColumnsOf(*flat_[i].bound->table)});
    if (flat_[i].on) ons.push_back({flat_[i].on, from_entry_start_[i], i});
  }
  return vtgate::QualifyColumns(select_, tables, ons, " in a join across shards");
}

bool JoinPlanner::IsSharded(const FlatTable& flat) const {
  return flat.bound->table->type == TableType::kSharded;
}

// The flat index of the table a column names. Columns QualifyColumns could
// not qualify (an alias inside an ORDER BY expression) are refused.
Result<size_t> JoinPlanner::TableOf(const ast::ColumnRef& column) const {
  if (column.table.name.empty()) {
    return Unsupported("column `" + column.name +
                       "` without a table qualifier (write table.column)");
  }
  for (size_t i = 0; i < flat_.size(); ++i) {
    if (flat_[i].alias == column.table.name) return i;
  }
  return Error::Make(
      1054, "Unknown column '" + column.table.name + "." + column.name + "' in 'field list'");
}

// The flat indexes of the tables an expression names.
Result<std::set<size_t>> JoinPlanner::TablesOf(ast::Expr& expr) const {
  std::set<size_t> out;
  std::optional<Error> error;
  ast::ForEachExpr(expr, [&](ast::Expr& e) {
    if (error || e.kind() != ast::ExprKind::kColumn) return;
    auto table = TableOf(e.As<ast::ColumnRef>());
    if (!table.ok()) {
      error = table.error();
      return;
    }
    out.insert(*table);
  });
  if (error) return *error;
  return out;
}

// The group that evaluates an expression: the last group it names (the
// columns of earlier ones arrive as bind values), 0 for constants. A LEFT
// JOINed group only returns plain columns: whatever it computes is NULL for
// rows without a match, where one database would evaluate the expression.
Result<size_t> JoinPlanner::SegmentOf(ast::Expr& expr, const std::string& what) const {
  auto tables = TablesOf(expr);
  if (!tables.ok()) return tables.error();
  size_t segment = 0;
  for (size_t t : *tables) segment = std::max(segment, flat_[t].segment);
  if (segments_[segment].outer && expr.kind() != ast::ExprKind::kColumn) {
    return Unsupported(what + " computed from LEFT JOINed table " +
                       flat_[segments_[segment].tables.front()].alias + " (" +
                       sql::FormatExpr(expr) + ")");
  }
  return segment;
}

// Cuts the flat tables into groups, left to right.
Status JoinPlanner::CutIntoSegments() {
  std::vector<const BoundTable*> sharded;
  std::vector<int> sharded_index(flat_.size(), -1);
  std::vector<const ast::Expr*> conditions{select_.where.get()};
  for (size_t i = 0; i < flat_.size(); ++i) {
    if (flat_[i].on) conditions.push_back(flat_[i].on);
    if (!IsSharded(flat_[i])) continue;
    sharded_index[i] = static_cast<int>(sharded.size());
    sharded.push_back(flat_[i].bound);
  }
  std::vector<int> classes = ColocationClasses(sharded, conditions);
  for (size_t i = 0; i < flat_.size(); ++i) {
    FlatTable& flat = flat_[i];
    const bool is_sharded = sharded_index[i] >= 0;
    const int colocation = is_sharded ? classes[static_cast<size_t>(sharded_index[i])] : -1;
    const bool outer = flat.join == ast::JoinKind::kLeft;
    bool joins_current = false;
    if (!segments_.empty() && !segments_.back().outer &&
        segments_.back().keyspace == flat.bound->keyspace) {
      const auto& current = segments_.back();
      if (!outer) {
        joins_current = !is_sharded || current.colocation < 0 || current.colocation == colocation;
      } else {
        // Each shard can only NULL-extend rows it holds: a sharded table
        // LEFT JOINed needs a co-located sharded table before it.
        joins_current =
            !is_sharded || (current.colocation >= 0 && current.colocation == colocation);
        // A group after the first gets the earlier groups' values as
        // constants; an outer join's ON naming them would change meaning.
        const size_t current_index = segments_.size() - 1;
        if (joins_current && current_index > 0 && flat.on) {
          auto tables = TablesOf(*flat.on);
          if (!tables.ok()) return tables.error();
          for (size_t t : *tables) {
            if (t < i && flat_[t].segment < current_index) joins_current = false;
          }
        }
      }
    }
    if (joins_current) {
      auto& current = segments_.back();
      current.tables.push_back(i);
      if (is_sharded && current.colocation < 0) current.colocation = colocation;
    } else {
      Segment next;
      next.keyspace = flat.bound->keyspace;
      next.tables.push_back(i);
      next.colocation = colocation;
      next.outer = outer && !segments_.empty();
      if (!segments_.empty() && flat.on) next.conditions.push_back(flat.on);
      segments_.push_back(std::move(next));
    }
    flat.segment = segments_.size() - 1;
  }
  return Status::Ok();
}

Status JoinPlanner::AssignConditions() {
  for (ast::Expr* term : ast::SplitConjuncts(select_.where.get())) {
    auto tables = TablesOf(*term);
    if (!tables.ok()) return tables.error();
    size_t segment = 0;
    for (size_t t : *tables) segment = std::max(segment, flat_[t].segment);
    if (segments_[segment].outer && term->kind() == ast::ExprKind::kIs &&
        term->As<ast::IsExpr>().test == ast::IsTest::kNull &&
        term->As<ast::IsExpr>().operand->kind() == ast::ExprKind::kColumn) {
      // `o.x IS [NOT] NULL` on a LEFT JOINed table (rows without a match
      // have it NULL): vtgate tests it on the joined rows.
      const auto& column = term->As<ast::IsExpr>().operand->As<ast::ColumnRef>();
      size_t position = AddHidden(segment, "column:" + OuterKey(column),
                                  std::make_unique<ast::ColumnRef>(column.table, column.name));
      null_tests_.push_back({segment, position, term->As<ast::IsExpr>().negated});
      continue;
    }
    if (segments_[segment].outer) {
      return Unsupported("a WHERE condition on LEFT JOINed table " +
                         flat_[segments_[segment].tables.front()].alias + " (" +
                         sql::FormatExpr(*term) + ")");
    }
    segments_[segment].conditions.push_back(term);
  }
  return Status::Ok();
}

Status JoinPlanner::AssignItems() {
  for (size_t i = 0; i < select_.items.size(); ++i) {
    auto& item = select_.items[i];
    size_t segment = 0;
    if (item.is_star()) {
      has_star_ = true;
      if (item.star_table.empty()) {
        star_all_ = i;
        continue;  // expanded per group below
      }
      bool found = false;
      for (const auto& flat : flat_) {
        if (flat.alias == item.star_table.name) {
          segment = flat.segment;
          found = true;
        }
      }
      if (!found)
        return Error::Make(mysql_errno::kBadTable, "Unknown table '" + item.star_table.name + "'");
    } else if (IsAggregateCall(*item.expr)) {
      Status added = AddAggregate(item.expr->As<ast::FuncCall>(), i);
      if (!added.ok()) return added;
      item_segment_.push_back(kAggregateItem);
      continue;
    } else {
      auto owner = SegmentOf(*item.expr, "a select expression");
      if (!owner.ok()) return owner.error();
      segment = *owner;
    }
    segments_[segment].visible.push_back(i);
    item_segment_.push_back(segment);
  }
  if (aggregated_ && has_star_) return Unsupported("* with GROUP BY or aggregates");
  if (star_all_ && std::any_of(flat_.begin(), flat_.end(),
                               [](const FlatTable& flat) { return flat.swapped_from_right_join; }))
    return Unsupported("SELECT * over a RIGHT JOIN");
  if (select_.distinct) {
    if (has_star_) return Unsupported("SELECT DISTINCT with *");
    // Rows are told apart by value and, for text, collation weight.
    for (size_t i = 0; i < select_.items.size(); ++i) {
      const size_t segment = item_segment_[i];
      size_t weight =
          AddHidden(segment, "distinct:" + std::to_string(i), WeightOf(*select_.items[i].expr));
      distinct_weights_.push_back({segment, weight});
    }
  }
  if (star_all_) {
    if (select_.items.size() != 1) return Unsupported("* next to other select items");
    item_segment_.clear();
  }
  if (has_star_) {
    for (size_t k = 1; k < item_segment_.size(); ++k) {
      if (item_segment_[k] < item_segment_[k - 1])
        return Unsupported("t.* after a column of a later table");
    }
  }
  return Status::Ok();
}

// Appends a hidden column to `segment` (once per distinct key); returns its position.
size_t JoinPlanner::AddHidden(size_t segment, const std::string& key, ast::ExprPtr expr,
                              std::string alias) {
  auto& s = segments_[segment];
  auto it = s.hidden_by_key.find(key);
  if (it != s.hidden_by_key.end()) return it->second;
  s.hidden.push_back(std::move(expr));
  s.hidden_alias.push_back(std::move(alias));
  s.hidden_by_key[key] = s.hidden.size() - 1;
  return s.hidden.size() - 1;
}

// The expression an ORDER BY or GROUP BY entry stands for: a select item
// by position or alias, else itself. `item` is set for select items.
Result<ast::Expr*> JoinPlanner::Resolve(ast::Expr* expr, const char* clause,
                                        std::optional<size_t>* item) {
  if (expr->kind() == ast::ExprKind::kLiteral &&
      expr->As<ast::Literal>().type == ast::LiteralKind::kInt) {
    size_t position = std::strtoull(expr->As<ast::Literal>().text.c_str(), nullptr, 10);
    if (position < 1 || position > select_.items.size() || select_.items[position - 1].is_star())
      return Error::Make(
          1054, "Unknown column '" + expr->As<ast::Literal>().text + "' in '" + clause + "'");
    if (item) *item = position - 1;
    return select_.items[position - 1].expr.get();
  }
  if (expr->kind() == ast::ExprKind::kColumn && expr->As<ast::ColumnRef>().table.name.empty()) {
    const std::string& name = expr->As<ast::ColumnRef>().name;
    for (size_t i = 0; i < select_.items.size(); ++i) {
      auto& candidate = select_.items[i];
      if (!candidate.is_star() && EqualsIgnoreCase(candidate.alias, name)) {
        if (item) *item = i;
        return candidate.expr.get();
      }
    }
  }
  if (item) {
    std::string text = AsciiLower(sql::FormatExpr(*expr));
    for (size_t i = 0; i < select_.items.size(); ++i) {
      auto& candidate = select_.items[i];
      if (!candidate.is_star() && AsciiLower(sql::FormatExpr(*candidate.expr)) == text) {
        *item = i;
        break;
      }
    }
  }
  return expr;
}

Status JoinPlanner::AssignOrderBy() {
  for (auto& order : select_.order_by) {
    std::optional<size_t> item;
    auto resolved = Resolve(order.expr.get(), "order clause", &item);
    if (!resolved.ok()) return resolved.error();
    ast::Expr* expr = *resolved;
    if (item && item_segment_.size() > *item && item_segment_[*item] == kAggregateItem) {
      for (const auto& aggregate : aggregates_) {
        if (aggregate.item != *item) continue;
        OrderKey key{aggregate.segment, aggregate.value, aggregate.value, order.desc};
        key.has_weight = false;
        if (aggregate.weight && aggregate.kind != AggregateKind::kCountDistinct &&
            aggregate.kind != AggregateKind::kSumDistinct &&
            aggregate.kind != AggregateKind::kAvgDistinct) {
          key.weight = *aggregate.weight;
          key.has_weight = true;
        }
        order_keys_.push_back(key);
      }
      continue;
    }
    if (ContainsAggregate(*expr))
      return Unsupported("ORDER BY an aggregate not in the select list");
    auto tables = TablesOf(*expr);
    if (!tables.ok()) return tables.error();
    if (tables->empty()) continue;  // a constant orders nothing
    auto segment = SegmentOf(*expr, "ORDER BY");
    if (!segment.ok()) return segment.error();
    std::string key = "order:" + AsciiLower(sql::FormatExpr(*expr));
    size_t value = AddHidden(*segment, key, expr->Clone());
    size_t weight = AddHidden(*segment, "weight:" + key, WeightOf(*expr));
    order_keys_.push_back({*segment, value, weight, order.desc});
  }
  return Status::Ok();
}

// Every column a group's conditions take from earlier groups becomes a
// hidden column of its own group and a bind value of the later one.
Status JoinPlanner::CollectOuterColumns() {
  for (size_t s = 1; s < segments_.size(); ++s) {
    std::vector<ast::Expr*> exprs = segments_[s].conditions;
    for (size_t t : segments_[s].tables) {
      if (t != segments_[s].tables.front() && flat_[t].on) exprs.push_back(flat_[t].on);
    }
    for (size_t i : segments_[s].visible) {
      if (select_.items[i].expr) exprs.push_back(select_.items[i].expr.get());
    }
    // Only earlier groups get hidden columns below, so this list stays put.
    for (auto& hidden : segments_[s].hidden) exprs.push_back(hidden.get());
    for (ast::Expr* expr : exprs) {
      std::optional<Error> error;
      ast::ForEachExpr(*expr, [&](ast::Expr& e) {
        if (error || e.kind() != ast::ExprKind::kColumn) return;
        const auto& column = e.As<ast::ColumnRef>();
        auto table = TableOf(column);
        if (!table.ok()) {
          error = table.error();
          return;
        }
        const size_t owner = flat_[*table].segment;
        if (owner >= s) return;
        std::string key = OuterKey(column);
        if (segments_[s].outer_by_key.count(key)) return;
        size_t position = AddHidden(owner, "column:" + key,
                                    std::make_unique<ast::ColumnRef>(column.table, column.name));
        segments_[s].outer_by_key[key] = segments_[s].outer_columns.size();
        segments_[s].outer_columns.push_back({owner, position});
      });
      if (error) return *error;
    }
  }
  return Status::Ok();
}

std::string JoinPlanner::OuterKey(const ast::ColumnRef& column) {
  return column.table.name + "." + AsciiLower(column.name);
}

// Replaces the columns of earlier groups with their bind variables.
void JoinPlanner::BindOuterColumns(ast::ExprPtr& root, const Segment& segment) const {
  ast::RewriteExprs(root, [&](ast::ExprPtr& slot) {
    if (slot->kind() != ast::ExprKind::kColumn) return;
    auto it = segment.outer_by_key.find(OuterKey(slot->As<ast::ColumnRef>()));
    if (it == segment.outer_by_key.end()) return;
    slot = std::make_unique<ast::BindVar>(BindName(ExtraBind(it->second)));
  });
}

// Hidden columns of segments before `end`.
size_t JoinPlanner::HiddenBefore(size_t end) const {
  size_t total = 0;
  for (size_t s = 0; s < end; ++s) total += segments_[s].hidden.size();
  return total;
}

// Where hidden column `position` of `segment` is in the output of the join
// of segments [0, end): counted from the end.
ResultColumn JoinPlanner::HiddenColumn(size_t segment, size_t position, size_t end) const {
  return {HiddenBefore(end) - (HiddenBefore(segment) + position), true};
}

// Where select item `i` (not an aggregate, no `*` in the list) is in the
// joined rows: the groups' visible columns come group by group.
size_t JoinPlanner::VisiblePosition(size_t i) const {
  const size_t segment = item_segment_[i];
  size_t position = 0;
  for (size_t s = 0; s < segment; ++s) position += segments_[s].visible.size();
  const auto& visible = segments_[segment].visible;
  return position +
         static_cast<size_t>(std::find(visible.begin(), visible.end(), i) - visible.begin());
}

}  // namespace tessera::vtgate::join_planning

namespace tessera::vtgate {

Result<std::unique_ptr<Primitive>> PlanJoinedSelect(sql::ast::SelectStatement& select,
                                                    const KeyspaceInfo& keyspace,
                                                    const StatementBinding& binding,
                                                    const MergeOptions& options) {
  return join_planning::JoinPlanner(select, keyspace, binding, options).Plan();
}

}  // namespace tessera::vtgate
