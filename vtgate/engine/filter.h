// Filter: keeps the rows of its child for which a predicate is TRUE (not
// FALSE, not NULL), as HAVING does after vtgate has finished the groups.
// The predicate is a small tree: AND / OR / NOT of comparisons and IS [NOT]
// NULL tests between result columns and literal or bind values. Comparisons
// are numeric (DECIMAL exactly, DOUBLE as doubles); a text column or a
// string value makes the run fail with 1235 rather than guess a collation.
#pragma once

#include <memory>
#include <vector>

#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"

namespace tessera::vtgate {

enum class CompareOp { kEq, kNullSafeEq, kNe, kLt, kLe, kGt, kGe };

struct FilterOperand {
  bool is_column = false;
  ResultColumn column;  // when is_column
  ValueRef value;       // otherwise: kInteger, kOther (a decimal literal's text) or kNull
  bool negate = false;  // -(value), for a sign in front of a bind variable
};

struct FilterExpr {
  enum class Kind { kAnd, kOr, kNot, kCompare, kIsNull, kIsNotNull };
  Kind kind = Kind::kCompare;
  std::vector<FilterExpr> children;  // kAnd / kOr: two or more; kNot: one
  CompareOp op = CompareOp::kEq;     // kCompare
  FilterOperand left;                // kCompare, kIsNull, kIsNotNull
  FilterOperand right;               // kCompare
};

class Filter final : public Primitive {
 public:
  Filter(std::unique_ptr<Primitive> child, FilterExpr predicate)
      : child_(std::move(child)), predicate_(std::move(predicate)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

  // Drops the rows of `rs` the predicate does not hold for; exposed for tests.
  static Result<ResultSet> Apply(ResultSet rs, const FilterExpr& predicate,
                                 const BindValues& binds);

 private:
  std::unique_ptr<Primitive> child_;
  FilterExpr predicate_;
};

}  // namespace tessera::vtgate
