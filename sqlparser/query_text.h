// Helpers over raw statement text shared by the parser and the normalizer.
//
// - BlankExecutableCommentMarkers: returns `sql` with the `/*!` (plus an
//   optional version number) and matching `*/` of executable comments
//   replaced by spaces, so their bodies read as SQL. Byte offsets are kept,
//   quoted strings/identifiers and ordinary comments are left alone.
// - SyntaxError: MariaDB's 1064 error for a failure at byte `offset` of
//   `sql` (offset == sql.size() means end of input).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::sql {

std::string BlankExecutableCommentMarkers(std::string_view sql);
Error SyntaxError(std::string_view sql, size_t offset);

}  // namespace tessera::sql
