#include "sqlparser/statement_splitter.h"

#include <cstddef>

#include "sqlparser/line_comment.h"

namespace tessera::sql {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Index just past the quoted run opened by sql[i], or sql.size() when it is
// not closed. Backslash escapes apply to strings, not to identifiers.
size_t SkipQuoted(std::string_view sql, size_t i) {
  const char quote = sql[i];
  size_t j = i + 1;
  while (j < sql.size()) {
    if (sql[j] == '\\' && quote != '`') {
      j += 2;
      continue;
    }
    if (sql[j] == quote) {
      if (j + 1 < sql.size() && sql[j + 1] == quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    ++j;
  }
  return sql.size();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string_view> SplitStatements(std::string_view sql) {
  std::vector<std::string_view> statements;
  size_t start = 0;
  bool has_content = false;  // the current piece holds more than blanks and comments
  size_t i = 0;
  const size_t n = sql.size();
  auto emit = [&](size_t end) {
    if (has_content) statements.push_back(Trim(sql.substr(start, end - start)));
    has_content = false;
  };
  while (i < n) {
    const char c = sql[i];
    if (c == ';') {
      // `x --;`: the dashes are two minus signs only while the `;` follows
      // them (at the end of a text they would open a comment), so the
      // statement keeps its `;`.
      const bool dashes = i >= 2 && sql[i - 1] == '-' && sql[i - 2] == '-';
      emit(dashes ? i + 1 : i);
      start = ++i;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      has_content = true;
      i = SkipQuoted(sql, i);
      continue;
    }
    if (c == '#' || (c == '-' && OpensDashComment(sql, i))) {
      const size_t eol = sql.find('\n', i);
      i = eol == std::string_view::npos ? n : eol + 1;
      continue;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      const bool executable = sql.compare(i + 2, 1, "!") == 0 || sql.compare(i + 2, 2, "M!") == 0;
      const size_t end = sql.find("*/", i + 2);
      if (executable || end == std::string_view::npos) has_content = true;
      i = end == std::string_view::npos ? n : end + 2;
      continue;
    }
    if (!IsSpace(c)) has_content = true;
    ++i;
  }
  emit(n);
  return statements;
}

}  // namespace tessera::sql
