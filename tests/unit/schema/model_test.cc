// ParseTable/ParseSchema: normalization and the canonical CREATE TABLE text.
#include <gtest/gtest.h>

#include "schema/model/schema.h"

namespace tessera::schema {
namespace {

Table MustParse(std::string_view sql) {
  auto t = ParseTable(sql);
  EXPECT_TRUE(t.ok()) << sql << ": " << (t.ok() ? "" : t.error().ToString());
  return t.ok() ? std::move(t).value() : Table{};
}

TEST(SchemaModel, CanonicalCreateStatementLayout) {
  Table t = MustParse(
      "create table users (id bigint(20) unsigned not null auto_increment, "
      "email varchar(255) not null, name varchar(64) default 'x', primary key (id), "
      "unique key email (email), key name_idx (name)) engine=innodb default charset=utf8mb4");
  EXPECT_EQ(t.CreateStatement(),
            "CREATE TABLE `users` (\n"
            "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n"
            "  `email` varchar(255) NOT NULL,\n"
            "  `name` varchar(64) DEFAULT 'x',\n"
            "  PRIMARY KEY (`id`),\n"
            "  UNIQUE KEY `email` (`email`),\n"
            "  KEY `name_idx` (`name`)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci");
}

TEST(SchemaModel, CanonicalTextParsesBackToTheSameTable) {
  Table t = MustParse(
      "CREATE TABLE `o` (`id` int NOT NULL, `p` int DEFAULT NULL, `s` enum('a','b''c') "
      "CHARACTER SET latin1 NOT NULL DEFAULT 'a', `d` decimal(12,3) DEFAULT 1.5, "
      "`ts` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), "
      "`g` int GENERATED ALWAYS AS (`id` + 1) VIRTUAL, `c` text COMMENT 'note', "
      "PRIMARY KEY (`id`), KEY `pd` (`p`, `d` DESC), FULLTEXT KEY `ft` (`c`), "
      "CONSTRAINT `fk_p` FOREIGN KEY (`p`) REFERENCES `parent` (`id`) ON DELETE CASCADE, "
      "CONSTRAINT `chk` CHECK (`id` > 0)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
      "COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT='orders'");
  Table again = MustParse(t.CreateStatement());
  EXPECT_EQ(again, t) << t.CreateStatement() << "\n---\n" << again.CreateStatement();
  EXPECT_EQ(again.CreateStatement(), t.CreateStatement());
}

TEST(SchemaModel, IntegerDisplayWidthsAreIgnoredButTinyint1IsKept) {
  Table a =
      MustParse("CREATE TABLE t (a int(11), b bigint(20) unsigned, c tinyint(1), d tinyint(4))");
  Table b = MustParse("CREATE TABLE t (a INT, b BIGINT UNSIGNED, c BOOLEAN, d TINYINT)");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.columns[0].TypeSql(), "int");
  EXPECT_EQ(a.columns[2].TypeSql(), "tinyint(1)");
  EXPECT_EQ(a.columns[3].TypeSql(), "tinyint");
  EXPECT_NE(MustParse("CREATE TABLE t (c tinyint(1))"), MustParse("CREATE TABLE t (c tinyint)"));
}

TEST(SchemaModel, TypeAliasesAndDefaultsOfLengths) {
  Table t = MustParse(
      "CREATE TABLE t (a INTEGER, b NUMERIC, c DECIMAL(8), d CHAR, e YEAR(4), f DATETIME(0), "
      "g BIT, h INT ZEROFILL, i REAL)");
  std::vector<std::string> types;
  for (const auto& c : t.columns) types.push_back(c.TypeSql());
  EXPECT_EQ(types,
            (std::vector<std::string>{"int", "decimal(10,0)", "decimal(8,0)", "char(1)", "year",
                                      "datetime", "bit(1)", "int unsigned zerofill", "double"}));
}

TEST(SchemaModel, KeywordCaseAndBackquotesDoNotMatter) {
  EXPECT_EQ(MustParse("create table `t` (`a` int not null, primary key (`a`))"),
            MustParse("CREATE TABLE t (a INT NOT NULL, PRIMARY KEY (A))"));
}

TEST(SchemaModel, CharsetAndCollationAreInheritedFromTheTable) {
  Table implicit = MustParse("CREATE TABLE t (a varchar(10), b int) DEFAULT CHARSET=latin1");
  Table explicit_ = MustParse(
      "CREATE TABLE t (a varchar(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci, b int) "
      "ENGINE=InnoDB DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci");
  EXPECT_EQ(implicit, explicit_);
  EXPECT_EQ(implicit.columns[0].charset, "latin1");
  EXPECT_EQ(implicit.columns[0].collation, "latin1_swedish_ci");
  EXPECT_EQ(implicit.columns[1].charset, "");  // not textual
  // A column charset without a collation takes that charset's default collation.
  Table own = MustParse(
      "CREATE TABLE t (a varchar(10) CHARACTER SET utf8mb4) DEFAULT CHARSET=utf8mb4 "
      "COLLATE utf8mb4_unicode_ci");
  EXPECT_EQ(own.columns[0].collation, "utf8mb4_general_ci");
  EXPECT_NE(own.CreateStatement().find("`a` varchar(10) COLLATE utf8mb4_general_ci"),
            std::string::npos)
      << own.CreateStatement();
  // utf8 is utf8mb3; CHAR(n) BINARY is the charset's _bin collation.
  Table legacy = MustParse("CREATE TABLE t (a char(3) binary, b text CHARSET utf8) CHARSET=utf8");
  EXPECT_EQ(legacy.charset, "utf8mb3");
  EXPECT_EQ(legacy.columns[0].collation, "utf8mb3_bin");
  EXPECT_EQ(legacy.columns[1].collation, "utf8mb3_general_ci");
}

TEST(SchemaModel, ImplicitNullDefaults) {
  Table a = MustParse("CREATE TABLE t (a int, b int NULL DEFAULT NULL, c varchar(5) NOT NULL)");
  Table b = MustParse("CREATE TABLE t (a int DEFAULT NULL, b int, c varchar(5) NOT NULL)");
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a.columns[0].default_value.has_value());
  EXPECT_TRUE(a.columns[0].nullable);
  EXPECT_FALSE(a.columns[2].nullable);
  auto bad = ParseTable("CREATE TABLE t (a int NOT NULL DEFAULT NULL)");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, 1067);
  EXPECT_NE(bad.error().message.find("table `t`"), std::string::npos);
}

TEST(SchemaModel, DefaultLiteralsAreNormalized) {
  Table a = MustParse(
      "CREATE TABLE t (a int DEFAULT '0', b varchar(3) DEFAULT 5, c tinyint(1) DEFAULT TRUE, "
      "d timestamp DEFAULT now(), e int DEFAULT -1, f datetime(6) DEFAULT CURRENT_TIMESTAMP(6), "
      "g int DEFAULT (1 + 2))");
  EXPECT_EQ(*a.columns[0].default_value, "0");
  EXPECT_EQ(*a.columns[1].default_value, "'5'");
  EXPECT_EQ(*a.columns[2].default_value, "1");
  EXPECT_EQ(*a.columns[3].default_value, "current_timestamp()");
  EXPECT_EQ(*a.columns[4].default_value, "-1");
  EXPECT_EQ(*a.columns[5].default_value, "current_timestamp(6)");
  EXPECT_EQ(*a.columns[6].default_value, "(1 + 2)");
  EXPECT_EQ(MustParse(a.CreateStatement()), a);
}

TEST(SchemaModel, IndexOrderIsIrrelevantExceptPrimary) {
  Table a = MustParse(
      "CREATE TABLE t (a int, b int, c int, KEY kb (b), UNIQUE KEY ka (a), PRIMARY KEY (c))");
  Table b = MustParse(
      "CREATE TABLE t (a int, b int, c int NOT NULL, PRIMARY KEY (c), UNIQUE ka (a), INDEX kb "
      "(b))");
  EXPECT_EQ(a, b);
  ASSERT_EQ(a.indexes.size(), 3u);
  EXPECT_EQ(a.indexes[0].name, "PRIMARY");
  EXPECT_EQ(a.indexes[1].name, "ka");
  EXPECT_FALSE(a.FindColumn("c")->nullable);  // primary key columns are NOT NULL
  // Column order does matter.
  EXPECT_NE(MustParse("CREATE TABLE t (a int, b int)"), MustParse("CREATE TABLE t (b int, a int)"));
}

TEST(SchemaModel, InlineKeysBecomeIndexes) {
  Table a =
      MustParse("CREATE TABLE t (id int PRIMARY KEY, code varchar(8) UNIQUE, x int UNIQUE KEY)");
  Table b = MustParse(
      "CREATE TABLE t (id int NOT NULL, code varchar(8), x int, PRIMARY KEY (id), "
      "UNIQUE KEY code (code), UNIQUE KEY x (x))");
  EXPECT_EQ(a, b);
}

TEST(SchemaModel, UnnamedKeysGetMariaDbNames) {
  Table t = MustParse("CREATE TABLE t (a int, b int, KEY (a), KEY (a, b), UNIQUE (b))");
  ASSERT_NE(t.FindIndex("a"), nullptr);
  ASSERT_NE(t.FindIndex("a_2"), nullptr);
  EXPECT_EQ(t.FindIndex("a_2")->parts.size(), 2u);
  ASSERT_NE(t.FindIndex("b"), nullptr);
  EXPECT_EQ(t.FindIndex("b")->kind, IndexKind::kUnique);
}

TEST(SchemaModel, ForeignKeysGetNamesAndSupportingKeys) {
  Table t = MustParse(
      "CREATE TABLE c (id int PRIMARY KEY, p int, q int, FOREIGN KEY (p) REFERENCES par (id) "
      "ON DELETE RESTRICT, CONSTRAINT fq FOREIGN KEY (q) REFERENCES par (id) ON UPDATE CASCADE)");
  ASSERT_EQ(t.foreign_keys.size(), 2u);
  EXPECT_EQ(t.foreign_keys[0].name, "c_ibfk_1");
  EXPECT_EQ(t.foreign_keys[0].on_delete, "");  // RESTRICT is the default
  EXPECT_EQ(t.foreign_keys[1].name, "fq");
  EXPECT_EQ(t.foreign_keys[1].on_update, "CASCADE");
  // InnoDB adds a key for each foreign key that has none.
  ASSERT_NE(t.FindIndex("p"), nullptr);
  ASSERT_NE(t.FindIndex("fq"), nullptr);
  EXPECT_EQ(t.FindIndex("fq")->ColumnNames(), std::vector<std::string>{"q"});
  Table covered =
      MustParse("CREATE TABLE c (p int, KEY kp (p), FOREIGN KEY (p) REFERENCES par (id))");
  EXPECT_EQ(covered.indexes.size(), 1u);
}

TEST(SchemaModel, TableOptionsAreNormalized) {
  Table a = MustParse("CREATE TABLE t (a int) AUTO_INCREMENT=42 row_format=compressed");
  Table b = MustParse("CREATE TABLE t (a int) ENGINE=INNODB ROW_FORMAT=COMPRESSED");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.options.at("ENGINE").value, "InnoDB");
  EXPECT_FALSE(a.options.count("AUTO_INCREMENT"));
  EXPECT_EQ(MustParse("CREATE TABLE t (a int) COMMENT=''"), MustParse("CREATE TABLE t (a int)"));
}

TEST(SchemaModel, ParseSchemaKeysTablesByNameAndNamesTheFailingStatement) {
  auto s = ParseSchema(
      {"CREATE TABLE a (x int)", "CREATE TABLE b (y int) ENGINE=MyISAM", "CREATE TABLE c LIKE a"});
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  ASSERT_EQ(s->tables.size(), 3u);
  EXPECT_EQ(s->tables.at("b").options.at("ENGINE").value, "MyISAM");
  EXPECT_EQ(s->tables.at("c").columns, s->tables.at("a").columns);
  EXPECT_EQ(s->tables.at("c").name, "c");

  auto dup = ParseSchema({"CREATE TABLE a (x int)", "CREATE TABLE a (y int)"});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, 1050);
  EXPECT_NE(dup.error().message.find("statement 2 (table `a`)"), std::string::npos)
      << dup.error().message;

  auto syntax = ParseSchema({"CREATE TABLE a (x int)", "CREATE TABLE b (x int,"});
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().code, 1064);
  EXPECT_NE(syntax.error().message.find("statement 2"), std::string::npos);

  auto not_create = ParseSchema({"DROP TABLE a"});
  ASSERT_FALSE(not_create.ok());

  auto bad_key = ParseSchema({"CREATE TABLE k (a int, KEY (nope))"});
  ASSERT_FALSE(bad_key.ok());
  EXPECT_EQ(bad_key.error().code, 1072);
  EXPECT_NE(bad_key.error().message.find("table `k`"), std::string::npos);
}

}  // namespace
}  // namespace tessera::schema
