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
#include "vtgate/planner/having_filter.h"
#include "vtgate/planner/limit_clause.h"
#include "vtgate/planner/query_template_builder.h"
#include "vtgate/planner/route_analysis.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

Error Unsupported(const std::string& what) {
  return Error::Make(mysql_errno::kNotSupportedYet,
                     "unsupported: " + what + " in a join across shards");
}

// One table of the FROM clause, in left-deep order.
struct FlatTable {
  const ast::AliasedTable* ref = nullptr;
  const BoundTable* bound = nullptr;
  ast::JoinKind join = ast::JoinKind::kComma;  // how it joins the tables before it
  ast::Expr* on = nullptr;                     // its ON condition, null when none
  std::string alias;                           // the name its columns are qualified by
  size_t segment = 0;
};

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

// A group of tables one shard query joins.
struct Segment {
  std::vector<size_t> tables;             // indexes into the flat tables
  int colocation = -1;                    // class of its sharded tables, -1 with none yet
  bool outer = false;                     // joined by LEFT JOIN to the groups before it
  std::vector<ast::Expr*> conditions;     // WHERE terms and the joining ON
  std::vector<size_t> visible;            // select items it returns, in select-list order
  std::vector<ast::ExprPtr> hidden;       // extra columns after the visible ones
  std::vector<std::string> hidden_alias;  // "" when none
  std::map<std::string, size_t> hidden_by_key;
  // Columns of earlier groups it needs: (owner segment, hidden position).
  std::vector<std::pair<size_t, size_t>> outer_columns;
  std::map<std::string, size_t> outer_by_key;  // -> index into outer_columns
};

class JoinPlanner {
 private:
  struct AggregatePlan {
    size_t segment = 0;
    size_t item = 0;
    std::string text;  // lower-case formatted call, to find it from HAVING
    AggregateKind kind = AggregateKind::kCount;
    size_t value = 0;              // hidden position of the partial
    std::optional<size_t> weight;  // MIN / MAX / DISTINCT: its collation weight
    std::optional<size_t> count;   // AVG: the COUNT partial
  };

 public:
  JoinPlanner(ast::SelectStatement& select, const KeyspaceInfo& keyspace,
              const StatementBinding& binding, const MergeOptions& options)
      : select_(select), keyspace_(keyspace), binding_(binding), options_(options) {}

  Result<std::unique_ptr<Primitive>> Plan() {
    if (Status s = CheckShape(); !s.ok()) return s.error();
    if (Status s = FlattenFrom(); !s.ok()) return s.error();
    if (Status s = CutIntoSegments(); !s.ok()) return s.error();
    if (Status s = AssignConditions(); !s.ok()) return s.error();
    if (Status s = AssignItems(); !s.ok()) return s.error();
    if (Status s = AssignGroupBy(); !s.ok()) return s.error();
    if (Status s = AssignHaving(); !s.ok()) return s.error();
    if (Status s = AssignOrderBy(); !s.ok()) return s.error();
    if (Status s = CollectOuterColumns(); !s.ok()) return s.error();
    return Build();
  }

 private:
  Status CheckShape() {
    if (!select_.with.empty()) return Unsupported("WITH");
    if (select_.lock != ast::LockMode::kNone) return Unsupported("a locking read");
    for (const auto& option : select_.options) {
      if (option == "SQL_CALC_FOUND_ROWS") return Unsupported("SQL_CALC_FOUND_ROWS");
    }
    std::string found;
    auto check = [&found](ast::Expr& e) {
      if (!found.empty()) return;
      switch (e.kind()) {
        case ast::ExprKind::kSubquery:
        case ast::ExprKind::kExists:
          found = "a subquery";
          return;
        case ast::ExprKind::kIn:
          if (e.As<ast::InExpr>().subquery) found = "a subquery";
          return;
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
      return Error::Make(1111, "Invalid use of group function");
    return Status::Ok();
  }

  static bool IsAggregateCall(const ast::Expr& expr) {
    return expr.kind() == ast::ExprKind::kFuncCall && !expr.As<ast::FuncCall>().over &&
           IsAggregateFunction(expr.As<ast::FuncCall>().name);
  }

  static bool ContainsAggregate(ast::Expr& expr) {
    bool found = false;
    ast::ForEachExpr(expr, [&found](ast::Expr& e) {
      if (IsAggregateCall(e)) found = true;
    });
    return found;
  }

  Status FlattenFrom() {
    for (auto& entry : select_.from) {
      Status s = Flatten(*entry, ast::JoinKind::kComma, nullptr, flat_);
      if (!s.ok()) return s;
    }
    for (auto& flat : flat_) {
      for (const auto& bound : binding_.tables) {
        if (bound.top_level && bound.alias == flat.alias) {
          flat.bound = &bound;
          break;
        }
      }
      if (flat.bound == nullptr || flat.bound->table == nullptr)
        return Error::Internal("join planner: table " + flat.alias + " is not bound");
      for (const auto& other : flat_) {
        if (&other != &flat && other.alias == flat.alias)
          return Error::Make(1066, "Not unique table/alias: '" + flat.alias + "'");
      }
    }
    return Status::Ok();
  }

  bool IsSharded(const FlatTable& flat) const {
    return flat.bound->table->type != TableType::kReference;
  }

  // The flat index of the table a column names; nullopt for a column without
  // a qualifier (its table is unknown to vtgate, which has no column lists).
  Result<size_t> TableOf(const ast::ColumnRef& column) const {
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
  Result<std::set<size_t>> TablesOf(ast::Expr& expr) const {
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
  Result<size_t> SegmentOf(ast::Expr& expr, const std::string& what) const {
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
  Status CutIntoSegments() {
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
      if (!segments_.empty() && !segments_.back().outer) {
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

  Status AssignConditions() {
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

  Status AssignItems() {
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
        if (!found) return Error::Make(1051, "Unknown table '" + item.star_table.name + "'");
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
  size_t AddHidden(size_t segment, const std::string& key, ast::ExprPtr expr,
                   std::string alias = "") {
    auto& s = segments_[segment];
    auto it = s.hidden_by_key.find(key);
    if (it != s.hidden_by_key.end()) return it->second;
    s.hidden.push_back(std::move(expr));
    s.hidden_alias.push_back(std::move(alias));
    s.hidden_by_key[key] = s.hidden.size() - 1;
    return s.hidden.size() - 1;
  }

  // The rows of a join reach vtgate unaggregated: each aggregate reads a
  // hidden column of its argument's group, holding what one row adds (1 for
  // COUNT(*), whether the argument is NULL for COUNT(x), the argument
  // itself otherwise), and OrderedAggregate folds them per group.
  // `item_index` is the select item the aggregate is, kNoItem for one only
  // HAVING names.
  Status AddAggregate(const ast::FuncCall& call, size_t item_index) {
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

  static ast::ExprPtr NotNull(const ast::Expr& arg) {
    auto is = std::make_unique<ast::IsExpr>();
    is->operand = arg.Clone();
    is->test = ast::IsTest::kNull;
    is->negated = true;
    return is;
  }

  static ast::ExprPtr WeightOf(const ast::Expr& expr) {
    auto call = std::make_unique<ast::FuncCall>();
    call->name = "WEIGHT_STRING";
    call->args.push_back(expr.Clone());
    return call;
  }

  // The expression an ORDER BY or GROUP BY entry stands for: a select item
  // by position or alias, else itself. `item` is set for select items.
  Result<ast::Expr*> Resolve(ast::Expr* expr, const char* clause,
                             std::optional<size_t>* item = nullptr) {
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

  Status AssignGroupBy() {
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
  Status AssignHaving() {
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
  const AggregatePlan* HavingAggregate(const ast::Expr& expr) const {
    if (!IsAggregateCall(expr)) return nullptr;
    std::string text = AsciiLower(sql::FormatExpr(expr));
    for (const auto& aggregate : aggregates_)
      if (aggregate.text == text) return &aggregate;
    return nullptr;
  }

  // Where a value HAVING names is in the grouped rows.
  std::string HavingColumn(const ast::Expr& expr, ResultColumn& column) const {
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

  Status AssignOrderBy() {
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
  Status CollectOuterColumns() {
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

  static std::string OuterKey(const ast::ColumnRef& column) {
    return column.table.name + "." + AsciiLower(column.name);
  }

  // Replaces the columns of earlier groups with their bind variables.
  void BindOuterColumns(ast::ExprPtr& root, const Segment& segment) const {
    ast::RewriteExprs(root, [&](ast::ExprPtr& slot) {
      if (slot->kind() != ast::ExprKind::kColumn) return;
      auto it = segment.outer_by_key.find(OuterKey(slot->As<ast::ColumnRef>()));
      if (it == segment.outer_by_key.end()) return;
      slot = std::make_unique<ast::BindVar>(BindName(ExtraBind(it->second)));
    });
  }

  // Bind index of the tag (0) and of outer column k (k + 1).
  size_t ExtraBind(size_t k) const { return options_.bind_count + 1 + k; }
  static std::string BindName(size_t index) { return "v" + std::to_string(index + 1); }

  // Hidden columns of segments before `end`.
  size_t HiddenBefore(size_t end) const {
    size_t total = 0;
    for (size_t s = 0; s < end; ++s) total += segments_[s].hidden.size();
    return total;
  }

  // Where hidden column `position` of `segment` is in the output of the join
  // of segments [0, end): counted from the end.
  ResultColumn HiddenColumn(size_t segment, size_t position, size_t end) const {
    return {HiddenBefore(end) - (HiddenBefore(segment) + position), true};
  }

  Result<std::unique_ptr<Route>> BuildRoute(size_t s) {
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
    auto route = std::make_unique<Route>(choice.opcode, &keyspace_, std::move(*text));
    route->SetVindex(choice.vindex, std::move(choice.values));
    return route;
  }

  Result<std::unique_ptr<Primitive>> Build() {
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
      plan =
          std::make_unique<OrderedAggregate>(std::move(plan), std::move(groups), std::move(specs));
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
      plan =
          std::make_unique<MemorySort>(std::move(plan), std::move(keys), options_.max_memory_rows);
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
    return std::unique_ptr<Primitive>(
        std::make_unique<Project>(std::move(plan), std::move(columns)));
  }

  // Where select item `i` (not an aggregate, no `*` in the list) is in the
  // joined rows: the groups' visible columns come group by group.
  size_t VisiblePosition(size_t i) const {
    const size_t segment = item_segment_[i];
    size_t position = 0;
    for (size_t s = 0; s < segment; ++s) position += segments_[s].visible.size();
    const auto& visible = segments_[segment].visible;
    return position +
           static_cast<size_t>(std::find(visible.begin(), visible.end(), i) - visible.begin());
  }

  struct OrderKey {
    size_t segment;
    size_t value;
    size_t weight;
    bool desc;
    bool has_weight = true;
  };

  static constexpr size_t kAggregateItem = static_cast<size_t>(-1);
  static constexpr size_t kNoItem = static_cast<size_t>(-1);

  ast::SelectStatement& select_;
  const KeyspaceInfo& keyspace_;
  const StatementBinding& binding_;
  const MergeOptions& options_;
  std::vector<FlatTable> flat_;
  std::vector<Segment> segments_;
  std::vector<size_t> item_segment_;  // per select item, without a lone *
  std::optional<size_t> star_all_;
  bool has_star_ = false;
  std::vector<OrderKey> order_keys_;
  bool aggregated_ = false;
  std::vector<AggregatePlan> aggregates_;
  std::vector<OrderKey> group_keys_;
  std::vector<std::string> group_key_texts_;
  std::optional<std::string> distinct_text_;
  std::optional<size_t> distinct_plan_;
  std::vector<std::pair<size_t, size_t>> distinct_weights_;  // per item: segment, hidden
  struct NullTest {
    size_t segment;
    size_t position;  // hidden column tested
    bool negated;     // IS NOT NULL
  };
  std::vector<NullTest> null_tests_;  // WHERE tests on LEFT JOINed groups
};

}  // namespace

Result<std::unique_ptr<Primitive>> PlanJoinedSelect(ast::SelectStatement& select,
                                                    const KeyspaceInfo& keyspace,
                                                    const StatementBinding& binding,
                                                    const MergeOptions& options) {
  return JoinPlanner(select, keyspace, binding, options).Plan();
}

}  // namespace tessera::vtgate
