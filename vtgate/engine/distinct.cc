#include "vtgate/engine/distinct.h"

#include <fmt/format.h>

#include "vtgate/engine/memory_sort.h"

namespace tessera::vtgate {

boost::asio::awaitable<Result<ResultSet>> Distinct::Execute(VCursor& cursor,
                                                            const BindValues& binds) const {
  auto result = co_await child_->Execute(cursor, binds);
  if (!result.ok()) co_return result;
  if (result->rows.size() > max_rows_) {
    co_return Error::Make(mysql_errno::kUnknown,
                          fmt::format("DISTINCT across shards needs {} rows in memory, more than "
                                      "the limit of {}",
                                      result->rows.size(), max_rows_));
  }
  MemorySort::SortRows(*result, keys_);
  auto& rows = result->rows;
  size_t kept = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (kept > 0 && MemorySort::CompareRows(*result, rows[kept - 1], rows[i], keys_) == 0) continue;
    if (kept != i) rows[kept] = std::move(rows[i]);
    ++kept;
  }
  rows.resize(kept);
  co_return result;
}

std::string Distinct::Describe(int indent) const {
  return fmt::format("{}Distinct keys={}\n{}", std::string(static_cast<size_t>(indent), ' '),
                     keys_.size(), child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
