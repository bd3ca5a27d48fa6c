// Binary result row (the answer rows of COM_STMT_EXECUTE): header 0x00, a
// NULL bitmap whose first two bits are unused, then each non-NULL cell in
// the binary form of its column's type: integers fixed-width little-endian
// (TINY 1, SHORT/YEAR 2, LONG/INT24 4, LONGLONG 8 bytes), FLOAT and DOUBLE
// as IEEE values, DATE/DATETIME/TIMESTAMP/TIME as in binary_temporal.h, and
// everything else (DECIMAL, strings, blobs, JSON, BIT, ...) as a
// length-encoded string. Cells arrive as text (common/result_set.h) and are
// converted according to the Field type and its UNSIGNED flag.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/result_set.h"

namespace tessera::vtgate::mysql {

// Appends one row. Returns the index of the first cell whose text does not
// fit its column's binary type (e.g. "abc" in a LONGLONG column), leaving
// `out` partly written; nullopt on success.
std::optional<size_t> EncodeBinaryRow(const std::vector<Field>& fields, const Row& row,
                                      std::string* out);

// The type a column is sent as when one of its cells does not fit its own
// type: a length-encoded string column.
Field AsStringColumn(Field field);

// Parses a row of `fields.size()` cells back to text: integers in decimal,
// FLOAT/DOUBLE in their shortest round-trip form, temporal values in
// MariaDB's text form (with `decimals` fraction digits when 1..6).
// Trailing bytes are an error.
Result<Row> DecodeBinaryRow(std::string_view payload, const std::vector<Field>& fields);

}  // namespace tessera::vtgate::mysql
