#include "vtgate/engine/compute_columns.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "vtgate/engine/cell_bind_value.h"
#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {

namespace {

constexpr size_t kRowsPerQuery = 500;
constexpr uint8_t kNotFixedDecimals = 31;

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

// A DOUBLE shown with a fixed scale (AVG or VARIANCE of a DECIMAL, ...): a
// literal cannot carry that scale, so the expression is evaluated twice,
// once over ROUND(value, scale) for MariaDB's type and once over the value.
bool HasFixedScale(const Field& field) {
  return (field.type == FieldType::kFloat || field.type == FieldType::kDouble) &&
         field.decimals < kNotFixedDecimals;
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
  std::vector<bool> twice(computed_.size(), false);
  size_t answer_columns = 1;
  for (size_t k = 0; k < computed_.size(); ++k) {
    for (const auto& input : computed_[k].inputs)
      if (HasFixedScale(result->fields[input.Resolve(columns)])) twice[k] = true;
    answer_columns += twice[k] ? 2 : 1;
  }
  for (size_t start = 0; start < result->rows.size(); start += kRowsPerQuery) {
    const size_t end = std::min(result->rows.size(), start + kRowsPerQuery);
    std::string sql;
    for (size_t r = start; r < end; ++r) {
      const auto& row = result->rows[r];
      sql += sql.empty() ? "SELECT " : " UNION ALL SELECT ";
      sql += std::to_string(r - start);
      for (size_t k = 0; k < computed_.size(); ++k) {
        const auto& computed = computed_[k];
        row_binds.resize(bind_count_);
        for (const auto& input : computed.inputs) {
          const size_t at = input.Resolve(columns);
          row_binds.push_back(InputValue(result->fields[at], row[at]));
        }
        sql += ", " + computed.expr.Render(row_binds);
        if (!twice[k]) continue;
        for (size_t i = 0; i < computed.inputs.size(); ++i) {
          const Field& field = result->fields[computed.inputs[i].Resolve(columns)];
          BindValue& bind = row_binds[bind_count_ + i];
          if (HasFixedScale(field) && bind.value.kind != VindexValue::Kind::kNull)
            bind.sql = "ROUND(" + bind.sql + ", " + std::to_string(field.decimals) + ")";
        }
        sql += ", " + computed.expr.Render(row_binds);
      }
    }
    ShardQuery query{&keyspace_->shards.front(), std::move(sql)};
    auto values = co_await cursor.ExecuteOne(std::move(query));
    if (!values.ok()) co_return values.error();
    if (values->fields.size() != answer_columns)
      co_return Error::Internal("computing columns: the answer has the wrong number of columns");
    for (const auto& row : values->rows) {
      if (!row[0]) continue;
      const size_t r = start + std::stoull(*row[0]);
      if (r >= end) continue;
      size_t at = 1;
      for (size_t k = 0; k < computed_.size(); ++k) {
        Value value = row[at];
        if (twice[k]) {
          // The value over exact inputs, shown as MariaDB types the expression.
          const Field& typed = values->fields[at + 1];
          if (value && HasFixedScale(typed)) {
            char buf[400];
            std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(typed.decimals),
                          std::strtod(value->c_str(), nullptr));
            value = std::string(buf);
          } else if (value && !IsNumericType(typed.type)) {
            value = row[at + 1];
          }
        }
        result->rows[r][computed_[k].column] = std::move(value);
        at += twice[k] ? 2 : 1;
      }
    }
    if (start == 0) {
      // The column's type is the one MariaDB gives the expression.
      size_t at = 1;
      for (size_t k = 0; k < computed_.size(); ++k) {
        Field& field = result->fields[computed_[k].column];
        at += twice[k] ? 1 : 0;
        Field typed = values->fields[at++];
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
