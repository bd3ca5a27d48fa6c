// Where line comments begin, as in MariaDB: '#', or '--' followed by
// whitespace, a control character (DEL too), or the end of the text. Either
// runs up to the next line feed; '\r' does not end one.
//
// One departure: after '--', a '\r' opens a comment only as part of "\r\n".
// BlankExecutableCommentMarkers (query_text.h) writes "--\r " for the `--*/`
// that MariaDB reads as two minus signs. The normalizer, the statement
// splitter and both lexers share this rule so that they agree on every input.
#pragma once

#include <cstddef>
#include <string_view>

namespace tessera::sql {

inline bool OpensDashComment(std::string_view sql, size_t i) {
  if (sql.compare(i, 2, "--") != 0) return false;
  if (i + 2 == sql.size()) return true;
  const auto next = static_cast<unsigned char>(sql[i + 2]);
  if (next == '\r') return sql.compare(i + 3, 1, "\n") == 0;
  return next <= ' ' || next == 0x7f;
}

}  // namespace tessera::sql
