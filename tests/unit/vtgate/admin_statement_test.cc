#include "vtgate/admin_statement.h"

#include <gtest/gtest.h>

namespace tessera::vtgate {
namespace {

TEST(AdminStatement, RecognisesTheWorkflowStatements) {
  auto branches = ParseAdminStatement("  show BRANCHES ;");
  ASSERT_TRUE(branches.statement);
  EXPECT_EQ(branches.statement->kind, AdminStatement::Kind::kShowBranches);

  auto all = ParseAdminStatement("SHOW MIGRATIONS");
  ASSERT_TRUE(all.statement);
  EXPECT_EQ(all.statement->kind, AdminStatement::Kind::kShowMigrations);
  EXPECT_EQ(all.statement->uuid, "");
  auto one = ParseAdminStatement("show migrations like 'abc-1'");
  ASSERT_TRUE(one.statement);
  EXPECT_EQ(one.statement->uuid, "abc-1");

  auto cut = ParseAdminStatement("ALTER MIGRATION 'u1' COMPLETE");
  ASSERT_TRUE(cut.statement);
  EXPECT_EQ(cut.statement->kind, AdminStatement::Kind::kAlterMigration);
  EXPECT_EQ(cut.statement->action, "cutover");
  auto throttle = ParseAdminStatement("alter migration \"u1\" throttle");
  ASSERT_TRUE(throttle.statement);
  EXPECT_EQ(throttle.statement->action, "throttle");

  auto revert = ParseAdminStatement("REVERT MIGRATION 'u2'");
  ASSERT_TRUE(revert.statement);
  EXPECT_EQ(revert.statement->kind, AdminStatement::Kind::kRevertMigration);
  EXPECT_EQ(revert.statement->uuid, "u2");
}

TEST(AdminStatement, LeavesOrdinarySqlAlone) {
  for (const char* sql : {"SELECT 1", "SHOW TABLES", "ALTER TABLE t ADD c INT", "SHOW DATABASES",
                          "show create table t", "", "REVERT"}) {
    auto parsed = ParseAdminStatement(sql);
    EXPECT_FALSE(parsed.statement) << sql;
    EXPECT_TRUE(parsed.error.empty()) << sql;
  }
}

TEST(AdminStatement, MalformedStatementsGetAMessage) {
  for (const char* sql :
       {"SHOW MIGRATIONS LIKE", "SHOW MIGRATIONS WHERE x", "ALTER MIGRATION u1 CUTOVER",
        "ALTER MIGRATION 'u1' EXPLODE", "ALTER MIGRATION 'u1'", "REVERT MIGRATION 'u1' now",
        "SHOW BRANCHES extra", "ALTER MIGRATION 'unterminated"}) {
    auto parsed = ParseAdminStatement(sql);
    EXPECT_FALSE(parsed.statement) << sql;
    EXPECT_FALSE(parsed.error.empty()) << sql;
  }
}

}  // namespace
}  // namespace tessera::vtgate
