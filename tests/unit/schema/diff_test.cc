// DiffTables/DiffSchemas: one case per kind of change; each diff is also
// applied back with ApplyDdl to check it reaches the target.
#include <gtest/gtest.h>

#include "schema/diff/diff.h"

namespace tessera::schema {
namespace {

Schema MustSchema(const std::vector<std::string>& statements) {
  auto s = ParseSchema(statements);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().ToString());
  return s.ok() ? std::move(s).value() : Schema{};
}

// The ALTER for `from` -> `to` (single table `t`), checked to reach `to`.
std::string AlterOf(const std::string& from, const std::string& to) {
  Schema a = MustSchema({from});
  Schema b = MustSchema({to});
  auto ddl = DiffSchemas(a, b);
  EXPECT_LE(ddl.size(), 1u);
  for (const auto& statement : ddl) {
    Status s = ApplyDdl(a, statement);
    EXPECT_TRUE(s.ok()) << statement << ": " << s.error().ToString();
  }
  EXPECT_EQ(a, b) << (ddl.empty() ? "" : ddl[0]);
  return ddl.empty() ? "" : ddl[0];
}

constexpr const char* kBase =
    "CREATE TABLE t (id int NOT NULL, a int, b varchar(10), c datetime, PRIMARY KEY (id), "
    "KEY ka (a)) DEFAULT CHARSET=utf8mb4";

TEST(SchemaDiff, EqualSchemasNeedNoStatement) {
  EXPECT_TRUE(DiffSchemas(MustSchema({kBase}), MustSchema({kBase})).empty());
  // Equal after normalization.
  EXPECT_TRUE(DiffSchemas(MustSchema({kBase}),
                          MustSchema({"create table t (id int(11) primary key, a int(11) default "
                                      "null, b varchar(10), c datetime(0), index ka (a)) "
                                      "charset utf8mb4 collate utf8mb4_general_ci"}))
                  .empty());
  EXPECT_FALSE(DiffTables(MustSchema({kBase}).tables.at("t"), MustSchema({kBase}).tables.at("t")));
}

TEST(SchemaDiff, AddColumnAtTheEndHasNoPosition) {
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (id int NOT NULL, a int, b varchar(10), c datetime, d bigint "
                    "NOT NULL DEFAULT 0, PRIMARY KEY (id), KEY ka (a)) DEFAULT CHARSET=utf8mb4"),
            "ALTER TABLE `t` ADD COLUMN `d` bigint NOT NULL DEFAULT 0");
}

TEST(SchemaDiff, AddColumnFirstAndAfter) {
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (z int, id int NOT NULL, a int, y char(2), b varchar(10), c "
                    "datetime, PRIMARY KEY (id), KEY ka (a)) DEFAULT CHARSET=utf8mb4"),
            "ALTER TABLE `t` ADD COLUMN `z` int DEFAULT NULL FIRST, "
            "ADD COLUMN `y` char(2) DEFAULT NULL AFTER `a`");
}

TEST(SchemaDiff, DropColumn) {
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (id int NOT NULL, a int, c datetime, PRIMARY KEY (id), KEY ka "
                    "(a)) DEFAULT CHARSET=utf8mb4"),
            "ALTER TABLE `t` DROP COLUMN `b`");
}

TEST(SchemaDiff, ModifyColumnTypeNullabilityDefaultAndCharset) {
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (id int NOT NULL, a bigint NOT NULL DEFAULT 7, b varchar(10) "
                    "CHARACTER SET latin1, c datetime, PRIMARY KEY (id), KEY ka (a)) "
                    "DEFAULT CHARSET=utf8mb4"),
            "ALTER TABLE `t` MODIFY COLUMN `a` bigint NOT NULL DEFAULT 7, "
            "MODIFY COLUMN `b` varchar(10) CHARACTER SET latin1 DEFAULT NULL");
}

TEST(SchemaDiff, MoveColumnsWithTheFewestPositions) {
  // c moves to the front; the others keep their relative order and stay put.
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (c datetime, id int NOT NULL, a int, b varchar(10), PRIMARY "
                    "KEY (id), KEY ka (a)) DEFAULT CHARSET=utf8mb4"),
            "ALTER TABLE `t` MODIFY COLUMN `c` datetime DEFAULT NULL FIRST");
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (id int NOT NULL, b varchar(10), c datetime, a int, PRIMARY "
                    "KEY (id), KEY ka (a)) DEFAULT CHARSET=utf8mb4"),
            "ALTER TABLE `t` MODIFY COLUMN `a` int DEFAULT NULL AFTER `c`");
  // Reversal: everything but one column moves.
  AlterOf(kBase,
          "CREATE TABLE t (c datetime, b varchar(10), a int, id int NOT NULL, PRIMARY KEY (id), "
          "KEY ka (a)) DEFAULT CHARSET=utf8mb4");
}

TEST(SchemaDiff, IndexChanges) {
  EXPECT_EQ(
      AlterOf(kBase,
              "CREATE TABLE t (id int NOT NULL, a int, b varchar(10), c datetime, PRIMARY KEY "
              "(id), KEY ka (a, c), UNIQUE KEY ub (b(4)), FULLTEXT KEY fb (b)) "
              "DEFAULT CHARSET=utf8mb4"),
      "ALTER TABLE `t` DROP KEY `ka`, ADD FULLTEXT KEY `fb` (`b`), "
      "ADD KEY `ka` (`a`,`c`), ADD UNIQUE KEY `ub` (`b`(4))");
  EXPECT_EQ(
      AlterOf(kBase,
              "CREATE TABLE t (id int NOT NULL, a int, b varchar(10), c datetime, PRIMARY KEY "
              "(id)) DEFAULT CHARSET=utf8mb4"),
      "ALTER TABLE `t` DROP KEY `ka`");
}

TEST(SchemaDiff, RenamedKeyIsRenamed) {
  EXPECT_EQ(
      AlterOf(kBase,
              "CREATE TABLE t (id int NOT NULL, a int, b varchar(10), c datetime, PRIMARY KEY "
              "(id), KEY a_idx (a)) DEFAULT CHARSET=utf8mb4"),
      "ALTER TABLE `t` RENAME KEY `ka` TO `a_idx`");
}

TEST(SchemaDiff, PrimaryKeyChanges) {
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (id int NOT NULL, a int NOT NULL, b varchar(10), c datetime, "
                    "PRIMARY KEY (id, a), KEY ka (a)) DEFAULT CHARSET=utf8mb4"),
            "ALTER TABLE `t` DROP PRIMARY KEY, MODIFY COLUMN `a` int NOT NULL, "
            "ADD PRIMARY KEY (`id`,`a`)");
  EXPECT_EQ(
      AlterOf(kBase,
              "CREATE TABLE t (id int NOT NULL, a int, b varchar(10), c datetime, KEY ka (a)) "
              "DEFAULT CHARSET=utf8mb4"),
      "ALTER TABLE `t` DROP PRIMARY KEY");
}

TEST(SchemaDiff, TableOptionsAndCharset) {
  // b keeps utf8mb4 (spelled out in the target), new column n inherits latin1.
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (id int NOT NULL, a int, b varchar(10) CHARACTER SET utf8mb4, "
                    "c datetime, n varchar(3), PRIMARY KEY (id), KEY ka (a)) ENGINE=InnoDB "
                    "DEFAULT CHARSET=latin1 ROW_FORMAT=COMPRESSED COMMENT='hello'"),
            "ALTER TABLE `t` ADD COLUMN `n` varchar(3) DEFAULT NULL, "
            "DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci, COMMENT='hello', "
            "ROW_FORMAT=COMPRESSED");
  EXPECT_EQ(AlterOf(kBase,
                    "CREATE TABLE t (id int NOT NULL, a int, b varchar(10) COLLATE utf8mb4_bin, "
                    "c datetime, PRIMARY KEY (id), KEY ka (a)) DEFAULT CHARSET=utf8mb4"),
            "ALTER TABLE `t` MODIFY COLUMN `b` varchar(10) COLLATE utf8mb4_bin DEFAULT NULL");
  EXPECT_EQ(AlterOf("CREATE TABLE t (a int) ROW_FORMAT=DYNAMIC COMMENT='x' ENGINE=MyISAM",
                    "CREATE TABLE t (a int)"),
            "ALTER TABLE `t` ENGINE=InnoDB, COMMENT='', ROW_FORMAT=DEFAULT");
}

TEST(SchemaDiff, ForeignKeys) {
  const std::string child =
      "CREATE TABLE t (id int NOT NULL, pid int, PRIMARY KEY (id), KEY kp (pid))";
  EXPECT_EQ(AlterOf(child,
                    "CREATE TABLE t (id int NOT NULL, pid int, PRIMARY KEY (id), KEY kp (pid), "
                    "CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id) ON DELETE CASCADE)"),
            "ALTER TABLE `t` ADD CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES `p` (`id`) "
            "ON DELETE CASCADE");
  EXPECT_EQ(AlterOf("CREATE TABLE t (id int NOT NULL, pid int, PRIMARY KEY (id), KEY kp (pid), "
                    "CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id))",
                    "CREATE TABLE t (id int NOT NULL, pid int, PRIMARY KEY (id), KEY kp (pid), "
                    "CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id) ON UPDATE SET NULL)"),
            "ALTER TABLE `t` DROP FOREIGN KEY `fk`, ADD CONSTRAINT `fk` FOREIGN KEY (`pid`) "
            "REFERENCES `p` (`id`) ON UPDATE SET NULL");
  // A dropped foreign key column: the constraint goes before the column.
  EXPECT_EQ(AlterOf("CREATE TABLE t (id int NOT NULL, pid int, PRIMARY KEY (id), "
                    "CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id))",
                    "CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id))"),
            "ALTER TABLE `t` DROP FOREIGN KEY `fk`, DROP KEY `fk`, DROP COLUMN `pid`");
}

TEST(SchemaDiff, NewAndDroppedTablesInDependencyOrder) {
  Schema from = MustSchema({"CREATE TABLE keep (id int PRIMARY KEY)",
                            "CREATE TABLE old_parent (id int PRIMARY KEY)",
                            "CREATE TABLE a_old_child (id int PRIMARY KEY, p int, "
                            "FOREIGN KEY (p) REFERENCES old_parent (id))"});
  Schema to = MustSchema({"CREATE TABLE keep (id int PRIMARY KEY, x int)",
                          "CREATE TABLE b_child (id int PRIMARY KEY, p int, "
                          "CONSTRAINT f FOREIGN KEY (p) REFERENCES z_parent (id))",
                          "CREATE TABLE z_parent (id int PRIMARY KEY)"});
  auto ddl = DiffSchemas(from, to);
  ASSERT_EQ(ddl.size(), 5u);
  EXPECT_EQ(ddl[0], to.tables.at("z_parent").CreateStatement());
  EXPECT_EQ(ddl[1], to.tables.at("b_child").CreateStatement());
  EXPECT_EQ(ddl[2], "ALTER TABLE `keep` ADD COLUMN `x` int DEFAULT NULL");
  EXPECT_EQ(ddl[3], "DROP TABLE `a_old_child`");
  EXPECT_EQ(ddl[4], "DROP TABLE `old_parent`");
  for (const auto& statement : ddl) ASSERT_TRUE(ApplyDdl(from, statement).ok()) << statement;
  EXPECT_EQ(from, to);
}

TEST(SchemaDiff, CheckConstraintsUseMariaDbSyntax) {
  auto alter =
      DiffTables(MustSchema({"CREATE TABLE t (a int, CONSTRAINT c CHECK (a > 0))"}).tables.at("t"),
                 MustSchema({"CREATE TABLE t (a int, CONSTRAINT c CHECK (a > 1))"}).tables.at("t"));
  ASSERT_TRUE(alter);
  EXPECT_EQ(*alter, "ALTER TABLE `t` DROP CONSTRAINT `c`, ADD CONSTRAINT `c` CHECK (a > 1)");
}

}  // namespace
}  // namespace tessera::schema
