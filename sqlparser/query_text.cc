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
      // MariaDB reads `--*/` as minus signs and the end of the comment. With
      // the marker blanked, two dashes before a blank would open a line
      // comment, so the dashes (two or three of them) are spread over the
      // marker's bytes: `--*/` becomes `- - `, `---*/` becomes `- - -`.
      // Four or more cannot be spread (nor three before another dash); an
      // invalid byte makes them a syntax error rather than a comment MariaDB
      // does not see.
      size_t dashes = 0;
      while (dashes < i && out[i - dashes - 1] == '-') ++dashes;
      const bool dash_follows = i + 2 < n && out[i + 2] == '-';
      out[i] = ' ';
      out[i + 1] = ' ';
      if (dashes >= 4 || (dashes == 3 && dash_follows)) {
        out[i] = '\x80';
      } else if (dashes >= 2) {
        const size_t first = i - dashes;
        for (size_t k = 0; k < dashes + 2; ++k)
          out[first + k] = k % 2 == 0 && k / 2 < dashes ? '-' : ' ';
      }
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
