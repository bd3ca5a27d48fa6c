// ResultSet: what a statement returns, in the shape the MySQL text protocol
// needs (column definitions + rows of optional text values) plus the OK-packet
// counters. It is produced by vttablet from MariaDB, carried over the tablet
// RPC unchanged, merged by vtgate and written to the client.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera {

// MySQL column type codes (enum_field_types), as sent on the wire.
enum class FieldType : uint8_t {
  kDecimal = 0,
  kTiny = 1,
  kShort = 2,
  kLong = 3,
  kFloat = 4,
  kDouble = 5,
  kNull = 6,
  kTimestamp = 7,
  kLongLong = 8,
  kInt24 = 9,
  kDate = 10,
  kTime = 11,
  kDateTime = 12,
  kYear = 13,
  kNewDate = 14,
  kVarchar = 15,
  kBit = 16,
  kTimestamp2 = 17,  // binlog only: TIMESTAMP/DATETIME/TIME with fractional seconds
  kDateTime2 = 18,
  kTime2 = 19,
  kJson = 245,
  kNewDecimal = 246,
  kEnum = 247,
  kSet = 248,
  kTinyBlob = 249,
  kMediumBlob = 250,
  kLongBlob = 251,
  kBlob = 252,
  kVarString = 253,
  kString = 254,
  kGeometry = 255,
};

// Column flags (subset of MySQL's *_FLAG bits).
namespace field_flag {
inline constexpr uint16_t kNotNull = 1;
inline constexpr uint16_t kPrimaryKey = 2;
inline constexpr uint16_t kUniqueKey = 4;
inline constexpr uint16_t kMultipleKey = 8;
inline constexpr uint16_t kBlob = 16;
inline constexpr uint16_t kUnsigned = 32;
inline constexpr uint16_t kZeroFill = 64;
inline constexpr uint16_t kBinary = 128;
inline constexpr uint16_t kEnum = 256;
inline constexpr uint16_t kAutoIncrement = 512;
inline constexpr uint16_t kTimestamp = 1024;
inline constexpr uint16_t kSet = 2048;
inline constexpr uint16_t kNum = 32768;
}  // namespace field_flag

inline constexpr uint16_t kCharsetBinary = 63;
inline constexpr uint16_t kCharsetUtf8mb4GeneralCi = 45;

// One column definition (Protocol::ColumnDefinition41).
struct Field {
  std::string name;
  std::string org_name;
  std::string table;
  std::string org_table;
  std::string database;
  FieldType type = FieldType::kVarString;
  uint16_t flags = 0;
  uint16_t charset = kCharsetUtf8mb4GeneralCi;
  uint32_t column_length = 0;
  uint8_t decimals = 0;

  bool operator==(const Field&) const = default;
};

// A cell: the text-protocol value, or nullopt for SQL NULL.
using Value = std::optional<std::string>;
using Row = std::vector<Value>;

// One row of SHOW WARNINGS.
struct Warning {
  std::string level;  // "Note", "Warning" or "Error"
  uint16_t code = 0;
  std::string message;

  bool operator==(const Warning&) const = default;
};

struct ResultSet {
  std::vector<Field> fields;  // empty for statements that return no rows
  std::vector<Row> rows;
  uint64_t affected_rows = 0;
  uint64_t last_insert_id = 0;
  uint16_t warnings = 0;
  std::string info;
  // What SHOW WARNINGS said right after the statement (at most
  // max_error_count of them); empty when `warnings` is 0.
  std::vector<Warning> warning_list;

  bool has_rows() const { return !fields.empty(); }
  bool operator==(const ResultSet&) const = default;
};

}  // namespace tessera
