#include "schema/model/column.h"

#include <array>
#include <utility>

#include "common/ascii.h"
#include "sqlparser/format.h"

namespace tessera::schema {

namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kAliases = {{
    {"integer", "int"},
    {"int4", "int"},
    {"int1", "tinyint"},
    {"int2", "smallint"},
    {"int3", "mediumint"},
    {"middleint", "mediumint"},
    {"int8", "bigint"},
    {"bool", "tinyint"},
    {"boolean", "tinyint"},
    {"dec", "decimal"},
    {"numeric", "decimal"},
    {"fixed", "decimal"},
    {"real", "double"},
    {"float8", "double"},
    {"character", "char"},
}};

bool OneOf(std::string_view type, std::initializer_list<std::string_view> names) {
  for (auto n : names) {
    if (n == type) return true;
  }
  return false;
}
}  // namespace

std::string CanonicalTypeName(std::string_view type) {
  std::string t = AsciiLower(type);
  for (const auto& [alias, name] : kAliases) {
    if (alias == t) return std::string(name);
  }
  if (t == "float4") return "float";
  return t;
}

bool IsIntegerType(std::string_view t) {
  return OneOf(t, {"tinyint", "smallint", "mediumint", "int", "bigint"});
}

bool IsNumericType(std::string_view t) {
  return IsIntegerType(t) || OneOf(t, {"decimal", "float", "double", "bit"});
}

bool IsTextualType(std::string_view t) {
  return OneOf(t, {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"});
}

bool IsTemporalType(std::string_view t) {
  return OneOf(t, {"date", "time", "datetime", "timestamp", "year"});
}

bool Column::IsTextual() const {
  return IsTextualType(type);
}

std::string Column::TypeSql() const {
  std::string out = type;
  if (!values.empty()) {
    out += '(';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) out += ',';
      out += sql::QuoteString(values[i]);
    }
    out += ')';
  } else if (length) {
    out += '(' + std::to_string(*length);
    if (scale) out += ',' + std::to_string(*scale);
    out += ')';
  }
  if (is_unsigned) out += " unsigned";
  if (zerofill) out += " zerofill";
  return out;
}

}  // namespace tessera::schema
