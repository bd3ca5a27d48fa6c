// Distinct: removes rows equal on every key (NULLs equal each other, text
// compared by collation sort key), as SELECT DISTINCT across shards needs.
// Output comes sorted by the keys.
#pragma once

#include <memory>
#include <vector>

#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"

namespace tessera::vtgate {

class Distinct final : public Primitive {
 public:
  Distinct(std::unique_ptr<Primitive> child, std::vector<SortKey> keys, size_t max_rows)
      : child_(std::move(child)), keys_(std::move(keys)), max_rows_(max_rows) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

 private:
  std::unique_ptr<Primitive> child_;
  std::vector<SortKey> keys_;
  size_t max_rows_;
};

}  // namespace tessera::vtgate
