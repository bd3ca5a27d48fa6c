// Normalizer: a hand-written single-pass tokenizer over MySQL statement text
// that replaces literal values with bind variables `:v1`, `:v2`, ... (left to
// right), collects the values and fingerprints the statement's shape. It is
// the hot path in front of the plan cache and never calls ANTLR.
//
// Contract:
// - Only data statements are rewritten: the first keyword must be SELECT,
//   INSERT, REPLACE, UPDATE, DELETE, WITH or VALUES (a leading `(` is
//   skipped). Anything else (DDL, SET, SHOW, USE, BEGIN, ...) and any
//   statement holding a `?` placeholder or a `:name` bind variable comes back
//   unchanged with `parameterized == false` and no values.
// - Literals agree with the grammar: '...' and "..." strings (backslash and
//   doubled-quote escapes; adjacent strings concatenate into one value),
//   integers, decimals (1.5, .5), floats (1e3), X'..', 0x.., b'..', 0b...
//   A sign is an operator and stays in the text. NULL, TRUE and FALSE stay
//   keywords. A number glued to identifier characters (1abc) stays as is.
// - Left as literals: everything in ORDER BY / GROUP BY (ordinals) and LIMIT /
//   OFFSET clauses, strings after a charset introducer (_utf8mb4'x') or N'x',
//   aliases after AS and string aliases without it (a string right after a
//   name, a number, a variable or `)`; kOperandBefore in normalizer.cc lists
//   the words after which a string is a value), JSON paths after -> / ->>,
//   GROUP_CONCAT's SEPARATOR, DATE/TIME/TIMESTAMP '...', and numbers inside
//   the parentheses of type names and niladic functions (CHAR(10),
//   DECIMAL(10,2), NOW(6)).
// - Comments (`-- `, `#`, `/* */`) and whitespace runs become one space; the
//   text is trimmed and a final `;` dropped. Executable comments are kept:
//   `/*!` and its version number verbatim, the body normalized as SQL.
//   Backquoted identifiers and user/system variables are copied verbatim.
// - `fingerprint` is XXH3-64 of the statement's shape: the normalized text
//   with bind variables unnumbered and every IN list made only of literals
//   collapsed to one token, so `IN (1,2)` and `IN (1,2,3)` share it. The
//   text itself keeps one `:vN` per item (the grammar has no list bind
//   variables), so such statements still have distinct texts.
// - An unterminated string, quoted identifier or comment is error 1064.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace tessera::sql {

enum class NormalizedValueKind {
  kInt,      // 42
  kDecimal,  // 1.5
  kFloat,    // 1e3
  kString,   // 'abc'
  kHex,      // X'0aff' or 0x0aff
  kBit,      // b'0101' or 0b0101
};

struct NormalizedValue {
  NormalizedValueKind kind = NormalizedValueKind::kInt;
  std::string raw;  // strings unescaped; numbers, hex and bit values as written
  std::string sql;  // the value as SQL literal text: 42, 'O\'Brien', X'0a'
};

struct Normalized {
  std::string text;  // the statement with :v1, :v2, ... in place of literals
  uint64_t fingerprint = 0;
  std::vector<NormalizedValue> values;  // values[i] is :v(i+1)
  bool parameterized = false;           // false: text is the input unchanged
};

Result<Normalized> Normalize(std::string_view sql);

}  // namespace tessera::sql
