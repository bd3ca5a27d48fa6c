#include "vtgate/admin_statement.h"
#include "vtgate/transaction_statement.h"

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

TEST(AdminStatement, RecognisesTheTopologyStatementsAndVexplain) {
  const std::pair<const char*, AdminStatement::Kind> cases[] = {
      {"SHOW KEYSPACES", AdminStatement::Kind::kShowKeyspaces},
      {"show shards;", AdminStatement::Kind::kShowShards},
      {"Show Tablets", AdminStatement::Kind::kShowTablets},
      {"SHOW VSCHEMA TABLES", AdminStatement::Kind::kShowVschemaTables},
  };
  for (const auto& [sql, kind] : cases) {
    auto parsed = ParseAdminStatement(sql);
    ASSERT_TRUE(parsed.statement) << sql;
    EXPECT_EQ(parsed.statement->kind, kind) << sql;
  }
  auto explain = ParseAdminStatement("VEXPLAIN PLAN select * from t where id = 1;");
  ASSERT_TRUE(explain.statement);
  EXPECT_EQ(explain.statement->kind, AdminStatement::Kind::kVexplainPlan);
  EXPECT_EQ(explain.statement->query, "select * from t where id = 1");
  EXPECT_EQ(ParseAdminStatement("VEXPLAIN PLAN").error,
            "VEXPLAIN PLAN needs a statement to explain");
  EXPECT_EQ(ParseAdminStatement("VEXPLAIN QUERIES select 1").error,
            "expected VEXPLAIN PLAN <statement>");
  EXPECT_EQ(ParseAdminStatement("SHOW VSCHEMA").error, "expected SHOW VSCHEMA TABLES");
  EXPECT_EQ(ParseAdminStatement("SHOW SHARDS x").error, "SHOW SHARDS takes no arguments");
  // Ordinary SHOW statements stay with the parser.
  EXPECT_FALSE(ParseAdminStatement("SHOW TABLES").statement);
  EXPECT_TRUE(ParseAdminStatement("SHOW TABLES").error.empty());
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

TEST(TransactionStatement, RecognisesSavepointsLocksAndKeys) {
  using K = TransactionStatement::Kind;
  auto sp = ParseTransactionStatement("SAVEPOINT sp1;");
  ASSERT_TRUE(sp.statement);
  EXPECT_EQ(sp.statement->kind, K::kSavepoint);
  EXPECT_EQ(sp.statement->name, "sp1");
  auto release = ParseTransactionStatement("release savepoint `a``b`");
  ASSERT_TRUE(release.statement);
  EXPECT_EQ(release.statement->kind, K::kReleaseSavepoint);
  EXPECT_EQ(release.statement->name, "a`b");
  EXPECT_EQ(ParseTransactionStatement("LOCK TABLES t READ, u WRITE").statement->kind,
            K::kLockTables);
  EXPECT_EQ(ParseTransactionStatement("unlock tables").statement->kind, K::kUnlockTables);
  EXPECT_EQ(ParseTransactionStatement("/*!40000 ALTER TABLE `t` DISABLE KEYS */;").statement->kind,
            K::kKeysNoOp);
  EXPECT_EQ(ParseTransactionStatement("ALTER TABLE t ENABLE KEYS").statement->kind, K::kKeysNoOp);
  // Everything else is left to the parser.
  for (const char* sql :
       {"ALTER TABLE t ADD COLUMN keys INT", "ALTER TABLE t DISABLE KEYS, ADD x INT",
        "RELEASE LOCK", "LOCK", "SELECT 1", "/*!40000 SELECT 1 */"}) {
    auto parsed = ParseTransactionStatement(sql);
    EXPECT_FALSE(parsed.statement) << sql;
    EXPECT_TRUE(parsed.error.empty()) << sql;
  }
  EXPECT_EQ(ParseTransactionStatement("SAVEPOINT").error, "expected a savepoint name");
  EXPECT_EQ(ParseTransactionStatement("SAVEPOINT a b").error, "expected a savepoint name");
}

}  // namespace
}  // namespace tessera::vtgate
