// The MariaDB errors the schema model reports, with their SQLSTATEs, so a
// schema error reads like the one the server would give for the same DDL.
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"

namespace tessera::schema {

namespace schema_errno {
inline constexpr uint16_t kTableExists = 1050;           // 42S01
inline constexpr uint16_t kBadTable = 1051;              // 42S02
inline constexpr uint16_t kBadField = 1054;              // 42S22
inline constexpr uint16_t kDupFieldName = 1060;          // 42S21
inline constexpr uint16_t kDupKeyName = 1061;            // 42000
inline constexpr uint16_t kInvalidDefault = 1067;        // 42000
inline constexpr uint16_t kMultiplePrimaryKey = 1068;    // 42000
inline constexpr uint16_t kKeyColumnMissing = 1072;      // 42000
inline constexpr uint16_t kCantRemoveAllColumns = 1090;  // 42000
inline constexpr uint16_t kCantDropFieldOrKey = 1091;    // 42000
inline constexpr uint16_t kTableMustHaveColumns = 1113;  // 42000
inline constexpr uint16_t kDupForeignKey = 1826;         // HY000
inline constexpr uint16_t kFkColumnCannotDrop = 1828;    // HY000
}  // namespace schema_errno

// An Error with `code`, its SQLSTATE and `message`.
Error SchemaError(uint16_t code, std::string message);

}  // namespace tessera::schema
