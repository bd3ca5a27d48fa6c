// Comparing and combining shard values in vtgate with MySQL's semantics.
//   - NULL sorts before every value and equals only NULL (for grouping).
//   - Numeric columns (integers, YEAR, DECIMAL, FLOAT, DOUBLE) compare by
//     value; DECIMAL exactly, as digit strings.
//   - Other columns compare by the collation sort key MariaDB computed for
//     them (WEIGHT_STRING(expr), fetched as a hidden column) when given,
//     else by their bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/result_set.h"

namespace tessera::vtgate {

bool IsNumericType(FieldType type);
// TINYINT .. BIGINT and YEAR: values without a fraction.
bool IsIntegerType(FieldType type);

// <0, 0, >0. `weight_*` may be null when no sort key was fetched.
int CompareSortValues(const Field& field, const Value& a, const Value* weight_a, const Value& b,
                      const Value* weight_b);

// Exact sum of two decimal (or integer) strings, e.g. "12.50" + "-0.5" = "12.00".
std::string AddDecimalStrings(std::string_view a, std::string_view b);

// Numeric order of two decimal (or integer) strings: <0, 0, >0.
int CompareDecimalStrings(std::string_view a, std::string_view b);

// `dividend` / `divisor` rounded half away from zero to `scale` fractional
// digits, written with exactly `scale` of them (MariaDB's DECIMAL division as
// AVG shows it). `divisor` must not be 0.
std::string DivideDecimalByCount(std::string_view dividend, uint64_t divisor, size_t scale);

// A DOUBLE as MariaDB's text protocol writes it: the shortest text that reads
// back as the same value ("0.1", "1e20", "-2.5").
std::string FormatDouble(double value);

}  // namespace tessera::vtgate
