#include "vtgate/admin_statement.h"

#include <gtest/gtest.h>

#include "sqlparser/parser.h"
#include "vtgate/refused_statement.h"

namespace tessera::vtgate {
namespace {

// The admin statement `sql` stands for, parsed by the real parser.
Result<std::optional<AdminStatement>> Admin(const char* sql) {
  sql::Parser parser;
  auto parsed = parser.Parse(sql);
  EXPECT_TRUE(parsed.ok()) << sql << ": " << parsed.error().message;
  if (!parsed.ok()) return parsed.error();
  return AdminStatementOf(**parsed);
}

TEST(AdminStatement, RecognisesTheWorkflowStatements) {
  auto branches = Admin("  show BRANCHES ;");
  ASSERT_TRUE(branches.ok() && *branches);
  EXPECT_EQ((*branches)->kind, AdminStatement::Kind::kShowBranches);

  auto all = Admin("SHOW MIGRATIONS");
  ASSERT_TRUE(all.ok() && *all);
  EXPECT_EQ((*all)->kind, AdminStatement::Kind::kShowMigrations);
  EXPECT_EQ((*all)->uuid, "");
  auto one = Admin("show migrations like 'abc-1'");
  ASSERT_TRUE(one.ok() && *one);
  EXPECT_EQ((*one)->uuid, "abc-1");

  auto cut = Admin("ALTER MIGRATION 'u1' COMPLETE");
  ASSERT_TRUE(cut.ok() && *cut);
  EXPECT_EQ((*cut)->kind, AdminStatement::Kind::kAlterMigration);
  EXPECT_EQ((*cut)->action, "cutover");
  auto throttle = Admin("alter migration \"u1\" throttle");
  ASSERT_TRUE(throttle.ok() && *throttle);
  EXPECT_EQ((*throttle)->action, "throttle");
  EXPECT_EQ((*throttle)->ratio, "");
  auto ratio = Admin("ALTER MIGRATION 'u1' THROTTLE RATIO .25");
  ASSERT_TRUE(ratio.ok() && *ratio);
  EXPECT_EQ((*ratio)->action, "throttle");
  EXPECT_EQ((*ratio)->ratio, ".25");
  // RATIO is not reserved: it still names columns.
  sql::Parser parser;
  EXPECT_TRUE(parser.Parse("SELECT ratio FROM t WHERE ratio > 0.5").ok());

  auto revert = Admin("REVERT MIGRATION 'u2'");
  ASSERT_TRUE(revert.ok() && *revert);
  EXPECT_EQ((*revert)->kind, AdminStatement::Kind::kRevertMigration);
  EXPECT_EQ((*revert)->uuid, "u2");
}

TEST(AdminStatement, RecognisesTheTopologyStatementsAndVexplain) {
  const std::pair<const char*, AdminStatement::Kind> cases[] = {
      {"SHOW KEYSPACES", AdminStatement::Kind::kShowKeyspaces},
      {"show shards;", AdminStatement::Kind::kShowShards},
      {"Show Tablets", AdminStatement::Kind::kShowTablets},
      {"SHOW VSCHEMA TABLES", AdminStatement::Kind::kShowVschemaTables},
  };
  for (const auto& [sql, kind] : cases) {
    auto admin = Admin(sql);
    ASSERT_TRUE(admin.ok() && *admin) << sql;
    EXPECT_EQ((*admin)->kind, kind) << sql;
  }
  auto explain = Admin("VEXPLAIN PLAN select * from t where id = 1;");
  ASSERT_TRUE(explain.ok() && *explain);
  EXPECT_EQ((*explain)->kind, AdminStatement::Kind::kVexplainPlan);
  EXPECT_EQ((*explain)->query, "SELECT * FROM t WHERE id = 1");
}

TEST(AdminStatement, LeavesOrdinarySqlAlone) {
  for (const char* sql : {"SELECT 1", "SHOW TABLES", "ALTER TABLE t ADD c INT", "SHOW DATABASES",
                          "show create table t", "SAVEPOINT sp", "ALTER TABLE t DISABLE KEYS"}) {
    auto admin = Admin(sql);
    ASSERT_TRUE(admin.ok()) << sql;
    EXPECT_FALSE(*admin) << sql;
  }
}

TEST(AdminStatement, FormsTheClusterDoesNotCarryOutAre1235) {
  for (const char* sql :
       {"SHOW MIGRATIONS WHERE state = 'running'", "ALTER MIGRATION 'u1' RETRY"}) {
    auto admin = Admin(sql);
    ASSERT_FALSE(admin.ok()) << sql;
    EXPECT_EQ(admin.error().code, 1235) << sql;
  }
  // RATIO slows the copy; it means nothing to the other actions.
  auto ratio = Admin("ALTER MIGRATION 'u1' CUTOVER RATIO 0.5");
  ASSERT_FALSE(ratio.ok());
  EXPECT_EQ(ratio.error().code, 1064);
  EXPECT_NE(ratio.error().message.find("THROTTLE"), std::string::npos) << ratio.error().message;
}

TEST(AdminStatement, MalformedStatementsAreSyntaxErrors) {
  sql::Parser parser;
  for (const char* sql :
       {"SHOW MIGRATIONS LIKE", "ALTER MIGRATION u1 CUTOVER", "ALTER MIGRATION 'u1' EXPLODE",
        "ALTER MIGRATION 'u1'", "REVERT MIGRATION 'u1' now", "SHOW BRANCHES extra",
        "ALTER MIGRATION 'unterminated", "VEXPLAIN PLAN", "VEXPLAIN QUERIES select 1",
        "SHOW VSCHEMA", "SHOW SHARDS x", "ALTER MIGRATION 'u1' THROTTLE RATIO",
        "ALTER MIGRATION 'u1' THROTTLE RATIO 'half'", "ALTER MIGRATION 'u1' THROTTLE RATIO -1"}) {
    auto parsed = parser.Parse(sql);
    ASSERT_FALSE(parsed.ok()) << sql;
    EXPECT_EQ(parsed.error().code, 1064) << sql;
  }
}

TEST(RefusedStatement, NamesWhatVtgateDoesNotRoute) {
  sql::Parser parser;
  const std::pair<const char*, const char*> cases[] = {
      {"LOCK TABLES t READ, u WRITE", "LOCK TABLES"},
      {"CREATE VIEW v AS SELECT 1", "views"},
      {"DROP VIEW v", "views"},
      {"CALL p(1)", "CALL"},
      {"OPTIMIZE TABLE t", "OPTIMIZE TABLE"},
      {"FLUSH TABLES", "FLUSH"},
      {"CREATE TABLE t2 AS SELECT * FROM t", "CREATE TABLE ... SELECT"},
      {"SHOW GRANTS", "SHOW GRANTS"},
      {"SELECT @n := @n + 1 FROM t", "@x := ..."},
  };
  for (const auto& [sql, what] : cases) {
    auto parsed = parser.Parse(sql);
    ASSERT_TRUE(parsed.ok()) << sql;
    auto refusal = RefusalOf(**parsed);
    ASSERT_TRUE(refusal) << sql;
    EXPECT_EQ(refusal->code, 1235) << sql;
    EXPECT_NE(refusal->message.find(what), std::string::npos) << refusal->message;
  }
  for (const char* sql :
       {"SELECT 1", "UNLOCK TABLES", "SAVEPOINT a", "SHOW TABLES", "CREATE TABLE t (a INT)",
        "EXPLAIN SELECT 1", "DO 1", "PREPARE s FROM 'SELECT 1'", "EXECUTE s USING @a",
        "DEALLOCATE PREPARE s", "KILL QUERY 5", "KILL 7"}) {
    auto parsed = parser.Parse(sql);
    ASSERT_TRUE(parsed.ok()) << sql;
    EXPECT_FALSE(RefusalOf(**parsed)) << sql;
  }
}

}  // namespace
}  // namespace tessera::vtgate
