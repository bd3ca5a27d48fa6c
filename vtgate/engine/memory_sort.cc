#include "vtgate/engine/memory_sort.h"

#include <algorithm>

#include <fmt/format.h>

#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {

int MemorySort::CompareRows(const ResultSet& rs, const Row& a, const Row& b,
                            const std::vector<SortKey>& keys) {
  const size_t n = rs.fields.size();
  for (const SortKey& key : keys) {
    size_t v = key.value.Resolve(n);
    const Value* wa = nullptr;
    const Value* wb = nullptr;
    if (key.has_weight) {
      size_t w = key.weight.Resolve(n);
      wa = &a[w];
      wb = &b[w];
    }
    int c = CompareSortValues(rs.fields[v], a[v], wa, b[v], wb);
    if (c != 0) return key.desc ? -c : c;
  }
  return 0;
}

void MemorySort::SortRows(ResultSet& rs, const std::vector<SortKey>& keys) {
  std::stable_sort(rs.rows.begin(), rs.rows.end(),
                   [&](const Row& a, const Row& b) { return CompareRows(rs, a, b, keys) < 0; });
}

boost::asio::awaitable<Result<ResultSet>> MemorySort::Execute(VCursor& cursor,
                                                              const BindValues& binds) const {
  auto result = co_await child_->Execute(cursor, binds);
  if (!result.ok()) co_return result;
  if (result->rows.size() > max_rows_) {
    co_return Error::Make(mysql_errno::kUnknown,
                          fmt::format("ORDER BY across shards needs {} rows in memory, more than "
                                      "the limit of {}",
                                      result->rows.size(), max_rows_));
  }
  SortRows(*result, keys_);
  co_return result;
}

std::string MemorySort::Describe(int indent) const {
  std::string keys;
  for (const auto& key : keys_) {
    if (!keys.empty()) keys += ", ";
    keys += key.value.ToString() +
            (key.has_weight ? "(weight " + key.weight.ToString() + ")" : "") +
            (key.desc ? " DESC" : " ASC");
  }
  return fmt::format("{}MemorySort {}\n{}", std::string(static_cast<size_t>(indent), ' '), keys,
                     child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
