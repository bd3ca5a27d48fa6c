#include "sqlparser/query_text.h"

#include <algorithm>

#include "sqlparser/line_comment.h"

namespace tessera::sql {

std::string BlankExecutableCommentMarkers(std::string_view sql) {
  std::string out(sql);
  bool in_exec = false;
  size_t i = 0;
  const size_t n = out.size();
  while (i < n) {
    const char c = out[i];
    if (c == '\'' || c == '"' || c == '`') {
      // Skip a quoted run; backslash escapes apply to strings only.
      size_t j = i + 1;
      while (j < n) {
        if (out[j] == '\\' && c != '`') {
          j += 2;
          continue;
        }
        if (out[j] == c) {
          if (j + 1 < n && out[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      i = std::min(j + 1, n);
      continue;
    }
    if (c == '#' || OpensDashComment(out, i)) {
      while (i < n && out[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < n && out[i + 1] == '*') {
      if (i + 2 < n && out[i + 2] == '!') {
        size_t j = i + 3;
        while (j < n && out[j] >= '0' && out[j] <= '9') ++j;
        std::fill(out.begin() + static_cast<std::ptrdiff_t>(i),
                  out.begin() + static_cast<std::ptrdiff_t>(j), ' ');
        in_exec = true;
        i = j;
        continue;
      }
      const size_t end = out.find("*/", i + 2);
      i = end == std::string::npos ? n : end + 2;
      continue;
    }
    if (in_exec && c == '*' && i + 1 < n && out[i + 1] == '/') {
      // After `--` a blank would start a line comment that MariaDB does not
      // see (it reads `--*/` as two minus signs and the end of the comment);
      // a lone CR separates the tokens without starting one.
      out[i] = i >= 2 && out[i - 1] == '-' && out[i - 2] == '-' ? '\r' : ' ';
      out[i + 1] = ' ';
      in_exec = false;
      i += 2;
      continue;
    }
    ++i;
  }
  return out;
}

Error SyntaxError(std::string_view sql, size_t offset) {
  offset = std::min(offset, sql.size());
  size_t line = 1 + static_cast<size_t>(std::count(
                        sql.begin(), sql.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  size_t len = std::min<size_t>(80, sql.size() - offset);
  // Do not cut a UTF-8 sequence in half.
  while (len > 0 && offset + len < sql.size() &&
         (static_cast<unsigned char>(sql[offset + len]) & 0xC0) == 0x80) {
    --len;
  }
  std::string message =
      "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB "
      "server "
      "version for the right syntax to use near '";
  message.append(sql.substr(offset, len));
  message += "' at line " + std::to_string(line);
  return Error::Make(mysql_errno::kParse, std::move(message));
}

}  // namespace tessera::sql
