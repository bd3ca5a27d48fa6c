#include "vtgate/engine/limit.h"

#include <charconv>

#include <fmt/format.h>

namespace tessera::vtgate {
namespace {

Result<uint64_t> ToCount(const VindexValue& v, const char* what) {
  uint64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
  if (v.kind != VindexValue::Kind::kInteger || ec != std::errc() ||
      ptr != v.text.data() + v.text.size()) {
    return Error::Make(mysql_errno::kUnknown,
                       std::string("invalid LIMIT ") + what + " '" + v.text + "'");
  }
  return n;
}

}  // namespace

boost::asio::awaitable<Result<ResultSet>> Limit::Execute(VCursor& cursor,
                                                         const BindValues& binds) const {
  auto count = ToCount(count_.Resolve(binds), "count");
  if (!count.ok()) co_return count.error();
  auto offset = ToCount(offset_.Resolve(binds), "offset");
  if (!offset.ok()) co_return offset.error();
  auto result = co_await child_->Execute(cursor, binds);
  if (!result.ok()) co_return result;
  auto& rows = result->rows;
  size_t begin = std::min<uint64_t>(*offset, rows.size());
  size_t end = std::min<uint64_t>(begin + *count, rows.size());
  rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(end), rows.end());
  rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(begin));
  co_return result;
}

std::string Limit::Describe(int indent) const {
  return fmt::format(
      "{}Limit count={} offset={}\n{}", std::string(static_cast<size_t>(indent), ' '),
      count_.bind_index >= 0 ? ":v" + std::to_string(count_.bind_index + 1) : count_.literal.text,
      offset_.bind_index >= 0 ? ":v" + std::to_string(offset_.bind_index + 1)
                              : offset_.literal.text,
      child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
