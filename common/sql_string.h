// SQL string literals: the one place that knows how MariaDB escapes a string
// inside single quotes (\\, \', \0, \n, \r, \Z); and back-quoted identifiers.
#pragma once

#include <string>
#include <string_view>

namespace tessera {

// `value` as a single-quoted MariaDB string literal.
std::string QuoteSqlString(std::string_view value);

// `name` as a back-quoted identifier (` doubled).
std::string QuoteSqlIdentifier(std::string_view name);

}  // namespace tessera
