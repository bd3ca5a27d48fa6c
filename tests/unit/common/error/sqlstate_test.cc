// SqlStateFor: every errno the project raises itself carries the SQLSTATE
// MySQL 8.0 sends with it (include/mysqld_ername.h), because clients and
// drivers branch on the class (42S02 "table not found", 21S01 "insert value
// list", ...), not only on the number.
#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>

#include "common/error.h"

namespace tessera {
namespace {

struct Expected {
  uint16_t code;
  std::string_view sql_state;
};

TEST(SqlStateFor, MatchesMysqlForEveryProjectErrno) {
  namespace e = mysql_errno;
  const Expected cases[] = {
      {e::kConCount, "08004"},
      {e::kHandshake, "08S01"},
      {e::kDbAccessDenied, "42000"},
      {e::kAccessDenied, "28000"},
      {e::kNoDb, "3D000"},
      {e::kUnknownCom, "08S01"},
      {e::kBadDb, "42000"},
      {e::kBadTable, "42S02"},
      {e::kBadField, "42S22"},
      {e::kDupEntry, "23000"},
      {e::kParse, "42000"},
      {e::kEmptyQuery, "42000"},
      {e::kNonUniqTable, "42000"},
      {e::kUnknownTableInMultiDelete, "42S02"},
      {e::kNoSuchThread, "HY000"},
      {e::kKillDenied, "HY000"},
      {e::kUnknown, "HY000"},
      {e::kInvalidGroupFuncUse, "HY000"},
      {e::kWrongValueCount, "21S01"},
      {e::kTableAccessDenied, "42000"},
      {e::kNoSuchTable, "42S02"},
      {e::kNetPacketTooLarge, "08S01"},
      {e::kNetPacketsOutOfOrder, "08S01"},
      {e::kNetReadError, "08S01"},
      {e::kLockWaitTimeout, "HY000"},
      {e::kWrongArguments, "HY000"},
      {e::kWrongNumberOfColumnsInSelect, "21000"},
      {e::kWrongValueForVar, "42000"},
      {e::kWrongTypeForVar, "42000"},
      {e::kNotSupportedYet, "42000"},
      {e::kOperandColumns, "21000"},
      {e::kSubqueryNo1Row, "21000"},
      {e::kUnknownStmtHandler, "HY000"},
      {e::kUnsupportedPs, "HY000"},
      {e::kSpDoesNotExist, "42000"},
      {e::kQueryInterrupted, "70100"},
      {e::kPsManyParam, "HY000"},
      {e::kStmtHasNoOpenCursor, "HY000"},
      {e::kMaxPreparedStmtCount, "42000"},
      {e::kMalformedPacket, "HY000"},
      {e::kConnectionKilled, "70100"},
      {e::kQueryTimeout, "HY000"},
      {e::kSecureTransportRequired, "HY000"},
  };
  for (const Expected& c : cases) {
    EXPECT_EQ(SqlStateFor(c.code), c.sql_state) << "errno " << c.code;
  }
}

TEST(SqlStateFor, UnknownErrnoIsGeneralError) {
  EXPECT_EQ(SqlStateFor(9999), "HY000");
}

TEST(ErrorMake, CarriesTheSqlStateOfItsCode) {
  const Error error =
      Error::Make(mysql_errno::kWrongValueCount, "Column count doesn't match value count at row 1");
  EXPECT_EQ(error.code, 1136);
  EXPECT_EQ(error.sql_state, "21S01");
  EXPECT_EQ(error.ToString(),
            "ERROR 1136 (21S01): Column count doesn't match value count at row 1");
}

}  // namespace
}  // namespace tessera
