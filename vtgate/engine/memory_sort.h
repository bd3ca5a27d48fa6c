// MemorySort: orders all rows of its child by the given keys (stable), in
// vtgate memory, bounded by `max_rows` (an error beyond it, never an
// out-of-memory crash). Used for ORDER BY across shards.
#pragma once

#include <memory>
#include <vector>

#include "vtgate/engine/primitive.h"
#include "vtgate/engine/result_column.h"

namespace tessera::vtgate {

class MemorySort final : public Primitive {
 public:
  MemorySort(std::unique_ptr<Primitive> child, std::vector<SortKey> keys, size_t max_rows)
      : child_(std::move(child)), keys_(std::move(keys)), max_rows_(max_rows) {}

  boost::asio::awaitable<Result<ResultSet>> Execute(VCursor& cursor,
                                                    const BindValues& binds) const override;
  std::string Describe(int indent) const override;

  // Sorts `rs` in place; exposed for Distinct and tests.
  static void SortRows(ResultSet& rs, const std::vector<SortKey>& keys);
  // Compares two rows of `rs` on `keys`.
  static int CompareRows(const ResultSet& rs, const Row& a, const Row& b,
                         const std::vector<SortKey>& keys);

 private:
  std::unique_ptr<Primitive> child_;
  std::vector<SortKey> keys_;
  size_t max_rows_;
};

}  // namespace tessera::vtgate
