// The byte form of a column value that byte-hashing vindexes (binary,
// binary_md5, xxhash, unicode_loose_md5) feed to their hash, chosen so that
// keyspace ids agree with Vitess, which hashes a value's textual bytes:
//  - kString: the unescaped string bytes, unchanged ('01' stays "01").
//  - kInteger: the canonical decimal text of the integer: no '+', no leading
//    zeros, "0" for zero (also "-0"), '-' only before a nonzero magnitude. Any
//    length is accepted (no 64-bit range check). 42, +42 and 0042 all give "42".
//  - kNull: an error ("cannot map NULL to a keyspace id").
//  - kOther: an error; such values (decimals, hex, bit literals) have no agreed
//    byte form here.
// Errors name the vindex type and the value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

Result<std::string> VindexValueBytes(std::string_view vindex_type, const VindexValue& value);

// Canonical decimal text of `text` if it is [+-]?[0-9]+, else nullopt.
std::optional<std::string> CanonicalIntegerText(std::string_view text);

// The canonical integer text of a decimal or floating-point literal
// ([+-]?digits[.digits][e[+-]digits]) whose value is an exact integer, as a
// BIGINT column stores it (4000900e0, 4000900.00 -> "4000900"); nullopt for
// a fraction, for other text, and for a floating-point literal beyond 2^53
// (a DOUBLE no longer holds every integer there).
std::optional<std::string> IntegralNumberText(std::string_view text);

}  // namespace tessera::vtgate
