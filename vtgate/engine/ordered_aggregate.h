// OrderedAggregate: finishes GROUP BY across shards. Its child returns the
// shards' partial groups sorted by the group keys (a MemorySort below it);
// adjacent rows with equal keys (NULL equals NULL, text equal by collation
// weight) are one group and are folded by CombineRows (aggregate.h). Output
// rows keep the key order. With no keys (`scalar`), all rows are one group
// and an empty input still gives one row, as an aggregate query without
// GROUP BY does. Each row whose GROUP_CONCAT was cut adds warning 1260.
// With `rollup` (GROUP BY ... WITH ROLLUP), after the groups sharing the
// first k keys comes their super-aggregate row, keys k.. NULL, as MariaDB
// orders them; an empty input gives no rows. More than `max_rows` partial
// rows (one per distinct value of a DISTINCT or GROUP_CONCAT argument when
// there are no keys) is an error, never an unbounded buffer.
#pragma once

#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

#include "vtgate/engine/aggregate.h"
#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"

namespace tessera::vtgate {

class OrderedAggregate final : public Primitive {
 public:
  OrderedAggregate(std::unique_ptr<Primitive> child, std::vector<SortKey> keys,
                   std::vector<AggregateSpec> aggregates, bool rollup = false,
                   size_t max_rows = std::numeric_limits<size_t>::max())
      : child_(std::move(child)),
        keys_(std::move(keys)),
        aggregates_(std::move(aggregates)),
        rollup_(rollup),
        max_rows_(max_rows) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

  // Groups the rows of `sorted` (already in key order); exposed for tests.
  static ResultSet Aggregate(ResultSet sorted, const std::vector<SortKey>& keys,
                             const std::vector<AggregateSpec>& aggregates, bool rollup = false);

 private:
  std::unique_ptr<Primitive> child_;
  std::vector<SortKey> keys_;
  std::vector<AggregateSpec> aggregates_;
  bool rollup_ = false;
  size_t max_rows_;
};

}  // namespace tessera::vtgate
