// ApplyDdl: every statement and ALTER TABLE clause kind, and its errors.
#include <gtest/gtest.h>

#include "schema/model/schema.h"

namespace tessera::schema {
namespace {

class SchemaApplyDdlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = ParseSchema({
        "CREATE TABLE p (id int NOT NULL, name varchar(20), PRIMARY KEY (id)) "
        "DEFAULT CHARSET=utf8mb4",
        "CREATE TABLE c (id int NOT NULL, pid int, note text, PRIMARY KEY (id), "
        "CONSTRAINT fk FOREIGN KEY (pid) REFERENCES p (id)) DEFAULT CHARSET=latin1",
    });
    ASSERT_TRUE(s.ok()) << s.error().ToString();
    schema_ = std::move(s).value();
  }

  void Apply(std::string_view ddl) {
    Status s = ApplyDdl(schema_, ddl);
    ASSERT_TRUE(s.ok()) << ddl << ": " << s.error().ToString();
  }

  uint16_t ErrorOf(std::string_view ddl) {
    const Schema before = schema_;
    Status s = ApplyDdl(schema_, ddl);
    EXPECT_EQ(schema_, before) << "a failed statement must leave the schema unchanged";
    return s.ok() ? 0 : s.error().code;
  }

  std::vector<std::string> Columns(const std::string& table) {
    std::vector<std::string> out;
    for (const auto& c : schema_.tables.at(table).columns) out.push_back(c.name);
    return out;
  }

  Schema schema_;
};

TEST_F(SchemaApplyDdlTest, AddColumnWithPositions) {
  Apply("ALTER TABLE p ADD COLUMN a int, ADD b int FIRST, ADD COLUMN c int AFTER id");
  EXPECT_EQ(Columns("p"), (std::vector<std::string>{"b", "id", "c", "name", "a"}));
  EXPECT_EQ(schema_.tables.at("p").FindColumn("c")->nullable, true);
}

TEST_F(SchemaApplyDdlTest, ModifyAndChangeColumn) {
  Apply("ALTER TABLE p MODIFY name varchar(40) NOT NULL FIRST");
  EXPECT_EQ(Columns("p"), (std::vector<std::string>{"name", "id"}));
  EXPECT_EQ(schema_.tables.at("p").columns[0].TypeSql(), "varchar(40)");
  EXPECT_EQ(schema_.tables.at("p").columns[0].charset, "utf8mb4");
  Apply("ALTER TABLE p CHANGE COLUMN id pk int NOT NULL AFTER name");
  EXPECT_EQ(Columns("p"), (std::vector<std::string>{"name", "pk"}));
  EXPECT_EQ(schema_.tables.at("p").PrimaryKey()->ColumnNames(), std::vector<std::string>{"pk"});
  // The child's foreign key follows the renamed parent column.
  EXPECT_EQ(schema_.tables.at("c").foreign_keys[0].ref_columns, std::vector<std::string>{"pk"});
}

TEST_F(SchemaApplyDdlTest, RenameColumnAndDefaults) {
  Apply("ALTER TABLE c RENAME COLUMN note TO body");
  EXPECT_EQ(Columns("c"), (std::vector<std::string>{"id", "pid", "body"}));
  Apply("ALTER TABLE p ALTER COLUMN name SET DEFAULT 'n'");
  EXPECT_EQ(*schema_.tables.at("p").FindColumn("name")->default_value, "'n'");
  Apply("ALTER TABLE p ALTER COLUMN name DROP DEFAULT");
  EXPECT_FALSE(schema_.tables.at("p").FindColumn("name")->default_value.has_value());
}

TEST_F(SchemaApplyDdlTest, DropColumnLeavesItsKeys) {
  Apply("ALTER TABLE p ADD COLUMN x int, ADD KEY kx (x), ADD KEY knx (name, x)");
  Apply("ALTER TABLE p DROP COLUMN x");
  const Table& p = schema_.tables.at("p");
  EXPECT_EQ(p.FindIndex("kx"), nullptr);
  ASSERT_NE(p.FindIndex("knx"), nullptr);
  EXPECT_EQ(p.FindIndex("knx")->ColumnNames(), std::vector<std::string>{"name"});
  EXPECT_EQ(ErrorOf("ALTER TABLE c DROP COLUMN pid"), 1828);  // needed by fk
}

TEST_F(SchemaApplyDdlTest, IndexesAndPrimaryKey) {
  Apply("ALTER TABLE p ADD UNIQUE KEY un (name), ADD INDEX (name)");
  EXPECT_NE(schema_.tables.at("p").FindIndex("name"), nullptr);
  Apply("CREATE INDEX ix ON p (name(5) DESC)");
  EXPECT_EQ(schema_.tables.at("p").FindIndex("ix")->parts[0].length, 5u);
  Apply("ALTER TABLE p RENAME KEY ix TO iy");
  EXPECT_NE(schema_.tables.at("p").FindIndex("iy"), nullptr);
  Apply("DROP INDEX iy ON p");
  EXPECT_EQ(schema_.tables.at("p").FindIndex("iy"), nullptr);
  Apply("ALTER TABLE p DROP PRIMARY KEY, ADD PRIMARY KEY (id, name)");
  EXPECT_FALSE(schema_.tables.at("p").FindColumn("name")->nullable);
  EXPECT_EQ(ErrorOf("ALTER TABLE p ADD PRIMARY KEY (id)"), 1068);
  EXPECT_EQ(ErrorOf("ALTER TABLE p ADD KEY un (id)"), 1061);
  EXPECT_EQ(ErrorOf("ALTER TABLE p DROP KEY nope"), 1091);
  EXPECT_EQ(ErrorOf("ALTER TABLE p ADD KEY (nope)"), 1072);
}

TEST_F(SchemaApplyDdlTest, ForeignKeys) {
  Apply("ALTER TABLE c DROP FOREIGN KEY fk");
  EXPECT_TRUE(schema_.tables.at("c").foreign_keys.empty());
  Apply("ALTER TABLE c ADD CONSTRAINT fk2 FOREIGN KEY (id) REFERENCES p (id) ON DELETE CASCADE");
  ASSERT_EQ(schema_.tables.at("c").foreign_keys.size(), 1u);
  EXPECT_EQ(schema_.tables.at("c").foreign_keys[0].on_delete, "CASCADE");
  // id is covered by the primary key: no extra key.
  EXPECT_EQ(schema_.tables.at("c").FindIndex("fk2"), nullptr);
  EXPECT_EQ(ErrorOf("ALTER TABLE c DROP FOREIGN KEY nope"), 1091);
}

TEST_F(SchemaApplyDdlTest, TableOptionsAndCharsets) {
  Apply("ALTER TABLE c ENGINE=Aria, COMMENT='kids', ROW_FORMAT=PAGE");
  EXPECT_EQ(schema_.tables.at("c").options.at("ENGINE").value, "Aria");
  EXPECT_EQ(schema_.tables.at("c").options.at("COMMENT").value, "kids");
  Apply("ALTER TABLE c COMMENT='', ROW_FORMAT=DEFAULT");
  EXPECT_FALSE(schema_.tables.at("c").options.count("COMMENT"));
  EXPECT_FALSE(schema_.tables.at("c").options.count("ROW_FORMAT"));
  // A new default charset leaves existing columns alone but applies to new ones.
  Apply("ALTER TABLE c DEFAULT CHARSET=utf8mb4, ADD COLUMN t2 varchar(5)");
  EXPECT_EQ(schema_.tables.at("c").FindColumn("note")->charset, "latin1");
  EXPECT_EQ(schema_.tables.at("c").FindColumn("t2")->charset, "utf8mb4");
  // CONVERT TO converts every textual column and widens TEXT for wider characters.
  Apply("ALTER TABLE c CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
  const Column* note = schema_.tables.at("c").FindColumn("note");
  EXPECT_EQ(note->charset, "utf8mb4");
  EXPECT_EQ(note->collation, "utf8mb4_bin");
  EXPECT_EQ(note->type, "mediumtext");
  EXPECT_EQ(schema_.tables.at("c").collation, "utf8mb4_bin");
}

TEST_F(SchemaApplyDdlTest, TableStatements) {
  Apply("CREATE TABLE n (a int)");
  EXPECT_EQ(ErrorOf("CREATE TABLE n (b int)"), 1050);
  Apply("CREATE TABLE IF NOT EXISTS n (b int)");
  EXPECT_EQ(Columns("n"), std::vector<std::string>{"a"});
  Apply("CREATE OR REPLACE TABLE n (b int)");
  EXPECT_EQ(Columns("n"), std::vector<std::string>{"b"});
  Apply("CREATE TABLE n2 LIKE c");
  EXPECT_TRUE(schema_.tables.at("n2").foreign_keys.empty());
  EXPECT_EQ(schema_.tables.at("n2").indexes, schema_.tables.at("c").indexes);
  Apply("RENAME TABLE n TO m, m TO k");
  EXPECT_TRUE(schema_.tables.count("k"));
  EXPECT_FALSE(schema_.tables.count("n"));
  Apply("ALTER TABLE p RENAME TO parent");
  EXPECT_EQ(schema_.tables.at("c").foreign_keys[0].ref_table, "parent");
  Apply("DROP TABLE k, n2");
  EXPECT_EQ(schema_.tables.size(), 2u);
  EXPECT_EQ(ErrorOf("DROP TABLE k"), 1051);
  Apply("DROP TABLE IF EXISTS k");
  EXPECT_EQ(ErrorOf("ALTER TABLE nope ADD COLUMN a int"), 1146);
  EXPECT_EQ(ErrorOf("ALTER TABLE parent DROP COLUMN id, DROP COLUMN name"), 1090);
  EXPECT_EQ(ErrorOf("ALTER TABLE parent ADD COLUMN a int, ADD COLUMN a int"), 1060);
  EXPECT_EQ(ErrorOf("ALTER TABLE parent ADD COLUMN a int AFTER nope"), 1054);
  EXPECT_EQ(ErrorOf("SELECT 1"), 1235);
  EXPECT_EQ(ErrorOf("ALTER TABLE parent ADD COLUMN"), 1064);
  Apply(
      "ALTER TABLE parent ADD COLUMN IF NOT EXISTS id int, DROP COLUMN IF EXISTS zz, "
      "ALGORITHM=INPLACE, LOCK=NONE");
}

}  // namespace
}  // namespace tessera::schema
