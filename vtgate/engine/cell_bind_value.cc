#include "vtgate/engine/cell_bind_value.h"

#include "sqlparser/format.h"
#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {

namespace {

bool IsTemporalType(FieldType type) {
  switch (type) {
    case FieldType::kDate:
    case FieldType::kNewDate:
    case FieldType::kTime:
    case FieldType::kDateTime:
    case FieldType::kTimestamp:
    case FieldType::kYear:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string HexLiteral(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "X'";
  out.reserve(bytes.size() * 2 + 3);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xF];
  }
  out += '\'';
  return out;
}

BindValue BindValueOfCell(const Field& field, const Value& value) {
  if (!value) return MakeBindValue(VindexValue::Kind::kNull, "", "NULL");
  const std::string& text = *value;
  if (IsIntegerType(field.type)) return MakeBindValue(VindexValue::Kind::kInteger, text, text);
  if (IsNumericType(field.type)) {
    std::string sql = text;
    // A FLOAT or DOUBLE value compares as a double, not as a decimal literal.
    if ((field.type == FieldType::kFloat || field.type == FieldType::kDouble) &&
        sql.find_first_of("eE") == std::string::npos &&
        sql.find_first_not_of("+-0123456789.") == std::string::npos)
      sql += "e0";
    return MakeBindValue(VindexValue::Kind::kOther, text, std::move(sql));
  }
  if (field.type == FieldType::kBit ||
      (field.charset == kCharsetBinary && !IsTemporalType(field.type)))
    return MakeBindValue(VindexValue::Kind::kString, text, HexLiteral(text));
  return MakeBindValue(VindexValue::Kind::kString, text, sql::QuoteString(text));
}

}  // namespace tessera::vtgate
