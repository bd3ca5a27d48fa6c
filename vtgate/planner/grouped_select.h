// GroupedSelect plans a SELECT with GROUP BY, HAVING or aggregates whose
// rows come from several shards: shards group and aggregate their own rows
// (also by the arguments of DISTINCT aggregates and GROUP_CONCAT, so vtgate
// can finish those) and vtgate merges the partial groups:
//   Route -> [MemorySort keys] -> OrderedAggregate -> [ComputeColumns] -> [Filter]
//         -> [Distinct] -> [MemorySort] -> [Limit] -> [TruncateColumns]
// or, for plain COUNT / SUM / MIN / MAX / BIT_* over the whole result,
//   Route -> ScalarAggregate -> [TruncateColumns]
// Rules:
// - It rewrites the SELECT it is given into the shard query (hidden columns,
//   extra GROUP BY entries; no HAVING, ORDER BY, LIMIT, DISTINCT or WITH
//   ROLLUP), so callers hand it a copy when a refusal must leave the
//   statement as written. The SELECT must outlive the GroupedSelect.
// - Analyze first; Build (once) only when Analyze returned "". Every method
//   that can refuse returns "" or the reason the shape is refused.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sqlparser/ast/ast.h"
#include "sqlparser/format.h"
#include "vtgate/engine/aggregate.h"
#include "vtgate/engine/bind_values.h"
#include "vtgate/engine/compute_columns.h"
#include "vtgate/engine/filter.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"
#include "vtgate/planner/merge_expressions.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {

class GroupedSelect {
 public:
  GroupedSelect(sql::ast::SelectStatement& select, sql::FormatOptions format, size_t bind_count);

  // Plans the merge and rewrites the SELECT into the shard query.
  std::string Analyze();

  // Only COUNT / SUM / MIN / MAX over the whole result: ScalarAggregate is enough.
  bool IsPlainScalar() const;

  // The primitives over `route` (a Route of the rewritten SELECT); `count`
  // and `offset` are the statement's LIMIT, when it has one.
  std::unique_ptr<Primitive> Build(std::unique_ptr<Primitive> route, std::optional<ValueRef> count,
                                   std::optional<ValueRef> offset, size_t max_rows,
                                   const KeyspaceInfo& keyspace);

 private:
  static bool ContainsAggregates(sql::ast::Expr* expr);
  bool AnyOrderByAggregate() const;
  bool IsComputedItem(size_t i) const;

  // The visible item `e` names: an ordinal (when allowed), an alias or the same text.
  std::optional<size_t> ItemNamedBy(const sql::ast::Expr& e, bool ordinals) const;

  // Shards also group by `e` (and by its bytes when `bytes`: GROUP_CONCAT
  // must keep 'a' and 'A' apart), so vtgate sees its values row by row.
  void GroupShardsBy(sql::ast::Expr& e, bool bytes);

  // A hidden column holding `e` and its collation weight.
  SortKey HiddenValue(const sql::ast::Expr& e);

  std::string PlanGroupConcat(const sql::ast::FuncCall& call, AggregateSpec& spec);

  // Where the final value of `call` will be; `item` when it is a visible item.
  std::string AddAggregate(const sql::ast::FuncCall& call, std::optional<size_t> item,
                           ResultColumn& column);

  const AggregateSpec* SpecAt(ResultColumn column) const;

  const SortKey* GroupKeyAt(ResultColumn column) const;

  // A value known after grouping: a visible item, a group key or an aggregate.
  std::string ColumnOf(const sql::ast::Expr& e, bool ordinals, ResultColumn& column);

  // Whether the value in `column` is a number whatever the column types:
  // the aggregates Filter can compare without a collation (MIN and MAX of
  // text are not).
  bool IsNumericAggregate(ResultColumn column) const;
  bool FilterOnlyReadsAggregates(const FilterExpr& e) const;

  // A variance is compared with all its digits, not as shown.
  void ReadExactVariances(FilterExpr& e) const;

  // HAVING comparing aggregates with numbers is a Filter of its own; any
  // other condition is computed by MariaDB over the merged values (as
  // `(condition) IS TRUE`) and filtered on.
  std::string PlanHaving(const sql::ast::Expr& condition);

  std::string SortKeyOf(const sql::ast::Expr& e, SortKey& key);

  // SELECT DISTINCT after grouping: nothing to do when every group key is
  // selected (groups are distinct already); else a Distinct on the visible columns.
  std::string PlanDistinct();

  // An expression over aggregates and group keys (SUM(a) * 2, COUNT(*) + 1,
  // key = 'x'): the aggregates and keys in it become merged columns, the
  // shard answers NULL in its place, and ComputeColumns has MariaDB evaluate
  // it over the merged values. Fills visible item `item`, or a hidden column.
  // `known` (when given) is set to true once planned; `as` replaces `e` as
  // the expression computed when given.
  std::string Compute(const sql::ast::Expr& e, std::optional<size_t> item, ResultColumn& column,
                      bool* known = nullptr, sql::ast::ExprPtr as = nullptr);

  sql::ast::SelectStatement& select_;
  HiddenColumns hidden_;
  const size_t visible_;
  sql::FormatOptions format_;
  size_t bind_count_ = 0;
  bool select_distinct_ = false;
  bool rollup_ = false;  // GROUP BY ... WITH ROLLUP
  std::vector<size_t> computed_items_;
  std::map<size_t, sql::ast::ExprPtr> replaced_computed_;  // computed items as written
  std::vector<ComputeColumns::Computed> computed_;
  std::vector<std::string> key_texts_;  // GROUP BY entries as matched
  std::vector<SortKey> keys_;           // one per GROUP BY entry
  std::vector<AggregateSpec> specs_;
  std::map<std::string, ResultColumn> aggregate_columns_;  // by MatchText of the call
  std::map<size_t, std::string> original_text_;            // rewritten items, as written
  std::set<size_t> aggregate_items_;
  std::vector<ResultColumn> item_column_;
  std::vector<sql::ast::ExprPtr> replaced_;         // items' expressions as written
  std::vector<sql::ast::ExprPtr> detail_group_by_;  // shards' extra GROUP BY entries
  std::set<std::string> detail_texts_;
  std::optional<FilterExpr> having_;
  std::vector<SortKey> order_keys_;
  std::vector<SortKey> distinct_keys_;
  std::map<size_t, sql::ast::ExprPtr> aggregate_calls_;  // by column index, as written
};

}  // namespace tessera::vtgate
