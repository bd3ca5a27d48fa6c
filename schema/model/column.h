// Column: one column of a table in canonical form, so that two columns that
// MariaDB treats as the same compare equal with ==.
//
// Invariants (established by the model's parsers, kept by ApplyDdl):
// - `type` is the lower-case base type ("int", "varchar", "decimal", "enum");
//   aliases are resolved (INTEGER -> int, BOOLEAN -> tinyint(1), NUMERIC -> decimal).
// - Integer display widths are dropped (int(11) == int) except tinyint(1)
//   and ZEROFILL columns; decimal always has length and scale; char, binary
//   and bit default to length 1; temporal fsp 0 is dropped.
// - Textual columns (char, varchar, *text, enum, set) carry their resolved
//   charset and collation (inherited from the table when not given);
//   other columns have both empty.
// - `default_value` is SQL text ("0", "'abc'", "current_timestamp()",
//   "(expr)"); nullopt means no DEFAULT clause, which for a nullable column
//   is the implicit DEFAULT NULL. An explicit DEFAULT NULL is stored as nullopt.
// - An empty comment is no comment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::schema {

struct Column {
  std::string name;
  std::string type;
  std::optional<uint32_t> length;   // varchar(64), decimal(10,2) -> 10, datetime(3) -> 3
  std::optional<uint32_t> scale;    // decimal(10,2) -> 2
  std::vector<std::string> values;  // enum/set members, unescaped
  bool is_unsigned = false;
  bool zerofill = false;
  std::string charset;
  std::string collation;
  bool nullable = true;
  std::optional<std::string> default_value;
  std::optional<std::string> on_update;
  bool auto_increment = false;
  std::string comment;
  std::optional<std::string> generated;  // GENERATED ALWAYS AS (expr): the expr text
  bool generated_stored = false;

  // The type as written in DDL: "varchar(64)", "int unsigned", "enum('a','b')".
  std::string TypeSql() const;
  bool IsTextual() const;
  bool operator==(const Column&) const = default;
};

// Type families, on canonical lower-case type names.
bool IsIntegerType(std::string_view type);  // tinyint .. bigint
bool IsNumericType(std::string_view type);  // integers, decimal, float, double, bit
bool IsTextualType(std::string_view type);  // char, varchar, *text, enum, set
bool IsTemporalType(std::string_view type);
// Canonical name for a type name as the parser reports it ("INTEGER" -> "int").
// BOOL/BOOLEAN map to "tinyint" (the caller sets length 1).
std::string CanonicalTypeName(std::string_view type);

}  // namespace tessera::schema
