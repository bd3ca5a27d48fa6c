// The join planner's working state, shared by its parts: join_planner.cc
// (FROM clause cut into groups, conditions, select items, ORDER BY, bound
// columns), join_aggregates.cc (aggregates, GROUP BY, HAVING) and
// join_assembly.cc (the groups' queries and the primitive tree). See
// join_planner.h for what it plans and refuses. Internal to the planner.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/aggregate.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"
#include "vtgate/engine/route.h"
#include "vtgate/planner/select_merge.h"
#include "vtgate/planner/table_binding.h"

namespace tessera::vtgate::join_planning {
namespace ast = sql::ast;

inline Error Unsupported(const std::string& what) {
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
  // The left table of `a RIGHT JOIN b`, flattened as `b LEFT JOIN a`: its
  // columns come first in SELECT *, so the swap cannot serve a bare *.
  bool swapped_from_right_join = false;
};

// Appends the tables of `ref` in left-deep order; the leftmost joins by
// (`kind`, `on`). `a RIGHT JOIN b ON c` between two plain tables becomes
// `b LEFT JOIN a ON c`. Refuses derived tables, other RIGHT joins, NATURAL
// joins, USING and joins nested on the right.
Status Flatten(ast::TableRef& ref, ast::JoinKind kind, ast::Expr* on, std::vector<FlatTable>& out);

// A group of tables one shard query joins.
struct Segment {
  const KeyspaceInfo* keyspace = nullptr;  // every table of a group is in one keyspace
  std::vector<size_t> tables;              // indexes into the flat tables
  int colocation = -1;                     // class of its sharded tables, -1 with none yet
  bool outer = false;                      // joined by LEFT JOIN to the groups before it
  std::vector<ast::Expr*> conditions;      // WHERE terms and the joining ON
  std::vector<size_t> visible;             // select items it returns, in select-list order
  std::vector<ast::ExprPtr> hidden;        // extra columns after the visible ones
  std::vector<std::string> hidden_alias;   // "" when none
  std::map<std::string, size_t> hidden_by_key;
  // Columns of earlier groups it needs: (owner segment, hidden position).
  std::vector<std::pair<size_t, size_t>> outer_columns;
  std::map<std::string, size_t> outer_by_key;  // -> index into outer_columns
};

// Plans one SELECT (see join_planner.h); used once.
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
    if (Status s = QualifyColumns(); !s.ok()) return s.error();
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
  Status CheckShape();
  static bool IsAggregateCall(const ast::Expr& expr);
  static bool ContainsAggregate(ast::Expr& expr);
  Status FlattenFrom();
  // Gives every unqualified column its table (column_resolution.h).
  Status QualifyColumns();
  bool IsSharded(const FlatTable& flat) const;
  Result<size_t> TableOf(const ast::ColumnRef& column) const;
  Result<std::set<size_t>> TablesOf(ast::Expr& expr) const;
  Result<size_t> SegmentOf(ast::Expr& expr, const std::string& what) const;
  Status CutIntoSegments();
  Status AssignConditions();
  Status AssignItems();
  size_t AddHidden(size_t segment, const std::string& key, ast::ExprPtr expr,
                   std::string alias = "");
  Status AddAggregate(const ast::FuncCall& call, size_t item_index);
  static ast::ExprPtr NotNull(const ast::Expr& arg);
  static ast::ExprPtr WeightOf(const ast::Expr& expr);
  Result<ast::Expr*> Resolve(ast::Expr* expr, const char* clause,
                             std::optional<size_t>* item = nullptr);
  Status AssignGroupBy();
  Status AssignHaving();
  const AggregatePlan* HavingAggregate(const ast::Expr& expr) const;
  std::string HavingColumn(const ast::Expr& expr, ResultColumn& column) const;
  Status AssignOrderBy();
  Status CollectOuterColumns();
  static std::string OuterKey(const ast::ColumnRef& column);
  void BindOuterColumns(ast::ExprPtr& root, const Segment& segment) const;
  size_t HiddenBefore(size_t end) const;
  ResultColumn HiddenColumn(size_t segment, size_t position, size_t end) const;
  Result<std::unique_ptr<Route>> BuildRoute(size_t s);
  Result<std::unique_ptr<Primitive>> Build();
  size_t VisiblePosition(size_t i) const;

  // Bind index of the tag (0) and of outer column k (k + 1).
  size_t ExtraBind(size_t k) const { return options_.bind_count + 1 + k; }
  static std::string BindName(size_t index) { return "v" + std::to_string(index + 1); }

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
  // Tables of unsharded keyspaces their VSchema does not list, bound here.
  std::deque<TableInfo> unlisted_tables_;
  std::deque<BoundTable> unlisted_bound_;
  std::vector<size_t> from_entry_start_;  // per flat table: the first of its FROM entry
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

}  // namespace tessera::vtgate::join_planning
