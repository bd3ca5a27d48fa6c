#include "vtgate/engine/compute_columns.h"

#include <algorithm>

#include <fmt/format.h>

#include "vtgate/engine/cell_bind_value.h"
#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {

namespace {

constexpr size_t kRowsPerQuery = 500;

// A merged value as a literal. NULL keeps its column's type (an empty SUM of
// a DECIMAL(10,2) column is still DECIMAL: IFNULL(SUM(x), 0) is 0.00).
BindValue InputValue(const Field& field, const Value& value) {
  if (value) return BindValueOfCell(field, value);
  BindValue null = BindValueOfCell(field, value);
  const int decimals = field.decimals;
  if (IsIntegerType(field.type)) {
    null.sql = "CAST(NULL AS SIGNED)";
  } else if (field.type == FieldType::kDecimal || field.type == FieldType::kNewDecimal) {
    null.sql = "CAST(NULL AS DECIMAL(65," + std::to_string(std::min(decimals, 30)) + "))";
  } else if (field.type == FieldType::kFloat || field.type == FieldType::kDouble) {
    null.sql = "CAST(NULL AS DOUBLE)";
  } else if (field.type == FieldType::kDate || field.type == FieldType::kNewDate) {
    null.sql = "CAST(NULL AS DATE)";
  } else if (field.type == FieldType::kDateTime || field.type == FieldType::kTimestamp) {
    null.sql = "CAST(NULL AS DATETIME(" + std::to_string(std::min(decimals, 6)) + "))";
  } else if (field.type == FieldType::kTime) {
    null.sql = "CAST(NULL AS TIME(" + std::to_string(std::min(decimals, 6)) + "))";
  }  // strings: a bare NULL is a string already
  return null;
}

}  // namespace

boost::asio::awaitable<Result<ResultSet>> ComputeColumns::Execute(VCursor& cursor,
                                                                  const BindValues& binds) const {
  auto result = co_await child_->Execute(cursor, binds);
  if (!result.ok() || result->rows.empty()) co_return result;
  const size_t columns = result->fields.size();
  // The binds of the statement, then each input's value of the row.
  BindValues row_binds = binds;
  row_binds.resize(bind_count_);
  for (size_t start = 0; start < result->rows.size(); start += kRowsPerQuery) {
    const size_t end = std::min(result->rows.size(), start + kRowsPerQuery);
    std::string sql;
    for (size_t r = start; r < end; ++r) {
      const auto& row = result->rows[r];
      sql += sql.empty() ? "SELECT " : " UNION ALL SELECT ";
      sql += std::to_string(r - start);
      for (const auto& computed : computed_) {
        row_binds.resize(bind_count_);
        for (const auto& input : computed.inputs) {
          const size_t at = input.Resolve(columns);
          row_binds.push_back(InputValue(result->fields[at], row[at]));
        }
        sql += ", " + computed.expr.Render(row_binds);
      }
    }
    ShardQuery query{&keyspace_->shards.front(), std::move(sql)};
    auto values = co_await cursor.ExecuteOne(std::move(query));
    if (!values.ok()) co_return values.error();
    if (values->fields.size() != computed_.size() + 1)
      co_return Error::Internal("computing columns: the answer has the wrong number of columns");
    for (const auto& row : values->rows) {
      if (!row[0]) continue;
      const size_t r = start + std::stoull(*row[0]);
      if (r >= end) continue;
      for (size_t k = 0; k < computed_.size(); ++k)
        result->rows[r][computed_[k].column] = row[k + 1];
    }
    if (start == 0) {
      // The column's type is the one MariaDB gives the expression.
      for (size_t k = 0; k < computed_.size(); ++k) {
        Field& field = result->fields[computed_[k].column];
        Field typed = values->fields[k + 1];
        typed.name = field.name;
        typed.org_name = field.org_name;
        typed.table = field.table;
        typed.org_table = field.org_table;
        field = std::move(typed);
      }
    }
  }
  co_return result;
}

std::string ComputeColumns::Describe(int indent) const {
  std::string columns;
  for (const auto& computed : computed_)
    columns += (columns.empty() ? "" : ",") + std::to_string(computed.column);
  return fmt::format("{}ComputeColumns columns={}\n", std::string(static_cast<size_t>(indent), ' '),
                     columns) +
         child_->Describe(indent + 2);
}

}  // namespace tessera::vtgate
