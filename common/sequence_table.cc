#include "common/sequence_table.h"

#include <cctype>
#include <charconv>

#include "common/sql_string.h"
#include "common/word_scanner.h"

namespace tessera {
namespace {

constexpr uint64_t kMaxValuesPerRequest = 1000000;

}  // namespace

std::vector<std::string> SequenceTableDdl(std::string_view table, uint64_t next_id) {
  const std::string name = QuoteSqlIdentifier(table);
  return {"CREATE TABLE IF NOT EXISTS " + name +
              " (id INT NOT NULL PRIMARY KEY, next_id BIGINT NOT NULL, cache BIGINT NOT NULL)"
              " COMMENT 'tessera sequence'",
          "INSERT IGNORE INTO " + name + " (id, next_id, cache) VALUES (0, " +
              std::to_string(next_id) + ", 1000)"};
}

std::string NextValuesStatement(std::string_view table, uint64_t count) {
  return "SELECT NEXT " + std::to_string(count) + " VALUES FROM " + QuoteSqlIdentifier(table);
}

std::optional<NextValuesRequest> ParseNextValues(std::string_view sql) {
  // Every statement a tablet runs passes here: reject the others without
  // allocating, by their first two words.
  size_t pos = 0;
  auto word_is = [&sql, &pos](std::string_view word) {
    while (pos < sql.size() && std::isspace(static_cast<unsigned char>(sql[pos]))) ++pos;
    if (sql.size() - pos <= word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(sql[pos + i])) != word[i]) return false;
    }
    pos += word.size();
    return std::isspace(static_cast<unsigned char>(sql[pos])) != 0;
  };
  if (!word_is("select") || !word_is("next")) return std::nullopt;
  WordScanner scan(sql);
  if (scan.Word() != "select" || scan.Word() != "next") return std::nullopt;
  std::string digits = scan.Word();
  uint64_t count = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (count == 0 || count > kMaxValuesPerRequest) return std::nullopt;
  if (scan.Word() != "values" || scan.Word() != "from") return std::nullopt;
  std::string_view rest = scan.Rest();
  std::string table;
  if (!rest.empty() && rest.front() == '`') {
    size_t i = 1;
    for (; i < rest.size(); ++i) {
      if (rest[i] != '`') {
        table += rest[i];
      } else if (i + 1 < rest.size() && rest[i + 1] == '`') {
        table += '`';
        ++i;
      } else {
        break;
      }
    }
    if (i + 1 != rest.size()) return std::nullopt;  // unterminated, or text after it
  } else {
    for (char c : rest) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return std::nullopt;
    }
    table = std::string(rest);
  }
  if (table.empty()) return std::nullopt;
  return NextValuesRequest{std::move(table), count};
}

}  // namespace tessera
