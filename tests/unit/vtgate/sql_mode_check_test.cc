// UnsupportedSqlModes: the sql_mode flags vtgate refuses (sql_mode_check.h).
#include "vtgate/sql_mode_check.h"

#include <gtest/gtest.h>

namespace tessera::vtgate {
namespace {

using Flags = std::vector<std::string>;

TEST(SqlModeCheckTest, OrdinaryModesPass) {
  EXPECT_EQ(UnsupportedSqlModes(""), Flags{});
  EXPECT_EQ(UnsupportedSqlModes("STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,"
                                "NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"),
            Flags{});
  EXPECT_EQ(UnsupportedSqlModes("REAL_AS_FLOAT,ONLY_FULL_GROUP_BY,NO_ZERO_DATE"), Flags{});
  // A flag that merely contains a refused name is another flag.
  EXPECT_EQ(UnsupportedSqlModes("XANSI_QUOTES,ANSI_QUOTES_X"), Flags{});
}

TEST(SqlModeCheckTest, FlagsThatChangeHowTextIsReadAreNamed) {
  EXPECT_EQ(UnsupportedSqlModes("NO_BACKSLASH_ESCAPES"), Flags{"NO_BACKSLASH_ESCAPES"});
  // What MariaDB shows for sql_mode = ANSI.
  EXPECT_EQ(UnsupportedSqlModes("REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ANSI"),
            (Flags{"PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE"}));
  EXPECT_EQ(UnsupportedSqlModes("strict_all_tables,high_not_precedence"),
            Flags{"HIGH_NOT_PRECEDENCE"});
  EXPECT_EQ(UnsupportedSqlModes("PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ORACLE,NO_KEY_OPTIONS"),
            (Flags{"PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "ORACLE"}));
}

}  // namespace
}  // namespace tessera::vtgate
