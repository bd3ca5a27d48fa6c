#include "common/sql_string.h"

namespace tessera {

namespace {

// The escape for a byte QuoteSqlString must not copy as it is; null for the rest.
constexpr const char* EscapeOf(char c) {
  switch (c) {
    case '\\':
      return "\\\\";
    case '\'':
      return "\\'";
    case '\0':
      return "\\0";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\x1a':
      return "\\Z";
    default:
      return nullptr;
  }
}

}  // namespace

std::string QuoteSqlString(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('\'');
  // Copies the runs between bytes that need escaping in one go.
  size_t run = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char* escape = EscapeOf(value[i]);
    if (escape == nullptr) continue;
    out.append(value.data() + run, i - run);
    out.append(escape);
    run = i + 1;
  }
  out.append(value.data() + run, value.size() - run);
  out.push_back('\'');
  return out;
}

std::string QuoteSqlIdentifier(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}

}  // namespace tessera
