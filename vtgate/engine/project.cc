#include "vtgate/engine/project.h"

#include <fmt/format.h>

namespace tessera::vtgate {

boost::asio::awaitable<Result<ResultSet>> Project::Execute(VCursor& cursor,
                                                           const BindValues& binds) const {
  auto result = co_await child_->Execute(cursor, binds);
  if (!result.ok()) co_return result;
  const size_t width = result->fields.size();
  std::vector<size_t> picked;
  picked.reserve(columns_.size());
  for (const auto& column : columns_) {
    size_t index = column.Resolve(width);
    if (column.from_end ? column.index > width || column.index == 0 : index >= width)
      co_return Error::Internal("project: column " + column.ToString() + " is out of range");
    picked.push_back(index);
  }
  ResultSet out;
  out.affected_rows = result->affected_rows;
  out.warnings = result->warnings;
  out.fields.reserve(picked.size());
  for (size_t index : picked) out.fields.push_back(std::move(result->fields[index]));
  out.rows.reserve(result->rows.size());
  for (auto& row : result->rows) {
    Row kept;
    kept.reserve(picked.size());
    for (size_t index : picked) kept.push_back(row[index]);
    out.rows.push_back(std::move(kept));
  }
  co_return out;
}

std::string Project::Describe(int indent) const {
  std::string columns;
  for (const auto& column : columns_) {
    if (!columns.empty()) columns += ",";
    columns += column.ToString();
  }
  return fmt::format("{}Project columns=[{}]\n{}", std::string(static_cast<size_t>(indent), ' '),
                     columns, child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
