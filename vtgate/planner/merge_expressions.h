// Expression pieces the cross-shard SELECT planners (select_merge.h,
// grouped_select.h) share: tests on what a query's expressions call or read,
// builders of the extra expressions shards are asked for (WEIGHT_STRING(),
// COUNT(*), CAST, partial aggregates), and HiddenColumns, which appends them
// to the shard query after the visible items. Rules:
// - Predicates only read; builders return new expressions and never take
//   ownership of their arguments (they are cloned).
// - Expressions are matched by MatchText: formatted, then lower-cased, so
//   the same aggregate or key named twice in a query is found once.
// - Names are compared as the planner always has (Lower: byte-wise tolower).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlparser/ast/ast.h"
#include "vtgate/engine/result_column.h"

namespace tessera::vtgate {

// Whether `expr` calls an aggregate (a window function's own name counts);
// sets `window` when it calls a window function. `window` is only ever set,
// never cleared, so one flag can gather several expressions.
bool ContainsAggregateOrWindow(sql::ast::Expr& expr, bool& window);

// Whether `expr` calls an aggregate of its query; a window function's own
// name does not count (SUM(x) OVER (...) is a value per row), aggregates in
// its arguments or window specification do.
bool ContainsGroupAggregate(sql::ast::Expr& expr);

// Whether `expr` reads a column (a constant needs no grouping).
bool ReadsColumn(sql::ast::Expr& expr);

bool HasSubquery(sql::ast::Expr& expr);

// `lower_name` is one of STD, STDDEV, STDDEV_POP, STDDEV_SAMP, VARIANCE,
// VAR_POP, VAR_SAMP (already lower-cased).
bool IsVarianceFunction(const std::string& lower_name);

// Text an expression is matched by (aggregates and keys named twice in a query).
std::string MatchText(const sql::ast::Expr& expr);

// The value of unsigned integer text; nullopt when it does not fit 64 bits.
std::optional<uint64_t> ParseCount(std::string_view text);

// Whether `e` is an integer literal (a position in ORDER BY or GROUP BY).
bool IsOrdinal(const sql::ast::Expr& e);

// An integer literal's value; 0 (no position) when it does not fit.
// `e` must be a Literal.
size_t OrdinalValue(const sql::ast::Expr& e);

// WEIGHT_STRING(expr): the collation sort key of a text value.
sql::ast::ExprPtr WeightStringOf(const sql::ast::Expr& expr);

// name(arg), e.g. COUNT(x) or SUM(x).
sql::ast::ExprPtr CallOf(std::string name, const sql::ast::Expr& arg);

sql::ast::ExprPtr CountStar();

// CAST(operand AS type).
sql::ast::ExprPtr CastOf(sql::ast::ExprPtr operand, std::string type);

// @@name.
sql::ast::ExprPtr SystemVariable(std::string name);

// The hidden-column bookkeeping of a shard query: columns appended after the
// visible items, cut off again by TruncateColumns once vtgate is done with
// them. `select` must outlive the HiddenColumns.
class HiddenColumns {
 public:
  // `star`: the list has a `*`, so the shard result's width is only known
  // when rows arrive.
  HiddenColumns(sql::ast::SelectStatement& select, bool star) : select_(select), star_(star) {}

  // Appends `expr` and returns where it will be in the shard result.
  ResultColumn Append(sql::ast::ExprPtr expr);
  size_t count() const { return appended_.size(); }
  // With a `*` in the list, positions are only known from the end: an
  // appended column's position counted from the end; others as they are.
  ResultColumn Fix(ResultColumn column) const;

 private:
  sql::ast::SelectStatement& select_;
  bool star_;
  std::vector<size_t> appended_;
};

}  // namespace tessera::vtgate
