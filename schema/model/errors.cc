#include "schema/model/errors.h"

namespace tessera::schema {

namespace {
const char* SqlState(uint16_t code) {
  switch (code) {
    case schema_errno::kTableExists:
      return "42S01";
    case schema_errno::kBadTable:
    case mysql_errno::kNoSuchTable:
      return "42S02";
    case schema_errno::kBadField:
      return "42S22";
    case schema_errno::kDupFieldName:
      return "42S21";
    case schema_errno::kDupKeyName:
    case schema_errno::kInvalidDefault:
    case schema_errno::kMultiplePrimaryKey:
    case schema_errno::kKeyColumnMissing:
    case schema_errno::kCantRemoveAllColumns:
    case schema_errno::kCantDropFieldOrKey:
    case schema_errno::kTableMustHaveColumns:
      return "42000";
    default:
      return nullptr;
  }
}
}  // namespace

Error SchemaError(uint16_t code, std::string message) {
  const char* state = SqlState(code);
  if (!state) return Error::Make(code, std::move(message));
  return Error{code, state, std::move(message)};
}

}  // namespace tessera::schema
