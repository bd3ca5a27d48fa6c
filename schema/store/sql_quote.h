// Quoting for statements schemad builds as text: identifiers in backticks
// (a backtick inside is doubled) and string literals via common/sql_string.h.
#pragma once

#include <string>
#include <string_view>

#include "common/sql_string.h"

namespace tessera::schema {

// `name` as a MariaDB quoted identifier: `a``b` for a`b.
inline std::string QuoteIdentifier(std::string_view name) {
  return QuoteSqlIdentifier(name);
}

}  // namespace tessera::schema
