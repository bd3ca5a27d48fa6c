#include "vtgate/query_directives.h"

#include <cctype>

#include <fmt/format.h>

namespace tessera::vtgate {

std::optional<uint64_t> QueryTimeoutDirective(std::string_view sql) {
  // Every statement passes here: one scan when there is no directive.
  const size_t start = sql.find("/*vt+");
  if (start == std::string_view::npos) return std::nullopt;
  if (sql.substr(0, start).find_first_of("'\"`") != std::string_view::npos) return std::nullopt;
  const size_t end = sql.find("*/", start);
  if (end == std::string_view::npos) return std::nullopt;
  std::string comment(sql.substr(start + 5, end - start - 5));
  for (char& c : comment) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  constexpr std::string_view kName = "QUERY_TIMEOUT_MS";
  size_t at = comment.find(kName);
  if (at == std::string::npos) return std::nullopt;
  at += kName.size();
  while (at < comment.size() && comment[at] == ' ') ++at;
  if (at >= comment.size() || comment[at] != '=') return std::nullopt;
  ++at;
  while (at < comment.size() && comment[at] == ' ') ++at;
  uint64_t value = 0;
  size_t digits = 0;
  while (at < comment.size() && std::isdigit(static_cast<unsigned char>(comment[at])) &&
         digits < 12) {
    value = value * 10 + static_cast<uint64_t>(comment[at] - '0');
    ++at;
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  return value;
}

std::string MaxStatementTime(uint64_t milliseconds) {
  return fmt::format("{}.{:03}", milliseconds / 1000, milliseconds % 1000);
}

}  // namespace tessera::vtgate
