// LintChange: one case per finding code, and cases that must stay quiet.
#include <gtest/gtest.h>

#include <algorithm>

#include "schema/lint/lint.h"

namespace tessera::schema {
namespace {

Schema MustSchema(const std::vector<std::string>& statements) {
  auto s = ParseSchema(statements);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().ToString());
  return s.ok() ? std::move(s).value() : Schema{};
}

std::vector<LintFinding> Lint(const std::string& from, const std::string& to) {
  return LintChange(MustSchema({from}), MustSchema({to}));
}

std::vector<std::string> Codes(const std::vector<LintFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.code);
  return out;
}

const LintFinding* Find(const std::vector<LintFinding>& findings, const std::string& code) {
  auto it = std::find_if(findings.begin(), findings.end(),
                         [&](const LintFinding& f) { return f.code == code; });
  return it == findings.end() ? nullptr : &*it;
}

constexpr const char* kUsers =
    "CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, age int, "
    "bio text, PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4";

TEST(SchemaLint, SeverityNames) {
  EXPECT_STREQ(SeverityName(Severity::kInfo), "info");
  EXPECT_STREQ(SeverityName(Severity::kWarning), "warning");
  EXPECT_STREQ(SeverityName(Severity::kError), "error");
}

TEST(SchemaLint, NoChangeNoFindings) {
  EXPECT_TRUE(Lint(kUsers, kUsers).empty());
}

TEST(SchemaLint, NoUniqueKey) {
  auto findings = Lint("CREATE TABLE t (a int, b int)", "CREATE TABLE t (a int, b bigint)");
  const LintFinding* f = Find(findings, "no_unique_key");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kError);
  EXPECT_EQ(f->table, "t");
  // A UNIQUE key over a nullable column does not identify rows; over NOT NULL it does.
  EXPECT_NE(Find(Lint("CREATE TABLE t (a int, UNIQUE KEY (a))",
                      "CREATE TABLE t (a int, b int, UNIQUE KEY (a))"),
                 "no_unique_key"),
            nullptr);
  EXPECT_EQ(Find(Lint("CREATE TABLE t (a int NOT NULL, UNIQUE KEY (a))",
                      "CREATE TABLE t (a int NOT NULL, b int, UNIQUE KEY (a))"),
                 "no_unique_key"),
            nullptr);
  // Dropping the only key is also caught (after the change).
  EXPECT_NE(Find(Lint(kUsers,
                      "CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
                      "age int, bio text) DEFAULT CHARSET=utf8mb4"),
                 "no_unique_key"),
            nullptr);
}

TEST(SchemaLint, NoSharedUniqueKey) {
  auto findings = Lint(kUsers,
                       "CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
                       "age int, bio text, PRIMARY KEY (email)) DEFAULT CHARSET=utf8mb4");
  const LintFinding* f = Find(findings, "no_shared_unique_key");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kError);
  // Keeping the old key as a NOT NULL UNIQUE key makes it shared.
  EXPECT_EQ(Find(Lint(kUsers,
                      "CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
                      "age int, bio text, PRIMARY KEY (email), UNIQUE KEY uid (id)) "
                      "DEFAULT CHARSET=utf8mb4"),
                 "no_shared_unique_key"),
            nullptr);
}

TEST(SchemaLint, ForeignKey) {
  Schema from = MustSchema({"CREATE TABLE p (id int PRIMARY KEY, x int)",
                            "CREATE TABLE c (id int PRIMARY KEY, pid int)"});
  Schema to = MustSchema({"CREATE TABLE p (id int PRIMARY KEY, x int)",
                          "CREATE TABLE c (id int PRIMARY KEY, pid int, "
                          "CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id))"});
  auto findings = LintChange(from, to);
  const LintFinding* f = Find(findings, "foreign_key");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->table, "c");
  EXPECT_EQ(f->subject, "fk");
  // Altering the referenced parent is flagged too.
  Schema parent_changed = MustSchema({"CREATE TABLE p (id int PRIMARY KEY, x bigint)",
                                      "CREATE TABLE c (id int PRIMARY KEY, pid int, "
                                      "CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id))"});
  auto parent = LintChange(to, parent_changed);
  ASSERT_NE(Find(parent, "foreign_key"), nullptr);
  EXPECT_EQ(Find(parent, "foreign_key")->table, "p");
}

TEST(SchemaLint, DropColumnAndDropTable) {
  Schema from = MustSchema({kUsers, "CREATE TABLE logs (id int PRIMARY KEY)"});
  Schema to =
      MustSchema({"CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
                  "age int, PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4"});
  auto findings = LintChange(from, to);
  const LintFinding* table = Find(findings, "drop_table");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->table, "logs");
  EXPECT_EQ(table->severity, Severity::kWarning);
  const LintFinding* column = Find(findings, "drop_column");
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(column->table, "users");
  EXPECT_EQ(column->subject, "bio");
}

TEST(SchemaLint, AddUniqueKey) {
  auto findings = Lint(kUsers,
                       "CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
                       "age int, bio text, PRIMARY KEY (id), UNIQUE KEY ue (email, age)) "
                       "DEFAULT CHARSET=utf8mb4");
  const LintFinding* f = Find(findings, "add_unique_key");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->subject, "ue");
  EXPECT_EQ(f->columns, (std::vector<std::string>{"email", "age"}));
  // A key that contains an existing unique key cannot meet duplicates.
  EXPECT_EQ(Find(Lint(kUsers,
                      "CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
                      "age int, bio text, PRIMARY KEY (id), UNIQUE KEY ie (id, email)) "
                      "DEFAULT CHARSET=utf8mb4"),
                 "add_unique_key"),
            nullptr);
  // A plain key is not a unique key.
  EXPECT_EQ(Find(Lint(kUsers,
                      "CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
                      "age int, bio text, PRIMARY KEY (id), KEY ke (email)) "
                      "DEFAULT CHARSET=utf8mb4"),
                 "add_unique_key"),
            nullptr);
}

TEST(SchemaLint, NarrowingType) {
  auto narrowing = [](const std::string& from_type, const std::string& to_type) {
    auto findings = Lint("CREATE TABLE t (id int PRIMARY KEY, c " + from_type + ")",
                         "CREATE TABLE t (id int PRIMARY KEY, c " + to_type + ")");
    return Find(findings, "narrowing_type") != nullptr;
  };
  EXPECT_TRUE(narrowing("bigint", "int"));
  EXPECT_TRUE(narrowing("varchar(100)", "varchar(50)"));
  EXPECT_TRUE(narrowing("int", "int unsigned"));
  EXPECT_TRUE(narrowing("int unsigned", "int"));
  EXPECT_TRUE(narrowing("decimal(10,2)", "decimal(10,1)"));
  EXPECT_TRUE(narrowing("decimal(10,2)", "decimal(9,2)"));
  EXPECT_TRUE(narrowing("double", "float"));
  EXPECT_TRUE(narrowing("datetime(6)", "datetime(3)"));
  EXPECT_TRUE(narrowing("datetime", "date"));
  EXPECT_TRUE(narrowing("enum('a','b')", "enum('a')"));
  EXPECT_TRUE(narrowing("text", "varchar(100)"));
  EXPECT_TRUE(narrowing("varchar(10)", "int"));
  EXPECT_FALSE(narrowing("int", "bigint"));
  EXPECT_FALSE(narrowing("int unsigned", "bigint"));
  EXPECT_FALSE(narrowing("varchar(50)", "varchar(100)"));
  EXPECT_FALSE(narrowing("varchar(50)", "text"));
  EXPECT_FALSE(narrowing("int", "decimal(12,0)"));
  EXPECT_FALSE(narrowing("enum('a')", "enum('a','b')"));
  EXPECT_FALSE(narrowing("float", "double"));
  EXPECT_FALSE(narrowing("timestamp", "datetime"));
}

TEST(SchemaLint, CharsetChange) {
  auto findings = Lint(kUsers,
                       "CREATE TABLE users (id bigint NOT NULL, email varchar(100) CHARACTER SET "
                       "latin1 NOT NULL, age int, bio text, PRIMARY KEY (id)) "
                       "DEFAULT CHARSET=utf8mb4");
  const LintFinding* f = Find(findings, "charset_change");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->subject, "email");
  EXPECT_EQ(f->severity, Severity::kWarning);
  auto table_default = Lint(kUsers,
                            "CREATE TABLE users (id bigint NOT NULL, email varchar(100) "
                            "CHARACTER SET utf8mb4 NOT NULL, age int, bio text CHARACTER SET "
                            "utf8mb4, PRIMARY KEY (id)) DEFAULT CHARSET=latin1");
  EXPECT_EQ(Codes(table_default), std::vector<std::string>{"charset_change"});
}

TEST(SchemaLint, InstantChanges) {
  auto instant = [](const std::string& to) { return Find(Lint(kUsers, to), "instant") != nullptr; };
  const std::string tail = ", PRIMARY KEY (id)) DEFAULT CHARSET=utf8mb4";
  // Add a column last, or anywhere.
  EXPECT_TRUE(instant(
      "CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, age int, bio text, "
      "x int NOT NULL DEFAULT 3" +
      tail));
  EXPECT_TRUE(instant(
      "CREATE TABLE users (id bigint NOT NULL, x int, email varchar(100) NOT NULL, age int, "
      "bio text" +
      tail));
  // Drop a column; change a default; reorder; extend a VARCHAR in the same length bytes.
  EXPECT_TRUE(
      instant("CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
              "age int" +
              tail));
  EXPECT_TRUE(
      instant("CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
              "age int DEFAULT 18, bio text" +
              tail));
  EXPECT_TRUE(
      instant("CREATE TABLE users (id bigint NOT NULL, age int, email varchar(100) "
              "NOT NULL, bio text" +
              tail));
  // utf8mb4: 63 chars = 252 bytes stays in one length byte; 64 chars needs two.
  const std::string small =
      "CREATE TABLE s (id int PRIMARY KEY, v varchar(40)) DEFAULT CHARSET=utf8mb4";
  EXPECT_NE(Find(Lint(small,
                      "CREATE TABLE s (id int PRIMARY KEY, v varchar(63)) "
                      "DEFAULT CHARSET=utf8mb4"),
                 "instant"),
            nullptr);
  EXPECT_EQ(Find(Lint(small,
                      "CREATE TABLE s (id int PRIMARY KEY, v varchar(64)) "
                      "DEFAULT CHARSET=utf8mb4"),
                 "instant"),
            nullptr);
  // Not instant: a new key, a narrowing type change, a non-InnoDB table.
  EXPECT_FALSE(
      instant("CREATE TABLE users (id bigint NOT NULL, email varchar(100) NOT NULL, "
              "age int, bio text, KEY (age)" +
              tail));
  EXPECT_FALSE(
      instant("CREATE TABLE users (id bigint NOT NULL, email varchar(50) NOT NULL, "
              "age int, bio text" +
              tail));
  EXPECT_EQ(Find(Lint("CREATE TABLE m (id int PRIMARY KEY) ENGINE=MyISAM",
                      "CREATE TABLE m (id int PRIMARY KEY, x int) ENGINE=MyISAM"),
                 "instant"),
            nullptr);
  auto info = Find(Lint(kUsers,
                        "CREATE TABLE users (id bigint NOT NULL, email varchar(100) "
                        "NOT NULL, age int, bio text, x int" +
                            tail),
                   "instant");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->severity, Severity::kInfo);
}

TEST(SchemaLint, RenamedColumnIsInstant) {
  // A column rename written by hand is the ALTER the lint judges via the model:
  // ApplyDdl it and lint the two schemas.
  Schema from = MustSchema({kUsers});
  Schema to = from;
  ASSERT_TRUE(ApplyDdl(to, "ALTER TABLE users CHANGE COLUMN age AGE int").ok());
  auto findings = LintChange(from, to);
  EXPECT_EQ(Codes(findings), std::vector<std::string>{"instant"});
}

}  // namespace
}  // namespace tessera::schema
