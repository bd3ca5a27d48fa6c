#include "vtgate/engine/materialize.h"

#include <algorithm>

#include <fmt/format.h>

#include "sqlparser/format.h"
#include "vtgate/engine/cell_bind_value.h"
#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {

namespace {

std::string Cast(const std::string& text, const std::string& type) {
  return "CAST(" + sql::QuoteString(text) + " AS " + type + ")";
}

std::string FractionalType(const char* name, uint8_t decimals) {
  return fmt::format("{}({})", name, std::min<int>(decimals, 6));
}

// Why a column's values cannot be copied as literals; empty when they can.
std::string Uncopyable(const Field& field) {
  if (field.type == FieldType::kEnum || (field.flags & field_flag::kEnum) != 0) return "ENUM";
  if (field.type == FieldType::kSet || (field.flags & field_flag::kSet) != 0) return "SET";
  if (field.type == FieldType::kGeometry) return "spatial";
  if (field.type == FieldType::kBit) return "BIT";
  return "";
}

// Whether a DATE or DATETIME value has a zero year, month or day, which
// CAST turns into NULL under sql_mode NO_ZERO_DATE / NO_ZERO_IN_DATE.
bool HasZeroDatePart(const std::string& value) {
  return value.size() >= 10 && (value.compare(0, 4, "0000") == 0 ||
                                value.compare(4, 3, "-00") == 0 || value.compare(7, 3, "-00") == 0);
}

bool IsDateType(FieldType type) {
  return type == FieldType::kDate || type == FieldType::kNewDate || type == FieldType::kDateTime ||
         type == FieldType::kTimestamp;
}

// A cell as a literal of its column's type. Text is written as utf8mb4 (what
// tablet connections speak) in hex, which reads the same under any sql_mode.
std::string Literal(const Field& field, const Value& value) {
  if (!value) return "NULL";
  switch (field.type) {
    case FieldType::kDate:
    case FieldType::kNewDate:
      return Cast(*value, "DATE");
    case FieldType::kDateTime:
    case FieldType::kTimestamp:
      return Cast(*value, FractionalType("DATETIME", field.decimals));
    case FieldType::kTime:
      return Cast(*value, FractionalType("TIME", field.decimals));
    case FieldType::kYear:
      return *value;
    case FieldType::kFloat:
      // The shortest text of a FLOAT read back as a DOUBLE is another number.
      return "CAST(" + *value + " AS FLOAT)";
    default:
      break;
  }
  BindValue literal = BindValueOfCell(field, value);
  if (literal.value.kind == VindexValue::Kind::kString && field.charset != kCharsetBinary)
    return "_utf8mb4 " + HexLiteral(*value);
  return literal.sql;
}

// The copy of a table without rows: its columns with their types.
std::string EmptyCopy(const std::string& table, const std::string& columns) {
  return columns + " FROM " + sql::QuoteIdentifier(table) + " WHERE 0";
}

}  // namespace

Result<std::string> Materialize::RowsText(const std::string& table, const ResultSet& rows,
                                          const std::string& columns) {
  for (const auto& field : rows.fields) {
    std::string why = Uncopyable(field);
    if (!why.empty()) {
      return Error::Make(mysql_errno::kNotSupportedYet,
                         fmt::format("unsupported: {} column {}.{} in a query vtgate runs over "
                                     "copied rows",
                                     why, table, field.name));
    }
  }
  for (size_t c = 0; c < rows.fields.size(); ++c) {
    if (!IsDateType(rows.fields[c].type)) continue;
    for (const Row& row : rows.rows) {
      if (c < row.size() && row[c] && HasZeroDatePart(*row[c])) {
        return Error::Make(mysql_errno::kNotSupportedYet,
                           fmt::format("unsupported: zero date '{}' in column {}.{} in a query "
                                       "vtgate runs over copied rows",
                                       *row[c], table, rows.fields[c].name));
      }
    }
  }
  std::string out = EmptyCopy(table, columns);
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    const Row& row = rows.rows[r];
    if (row.size() != rows.fields.size())
      return Error::Internal("materializing " + table + ": a row has the wrong number of cells");
    out += r == 0 ? " UNION ALL VALUES (" : ", (";
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ", ";
      out += Literal(rows.fields[c], row[c]);
    }
    out += ')';
  }
  return out;
}

boost::asio::awaitable<Result<ResultSet>> Materialize::Execute(VCursor& cursor,
                                                               const BindValues& binds) const {
  BindValues all(binds.begin(),
                 binds.begin() + static_cast<std::ptrdiff_t>(std::min(binds.size(), bind_count_)));
  all.resize(bind_count_);
  size_t held = 0;
  for (const auto& source : sources_) {
    if (source.rows == nullptr) {
      all.push_back(
          MakeBindValue(VindexValue::Kind::kOther, "", EmptyCopy(source.table, source.columns)));
      continue;
    }
    auto rows = co_await source.rows->Execute(cursor, binds);
    if (!rows.ok()) co_return rows.error();
    held += rows->rows.size();
    if (held > max_rows_) {
      co_return Error::Make(
          mysql_errno::kUnknown,
          fmt::format("a query vtgate runs over copied rows needs more than {} rows in memory "
                      "(the limit); table {} alone has {}",
                      max_rows_, source.table, rows->rows.size()));
    }
    auto text = RowsText(source.table, *rows, source.columns);
    if (!text.ok()) co_return text.error();
    all.push_back(MakeBindValue(VindexValue::Kind::kOther, "", std::move(text).value()));
  }
  ShardQuery query{&keyspace_->shards.front(), query_.Render(all)};
  if (query.sql.size() > kMaxQueryBytes) {
    co_return Error::Make(
        mysql_errno::kUnknown,
        fmt::format("a query vtgate runs over copied rows would be {} bytes long, more than the "
                    "limit of {}: narrow it with WHERE terms on single tables",
                    query.sql.size(), kMaxQueryBytes));
  }
  co_return co_await cursor.ExecuteOne(std::move(query));
}

std::string Materialize::Describe(int indent) const {
  std::string query;
  for (size_t i = 0; i < query_.segments.size(); ++i) {
    query += query_.segments[i];
    if (i >= query_.params.size()) continue;
    const auto param = static_cast<size_t>(query_.params[i]);
    query += param < bind_count_ ? fmt::format(":v{}", param + 1)
                                 : fmt::format("<rows of {}>", sources_[param - bind_count_].table);
  }
  std::string out =
      fmt::format("{}Materialize keyspace={} query=\"{}\"\n",
                  std::string(static_cast<size_t>(indent), ' '), keyspace_->name, query);
  for (const auto& source : sources_) {
    out += source.rows != nullptr
               ? source.rows->Describe(indent + 2)
               : fmt::format("{}{} not read: the query returns no rows\n",
                             std::string(static_cast<size_t>(indent) + 2, ' '), source.table);
  }
  return out;
}

}  // namespace tessera::vtgate
