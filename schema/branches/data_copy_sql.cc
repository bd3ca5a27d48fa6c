#include "schema/branches/data_copy_sql.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cctype>

#include "common/ascii.h"
#include "schema/store/sql_quote.h"

namespace tessera::schema {
namespace {

bool OneOf(const std::string& value, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), value) != names.end();
}

// Digits, sign, decimal point and exponent only: what MariaDB prints for a
// number, and never anything that could end a literal.
bool IsNumericText(const std::string& text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  });
}

std::string HexLiteral(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2 + 3);
  out += "X'";
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0F]);
  }
  out.push_back('\'');
  return out;
}

std::string ColumnList(const std::vector<CopyColumn>& columns) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += QuoteIdentifier(columns[i].name);
  }
  return out;
}

}  // namespace

ColumnKind ColumnKindOf(std::string_view data_type) {
  const std::string t = AsciiLower(data_type);
  if (OneOf(t, {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal",
                "numeric", "float", "double", "real"}))
    return ColumnKind::kNumber;
  if (OneOf(t, {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit",
                "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
                "multipolygon", "geometrycollection"}))
    return ColumnKind::kBinary;
  return ColumnKind::kText;
}

bool KeysetComparable(std::string_view data_type) {
  const std::string t = AsciiLower(data_type);
  return OneOf(t, {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal",
                   "numeric", "double", "char", "varchar", "binary", "varbinary", "date",
                   "datetime", "timestamp", "time", "year", "uuid"});
}

std::string SqlLiteral(const std::optional<std::string>& value, ColumnKind kind) {
  if (!value) return "NULL";
  switch (kind) {
    case ColumnKind::kNumber:
      if (IsNumericText(*value)) return *value;
      return QuoteSqlString(*value);
    case ColumnKind::kBinary:
      return HexLiteral(*value);
    case ColumnKind::kText:
      return QuoteSqlString(*value);
  }
  return QuoteSqlString(*value);
}

std::string KeyAfterPredicate(const std::vector<CopyColumn>& key, const SqlRow& last) {
  assert(key.size() == last.size());
  std::string out;
  for (size_t i = 0; i < key.size(); ++i) {
    if (i > 0) out += " OR ";
    out += "(";
    for (size_t j = 0; j < i; ++j) {
      out += QuoteIdentifier(key[j].name) + " = " + SqlLiteral(last[j], key[j].kind) + " AND ";
    }
    out += QuoteIdentifier(key[i].name) + " > " + SqlLiteral(last[i], key[i].kind) + ")";
  }
  return out;
}

std::string ChunkSelect(const std::string& database, const std::string& table,
                        const std::vector<CopyColumn>& columns, const std::vector<CopyColumn>& key,
                        const std::optional<SqlRow>& after, size_t limit) {
  std::string sql = "SELECT " + ColumnList(columns) + " FROM " + QuoteIdentifier(database) + "." +
                    QuoteIdentifier(table);
  if (key.empty()) return sql;
  if (after) sql += " WHERE " + KeyAfterPredicate(key, *after);
  sql += " ORDER BY " + ColumnList(key) + " LIMIT " + std::to_string(limit);
  return sql;
}

InsertBatch::InsertBatch(const std::string& database, const std::string& table,
                         const std::vector<CopyColumn>& columns, size_t max_rows, size_t max_bytes)
    : max_rows_(std::max<size_t>(1, max_rows)), max_bytes_(max_bytes) {
  for (const auto& c : columns) kinds_.push_back(c.kind);
  prefix_ = "INSERT INTO " + QuoteIdentifier(database) + "." + QuoteIdentifier(table) + " (" +
            ColumnList(columns) + ") VALUES ";
}

void InsertBatch::Add(const SqlRow& row) {
  assert(row.size() == kinds_.size());
  if (rows_ == 0) {
    text_ = prefix_;
  } else {
    text_ += ",";
  }
  text_ += "(";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) text_ += ",";
    text_ += SqlLiteral(row[i], kinds_[i]);
  }
  text_ += ")";
  ++rows_;
}

std::string InsertBatch::Take() {
  assert(rows_ > 0);
  rows_ = 0;
  std::string out;
  out.swap(text_);
  return out;
}

}  // namespace tessera::schema
