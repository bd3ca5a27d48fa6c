// SplitStatements: cuts the text of one COM_QUERY into the statements a
// client sent together (CLIENT_MULTI_STATEMENTS), without parsing them.
//
// Contract:
// - A `;` separates statements only at top level: not inside '...' or "..."
//   strings (backslash escapes and doubled quotes), `...` identifiers
//   (doubled backquotes), `-- ` / `#` line comments or /* ... */ comments,
//   executable /*! ... */ and /*M! ... */ comments included.
// - Each statement is a view into `sql`, without its `;` and trimmed of
//   surrounding whitespace; a statement ending in `--` right before its `;`
//   keeps the `;` (without it, the `--` would read as a comment). Pieces
//   holding nothing but whitespace and ordinary comments are dropped, so
//   "SELECT 1;" and "SELECT 1; -- done" are one statement. Executable
//   comments are not blank.
// - An unterminated string, identifier or comment runs to the end of the
//   text and stays in the last statement, for the parser to reject.
// - Never fails; blank input gives no statements. Compound statements
//   (BEGIN ... END bodies) and sql_mode NO_BACKSLASH_ESCAPES are not
//   recognised.
#pragma once

#include <string_view>
#include <vector>

namespace tessera::sql {

std::vector<std::string_view> SplitStatements(std::string_view sql);

}  // namespace tessera::sql
