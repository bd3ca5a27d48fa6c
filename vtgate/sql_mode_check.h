// SqlModeCheck: the sql_mode flags vtgate cannot honour. vtgate reads every
// statement with MariaDB's default lexical rules (backslash escapes in
// strings, "..." as a string, || as OR, NOT binding loosely, function names
// glued to their `(`), and the shards read what it sends with the same
// rules: a session's settings reach them as SET STATEMENT ... FOR, which
// MariaDB applies after parsing. A mode that changes those rules would be
// shown by SELECT @@sql_mode yet silently not apply ('a\\b' stored as a\b
// under NO_BACKSLASH_ESCAPES, "x" read as a string under ANSI_QUOTES), so a
// session may not turn one on.
//
// Checked on the effective mode MariaDB reports (`@@sql_mode` after the
// SET), so combination modes (ANSI, ORACLE, MSSQL, ...) and numeric masks
// are caught by the flags they expand to. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tessera::vtgate {

// The flags of `effective_mode` (a comma list, as @@sql_mode shows it) that
// vtgate refuses, upper-cased, in the order they appear; empty when none.
std::vector<std::string> UnsupportedSqlModes(std::string_view effective_mode);

}  // namespace tessera::vtgate
