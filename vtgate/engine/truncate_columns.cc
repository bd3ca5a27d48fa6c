#include "vtgate/engine/truncate_columns.h"

#include <fmt/format.h>

namespace tessera::vtgate {

boost::asio::awaitable<Result<ResultSet>> TruncateColumns::Execute(VCursor& cursor,
                                                                   const BindValues& binds) const {
  auto result = co_await child_->Execute(cursor, binds);
  if (!result.ok() || hidden_ == 0) co_return result;
  const size_t keep = result->fields.size() >= hidden_ ? result->fields.size() - hidden_ : 0;
  result->fields.resize(keep);
  for (auto& row : result->rows) row.resize(keep);
  co_return result;
}

std::string TruncateColumns::Describe(int indent) const {
  return fmt::format("{}TruncateColumns hidden={}\n{}",
                     std::string(static_cast<size_t>(indent), ' '), hidden_,
                     child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
