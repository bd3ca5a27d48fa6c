#include "common/sql_string.h"

#include <array>

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

constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = EscapeOf(static_cast<char>(c)) != nullptr;
  return t;
}();

}  // namespace

std::string QuoteSqlString(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('\'');
  // Copies the runs between bytes that need escaping in one go.
  size_t run = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!kNeedsEscape[static_cast<unsigned char>(value[i])]) continue;
    out.append(value.data() + run, i - run);
    out.append(EscapeOf(value[i]));
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
