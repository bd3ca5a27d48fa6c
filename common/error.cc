#include "common/error.h"

#include <fmt/format.h>

namespace tessera {

std::string_view SqlStateFor(uint16_t code) {
  switch (code) {
    case mysql_errno::kConCount:
      return "08004";
    case mysql_errno::kHandshake:
    case mysql_errno::kUnknownCom:
    case mysql_errno::kNetReadError:
    case mysql_errno::kNetPacketsOutOfOrder:
    case mysql_errno::kNetPacketTooLarge:
      return "08S01";
    case mysql_errno::kDbAccessDenied:
    case mysql_errno::kBadDb:
    case mysql_errno::kParse:
    case mysql_errno::kEmptyQuery:
    case mysql_errno::kNotSupportedYet:
    case mysql_errno::kMaxPreparedStmtCount:
    case mysql_errno::kNonUniqTable:
    case mysql_errno::kTableAccessDenied:
    case mysql_errno::kWrongValueForVar:
    case mysql_errno::kWrongTypeForVar:
    case mysql_errno::kSpDoesNotExist:
      return "42000";
    case mysql_errno::kWrongValueCount:
      return "21S01";
    case mysql_errno::kWrongNumberOfColumnsInSelect:
    case mysql_errno::kOperandColumns:
    case mysql_errno::kSubqueryNo1Row:
      return "21000";
    case mysql_errno::kBadField:
      return "42S22";
    case mysql_errno::kAccessDenied:
      return "28000";
    case mysql_errno::kNoDb:
      return "3D000";
    case mysql_errno::kDupEntry:
    case mysql_errno::kNonUniqField:
      return "23000";
    case mysql_errno::kNoSuchTable:
    case mysql_errno::kBadTable:
    case mysql_errno::kUnknownTableInMultiDelete:
      return "42S02";
    case mysql_errno::kQueryInterrupted:
    case mysql_errno::kConnectionKilled:
      return "70100";
    default:
      return "HY000";
  }
}

Error Error::Make(uint16_t code, std::string message) {
  return Error{code, std::string(SqlStateFor(code)), std::move(message)};
}

std::string Error::ToString() const {
  return fmt::format("ERROR {} ({}): {}", code, sql_state, message);
}

}  // namespace tessera
