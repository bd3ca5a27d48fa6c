// Pullout: runs an uncorrelated subquery first and hands its answer to the
// statement around it as one more bind value (index `bind_index`, right
// after the ones the run already has), then runs that statement.
//   kValue   the single value of a scalar subquery: NULL without a row,
//            1242 "Subquery returns more than 1 row" with several
//   kIn      `operand [NOT] IN (values)` as a whole condition; for no values
//            it is FALSE (IN) or TRUE (NOT IN), as SQL has it
//   kExists  TRUE when the subquery returned a row, else FALSE
// A subquery that does not return exactly one column gets 1241.
#pragma once

#include <memory>
#include <string>

#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

class Pullout final : public Primitive {
 public:
  enum class Kind { kValue, kIn, kExists };

  struct Spec {
    Kind kind = Kind::kValue;
    size_t bind_index = 0;
    std::string operand;   // kIn: the operand as SQL text
    bool negated = false;  // kIn: NOT IN
  };

  Pullout(std::unique_ptr<Primitive> subquery, std::unique_ptr<Primitive> outer, Spec spec)
      : subquery_(std::move(subquery)), outer_(std::move(outer)), spec_(std::move(spec)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

  // The bind value the subquery's answer becomes (exposed for tests).
  static Result<BindValue> ValueOf(const ResultSet& answer, const Spec& spec);

 private:
  std::unique_ptr<Primitive> subquery_;
  std::unique_ptr<Primitive> outer_;
  Spec spec_;
};

}  // namespace tessera::vtgate
