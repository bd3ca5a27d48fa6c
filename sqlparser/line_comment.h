// Where line comments begin, as in MariaDB: '#', or '--' followed by
// whitespace, a control character (DEL too), or the end of the text. Either
// runs up to the next line feed; '\r' does not end one. The normalizer, the
// statement splitter and both lexers share this rule so that they agree on
// every input.
#pragma once

#include <cstddef>
#include <string_view>

namespace tessera::sql {

inline bool OpensDashComment(std::string_view sql, size_t i) {
  if (sql.compare(i, 2, "--") != 0) return false;
  if (i + 2 == sql.size()) return true;
  const auto next = static_cast<unsigned char>(sql[i + 2]);
  return next <= ' ' || next == 0x7f;
}

}  // namespace tessera::sql
