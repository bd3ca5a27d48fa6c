#include "sqlparser/normalizer.h"

#include <gtest/gtest.h>

#include "sqlparser/format.h"
#include "sqlparser/parser.h"

namespace tessera::sql {
namespace {

Normalized Norm(std::string_view sql) {
  auto n = Normalize(sql);
  EXPECT_TRUE(n.ok()) << sql << ": " << n.error().message;
  return n.ok() ? std::move(*n) : Normalized{};
}

std::vector<std::string> Sqls(const Normalized& n) {
  std::vector<std::string> out;
  for (const auto& v : n.values) out.push_back(v.sql);
  return out;
}

using Strings = std::vector<std::string>;

TEST(NormalizerTest, SysbenchStatements) {
  struct Case {
    std::string in, text;
    Strings values;
  };
  const Case cases[] = {
      {"SELECT c FROM sbtest1 WHERE id=4999", "SELECT c FROM sbtest1 WHERE id=:v1", {"4999"}},
      {"SELECT c FROM sbtest3 WHERE id BETWEEN 10 AND 109",
       "SELECT c FROM sbtest3 WHERE id BETWEEN :v1 AND :v2",
       {"10", "109"}},
      {"SELECT SUM(k) FROM sbtest1 WHERE id BETWEEN 5 AND 104",
       "SELECT SUM(k) FROM sbtest1 WHERE id BETWEEN :v1 AND :v2",
       {"5", "104"}},
      {"SELECT c FROM sbtest1 WHERE id BETWEEN 5 AND 104 ORDER BY c",
       "SELECT c FROM sbtest1 WHERE id BETWEEN :v1 AND :v2 ORDER BY c",
       {"5", "104"}},
      {"SELECT DISTINCT c FROM sbtest1 WHERE id BETWEEN 5 AND 104 ORDER BY c",
       "SELECT DISTINCT c FROM sbtest1 WHERE id BETWEEN :v1 AND :v2 ORDER BY c",
       {"5", "104"}},
      {"UPDATE sbtest1 SET k=k+1 WHERE id=77",
       "UPDATE sbtest1 SET k=k+:v1 WHERE id=:v2",
       {"1", "77"}},
      {"UPDATE sbtest1 SET c='0123-4567' WHERE id=77",
       "UPDATE sbtest1 SET c=:v1 WHERE id=:v2",
       {"'0123-4567'", "77"}},
      {"DELETE FROM sbtest1 WHERE id=12", "DELETE FROM sbtest1 WHERE id=:v1", {"12"}},
      {"INSERT INTO sbtest1 (id, k, c, pad) VALUES (12, 501, '83868-48', '67847-96')",
       "INSERT INTO sbtest1 (id, k, c, pad) VALUES (:v1, :v2, :v3, :v4)",
       {"12", "501", "'83868-48'", "'67847-96'"}},
  };
  for (const auto& c : cases) {
    Normalized n = Norm(c.in);
    EXPECT_TRUE(n.parameterized) << c.in;
    EXPECT_EQ(n.text, c.text) << c.in;
    EXPECT_EQ(Sqls(n), c.values) << c.in;
  }
  // Session statements come back as they are.
  for (std::string_view s : {"BEGIN", "COMMIT", "SET autocommit=0", "SET NAMES 'utf8mb4'"}) {
    Normalized n = Norm(s);
    EXPECT_FALSE(n.parameterized) << s;
    EXPECT_EQ(n.text, s);
    EXPECT_TRUE(n.values.empty());
  }
}

TEST(NormalizerTest, SameShapeSameFingerprint) {
  Normalized a = Norm("SELECT c FROM sbtest1 WHERE id=1");
  Normalized b = Norm("select c from sbtest1 where id=2");
  Normalized c = Norm("SELECT c FROM sbtest1 WHERE id=2");
  Normalized d = Norm("SELECT c FROM sbtest1  /* hi */ WHERE\n id=99;");
  EXPECT_NE(a.fingerprint, b.fingerprint);  // keyword case is part of the text
  EXPECT_EQ(a.fingerprint, c.fingerprint);
  EXPECT_EQ(a.text, c.text);
  EXPECT_EQ(d.text, "SELECT c FROM sbtest1 WHERE id=:v1");
  EXPECT_EQ(a.fingerprint, d.fingerprint);
  EXPECT_NE(a.fingerprint, Norm("SELECT k FROM sbtest1 WHERE id=1").fingerprint);
}

TEST(NormalizerTest, StringsWithEscapes) {
  Normalized n =
      Norm(R"(SELECT * FROM t WHERE a = 'O\'Brien' AND b = "say ""hi""" AND c = 'it''s')");
  EXPECT_EQ(n.text, "SELECT * FROM t WHERE a = :v1 AND b = :v2 AND c = :v3");
  ASSERT_EQ(n.values.size(), 3u);
  EXPECT_EQ(n.values[0].kind, NormalizedValueKind::kString);
  EXPECT_EQ(n.values[0].raw, "O'Brien");
  EXPECT_EQ(n.values[0].sql, R"('O\'Brien')");
  EXPECT_EQ(n.values[1].raw, R"(say "hi")");
  EXPECT_EQ(n.values[2].raw, "it's");

  n = Norm(R"(SELECT 'a\nb\\c\%d\0' FROM t)");
  ASSERT_EQ(n.values.size(), 1u);
  EXPECT_EQ(n.values[0].raw, std::string("a\nb\\c\\%d\0", 9));
  EXPECT_EQ(n.values[0].sql, QuoteString(n.values[0].raw));

  n = Norm("SELECT 'ab' 'cd' FROM t");  // adjacent strings are one literal
  EXPECT_EQ(n.text, "SELECT :v1 FROM t");
  EXPECT_EQ(n.values[0].raw, "abcd");
}

TEST(NormalizerTest, NumberKinds) {
  Normalized n = Norm("SELECT 1, 1.5, .5, 1e3, 2.5E-3, 0x1F, X'0a', b'101', 0b11 FROM t");
  EXPECT_EQ(n.text, "SELECT :v1, :v2, :v3, :v4, :v5, :v6, :v7, :v8, :v9 FROM t");
  ASSERT_EQ(n.values.size(), 9u);
  using K = NormalizedValueKind;
  const K kinds[] = {K::kInt, K::kDecimal, K::kDecimal, K::kFloat, K::kFloat,
                     K::kHex, K::kHex,     K::kBit,     K::kBit};
  for (size_t i = 0; i < 9; ++i) EXPECT_EQ(n.values[i].kind, kinds[i]) << i;
  EXPECT_EQ(n.values[5].raw, "1F");
  EXPECT_EQ(n.values[5].sql, "0x1F");
  EXPECT_EQ(n.values[6].raw, "0a");
  EXPECT_EQ(n.values[6].sql, "X'0a'");
  EXPECT_EQ(n.values[7].raw, "101");
}

TEST(NormalizerTest, KeywordsSignsAndIdentifiersStay) {
  Normalized n =
      Norm("SELECT `col 1`, t.a FROM `t2` WHERE x = -5 AND y IS NULL AND z = TRUE AND w <> FALSE");
  EXPECT_EQ(
      n.text,
      "SELECT `col 1`, t.a FROM `t2` WHERE x = -:v1 AND y IS NULL AND z = TRUE AND w <> FALSE");
  EXPECT_EQ(Sqls(n), Strings{"5"});
  // A number glued to letters is an identifier-ish word, left alone.
  EXPECT_EQ(Norm("SELECT 1abc FROM t").text, "SELECT 1abc FROM t");
  EXPECT_EQ(Norm("SELECT a FROM t1 WHERE b=2").text, "SELECT a FROM t1 WHERE b=:v1");
  // Bind variables are separated from a following word.
  EXPECT_EQ(Norm("SELECT * FROM t WHERE a='x'AND b=1").text,
            "SELECT * FROM t WHERE a=:v1 AND b=:v2");
  EXPECT_EQ(Norm("SELECT @a, @@session.sql_mode, @'q' FROM t WHERE c = 3").text,
            "SELECT @a, @@session.sql_mode, @'q' FROM t WHERE c = :v1");
}

TEST(NormalizerTest, CommentsAreDroppedExecutableCommentsKept) {
  Normalized n = Norm("SELECT /* a 'b' 1 */ c -- tail 'x'\nFROM t # hash 2\nWHERE id = 3");
  EXPECT_EQ(n.text, "SELECT c FROM t WHERE id = :v1");
  EXPECT_EQ(Sqls(n), Strings{"3"});

  n = Norm("SELECT /*!40001 SQL_NO_CACHE */ c FROM t WHERE id = /*!50100 7 */ 8");
  EXPECT_EQ(n.text, "SELECT /*!40001 SQL_NO_CACHE */ c FROM t WHERE id = /*!50100 :v1 */ :v2");
  EXPECT_EQ(Sqls(n), (Strings{"7", "8"}));
  // `--` without a following space is two minus signs.
  EXPECT_EQ(Norm("SELECT 1--2 FROM t").text, "SELECT :v1--:v2 FROM t");
}

// As MariaDB: a line comment runs to the line feed ('\r' does not end it),
// and `--` opens one before any blank or control character. The parser
// reads the same text the same way.
TEST(NormalizerTest, LineCommentsFollowMariaDb) {
  Parser parser;
  struct Case {
    std::string sql, normalized, formatted;
  };
  const std::vector<Case> cases = {
      {"SELECT a #x\r, b\nFROM t", "SELECT a FROM t", "SELECT a FROM t"},
      {"SELECT a --\x01x\n, b FROM t", "SELECT a , b FROM t", "SELECT a, b FROM t"},
      {"SELECT a --\x7fx\n, b FROM t", "SELECT a , b FROM t", "SELECT a, b FROM t"},
      {"SELECT a --\r\n, b FROM t", "SELECT a , b FROM t", "SELECT a, b FROM t"},
      {"SELECT a --\rx\n, b FROM t", "SELECT a , b FROM t", "SELECT a, b FROM t"},
      {"SELECT a --\tx\r, b\nFROM t", "SELECT a FROM t", "SELECT a FROM t"},
  };
  for (const auto& [sql, normalized, formatted] : cases) {
    EXPECT_EQ(Norm(sql).text, normalized) << sql;
    auto parsed = parser.Parse(sql);
    ASSERT_TRUE(parsed.ok()) << sql << ": " << parsed.error().message;
    EXPECT_EQ(Format(**parsed), formatted) << sql;
  }
}

TEST(NormalizerTest, OrdinalsLimitsAndTypeArgumentsStay) {
  Normalized n = Norm(
      "SELECT a, COUNT(*) FROM t WHERE b > 3 GROUP BY 1 HAVING COUNT(*) > 2 ORDER BY 2 DESC, 1 "
      "LIMIT 10, 5");
  EXPECT_EQ(n.text,
            "SELECT a, COUNT(*) FROM t WHERE b > :v1 GROUP BY 1 HAVING COUNT(*) > :v2 ORDER BY 2 "
            "DESC, 1 LIMIT 10, 5");
  EXPECT_EQ(Sqls(n), (Strings{"3", "2"}));
  EXPECT_EQ(Norm("SELECT * FROM t WHERE a IN (SELECT b FROM u ORDER BY 1 LIMIT 3) AND c = 4").text,
            "SELECT * FROM t WHERE a IN (SELECT b FROM u ORDER BY 1 LIMIT 3) AND c = :v1");
  EXPECT_EQ(Norm("SELECT * FROM t LIMIT 5 OFFSET 10").text, "SELECT * FROM t LIMIT 5 OFFSET 10");
  EXPECT_EQ(
      Norm("SELECT CAST(a AS CHAR(10)), NOW(6), CAST(b AS DECIMAL(10,2)) FROM t WHERE c = 1").text,
      "SELECT CAST(a AS CHAR(10)), NOW(6), CAST(b AS DECIMAL(10,2)) FROM t WHERE c = :v1");
  EXPECT_EQ(
      Norm("SELECT a AS 'x', GROUP_CONCAT(b SEPARATOR ','), j->'$.a', DATE '2020-01-01' FROM t")
          .text,
      "SELECT a AS 'x', GROUP_CONCAT(b SEPARATOR ','), j->'$.a', DATE '2020-01-01' FROM t");
  EXPECT_EQ(Norm("SELECT _utf8mb4'x', _latin1 'y', N'z', 'w' FROM t").text,
            "SELECT _utf8mb4'x', _latin1 'y', N'z', :v1 FROM t");
}

TEST(NormalizerTest, StringAliasesWithoutAsStay) {
  Normalized n = Norm(
      "SELECT c 'one', `d` \"two\", 1 'three', COUNT(*) 'four', @v 'five', NULL 'six', "
      "CASE WHEN a = 'x' THEN 'y' ELSE 'z' END 'seven' FROM t WHERE e = 'v' AND f LIKE 'p%'");
  EXPECT_EQ(n.text,
            "SELECT c 'one', `d` \"two\", :v1 'three', COUNT(*) 'four', @v 'five', NULL 'six', "
            "CASE WHEN a = :v2 THEN :v3 ELSE :v4 END 'seven' FROM t WHERE e = :v5 AND f LIKE :v6");
  EXPECT_EQ(Sqls(n), (Strings{"1", "'x'", "'y'", "'z'", "'v'", "'p%'"}));
  // After the words that take an operand, a string is a value.
  n = Norm(
      "SELECT DISTINCT 'b', 'a' FROM t WHERE NOT 'c' OR x BETWEEN 'd' AND 'e' OR y IN ('f') OR "
      "z REGEXP 'g' OR w = BINARY 'h' OR TRIM(LEADING 'i' FROM v) OR d > NOW() - INTERVAL '1' DAY");
  EXPECT_EQ(n.values.size(), 10u) << n.text;
  EXPECT_EQ(Norm("UPDATE t SET a = 'x', b = DEFAULT WHERE c = 'y'").values.size(), 2u);
  EXPECT_EQ(Norm("INSERT INTO t VALUES ('a'), ('b') ON DUPLICATE KEY UPDATE c = 'd'").values.size(),
            3u);
}

TEST(NormalizerTest, DdlAndPlaceholdersAreUntouched) {
  for (std::string_view s :
       {"CREATE TABLE t (id INT DEFAULT 5, c VARCHAR(10) DEFAULT 'x')",
        "ALTER TABLE t ADD COLUMN d INT DEFAULT 3", "DROP TABLE t", "TRUNCATE TABLE t",
        "RENAME TABLE a TO b", "SELECT * FROM t WHERE id = ? AND k = 5",
        "SELECT * FROM t WHERE id = :id AND k = 5", "SHOW TABLES LIKE 'x%'", "USE ks"}) {
    Normalized n = Norm(s);
    EXPECT_FALSE(n.parameterized) << s;
    EXPECT_EQ(n.text, s);
    EXPECT_TRUE(n.values.empty()) << s;
  }
  // `:=` is an operator, not a bind variable.
  EXPECT_TRUE(Norm("SELECT @x := 5 FROM t").parameterized);
}

TEST(NormalizerTest, InListsShareAFingerprintAcrossLengths) {
  Normalized two = Norm("SELECT * FROM t WHERE id IN (1, 2) AND k = 7");
  Normalized three = Norm("SELECT * FROM t WHERE id IN (4,5,6) AND k = 8");
  Normalized strings = Norm("SELECT * FROM t WHERE id IN ('a') AND k = 9");
  EXPECT_EQ(two.text, "SELECT * FROM t WHERE id IN (:v1, :v2) AND k = :v3");
  EXPECT_EQ(three.text, "SELECT * FROM t WHERE id IN (:v1,:v2,:v3) AND k = :v4");
  EXPECT_EQ(two.fingerprint, three.fingerprint);
  EXPECT_EQ(two.fingerprint, strings.fingerprint);
  // A list with an expression in it keeps its own shape.
  Normalized mixed = Norm("SELECT * FROM t WHERE id IN (1, a) AND k = 7");
  EXPECT_NE(mixed.fingerprint, two.fingerprint);
  Normalized negative = Norm("SELECT * FROM t WHERE id IN (-1, 2) AND k = 7");
  EXPECT_NE(negative.fingerprint, two.fingerprint);
}

TEST(NormalizerTest, MalformedInputIsASyntaxError) {
  for (std::string_view s :
       {"SELECT 'abc", "SELECT \"abc", "SELECT * FROM t /* open", "SELECT `t", "SELECT 'abc\\"}) {
    auto n = Normalize(s);
    ASSERT_FALSE(n.ok()) << s;
    EXPECT_EQ(n.error().code, 1064) << s;
  }
  EXPECT_FALSE(Norm("").parameterized);
  EXPECT_FALSE(Norm("  -- only a comment").parameterized);
}

TEST(NormalizerTest, NormalizedTextParsesWithBindVars) {
  Parser parser;
  for (std::string_view s : {
           "SELECT c FROM sbtest1 WHERE id=4999",
           "SELECT c FROM sbtest3 WHERE id BETWEEN 10 AND 109 ORDER BY c",
           "UPDATE sbtest1 SET c='0123-4567' WHERE id=77",
           "INSERT INTO sbtest1 (id, k, c, pad) VALUES (12, 501, '83868-48', '67847-96')",
           "SELECT a, COUNT(*) FROM t WHERE b > 3.5 GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
           "SELECT * FROM t WHERE id IN (1, 2, 3) AND name LIKE 'a%' AND x = X'0f'",
           "SELECT /*!40001 SQL_NO_CACHE */ c FROM t WHERE id = 8",
       }) {
    Normalized n = Norm(s);
    auto stmt = parser.Parse(n.text);
    ASSERT_TRUE(stmt.ok()) << n.text << ": " << stmt.error().message;
    // Substituting the values back gives the statement of the original text.
    FormatOptions options;
    options.bind_var = [&](const ast::BindVar& b) {
      return n.values.at(std::stoul(b.name.substr(1)) - 1).sql;
    };
    auto original = parser.Parse(s);
    ASSERT_TRUE(original.ok());
    EXPECT_EQ(Format(**stmt, options), Format(**original)) << s;
  }
}

}  // namespace
}  // namespace tessera::sql
