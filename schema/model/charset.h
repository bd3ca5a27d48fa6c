// Character sets and collations as MariaDB 10.11 names them: canonical
// spelling, the default collation of a charset, the charset of a collation,
// and the widest character in bytes. Pure lookups, no server needed.
#pragma once

#include <string>
#include <string_view>

namespace tessera::schema {

// Lower case; the alias "utf8" becomes "utf8mb3" (MariaDB 10.6+ spelling).
std::string CanonicalCharset(std::string_view charset);
// Lower case; a "utf8_" prefix becomes "utf8mb3_".
std::string CanonicalCollation(std::string_view collation);
// The collation MariaDB picks for `charset` when none is given ("" for "").
std::string DefaultCollation(std::string_view charset);
// The charset a collation belongs to: "utf8mb4_bin" -> "utf8mb4", "binary" -> "binary".
std::string CharsetOfCollation(std::string_view collation);
// Bytes of the widest character of `charset`: 1 for single-byte and unlisted
// charsets, 0 for "" (no charset).
int MaxBytesPerChar(std::string_view charset);

}  // namespace tessera::schema
