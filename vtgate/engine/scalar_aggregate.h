// ScalarAggregate: combines per-shard partial aggregates of a query without
// GROUP BY into the one row a single database would return. COUNT partials
// are added, SUM partials added exactly (NULL when every partial is NULL),
// MIN / MAX take the smallest / largest partial under the column's ordering
// (see aggregate.h). Queries with GROUP BY, AVG or DISTINCT aggregates use
// OrderedAggregate instead.
#pragma once

#include <memory>
#include <vector>

#include "vtgate/engine/aggregate.h"
#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

class ScalarAggregate final : public Primitive {
 public:
  ScalarAggregate(std::unique_ptr<Primitive> child, std::vector<AggregateSpec> aggregates)
      : child_(std::move(child)), aggregates_(std::move(aggregates)) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

  // Folds the rows of `partials` into one row (exposed for tests).
  static Result<ResultSet> Combine(ResultSet partials,
                                   const std::vector<AggregateSpec>& aggregates);

 private:
  std::unique_ptr<Primitive> child_;
  std::vector<AggregateSpec> aggregates_;
};

}  // namespace tessera::vtgate
