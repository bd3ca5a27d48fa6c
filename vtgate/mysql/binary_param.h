// Parameter values of COM_STMT_EXECUTE in the binary protocol, turned into
// SQL literal text for the executor: integers and floating-point numbers as
// numbers, DECIMAL as its digits (quoted when they are not a plain number),
// temporal values as quoted MariaDB text forms, strings quoted and escaped
// (bytes that are not UTF-8 as X'..'), BIT as X'..', NULL as NULL. A literal
// never carries anything but one value: it is safe to splice into SQL.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/result_set.h"
#include "vtgate/mysql/wire_reader.h"

namespace tessera::vtgate::mysql {

// Type of one parameter as the client bound it: a FieldType byte and the
// unsigned flag (bit 0x80 of the flag byte that follows it on the wire).
struct ParamType {
  FieldType type = FieldType::kNull;
  bool is_unsigned = false;

  bool operator==(const ParamType&) const = default;
};

inline constexpr uint8_t kParamUnsignedFlag = 0x80;

// Reads one non-NULL value of `type` and returns it as a SQL literal; an
// Error (1210, or 1158 for a truncated value) when the bytes do not hold one.
Result<std::string> ReadParamLiteral(WireReader* r, ParamType type);

// A string (or blob) parameter's bytes as a SQL literal: '...' with \\, \',
// \0, \n, \r and \Z escaped when the bytes are valid UTF-8, else X'<hex>'.
std::string StringLiteral(std::string_view bytes);

// The literal for a value sent with COM_STMT_SEND_LONG_DATA.
std::string LongDataLiteral(std::string_view bytes, ParamType type);

}  // namespace tessera::vtgate::mysql
