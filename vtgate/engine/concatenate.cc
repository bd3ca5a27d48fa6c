#include "vtgate/engine/concatenate.h"

#include <fmt/format.h>

namespace tessera::vtgate {

boost::asio::awaitable<Result<ResultSet>> Concatenate::Execute(VCursor& cursor,
                                                               const BindValues& binds) const {
  ResultSet out;
  bool first = true;
  for (const auto& child : children_) {
    auto part = co_await child->Execute(cursor, binds);
    if (!part.ok()) co_return part;
    if (first) {
      out.fields = std::move(part->fields);
      first = false;
    } else if (part->fields.size() != out.fields.size()) {
      co_return Error::Make(mysql_errno::kWrongNumberOfColumnsInSelect,
                            "The used SELECT statements have a different number of columns");
    }
    for (auto& row : part->rows) out.rows.push_back(std::move(row));
  }
  co_return out;
}

std::string Concatenate::Describe(int indent) const {
  std::string out = fmt::format("{}Concatenate\n", std::string(static_cast<size_t>(indent), ' '));
  for (const auto& child : children_) out += child->Describe(indent + 2);
  return out;
}

}  // namespace tessera::vtgate
