// Parser corpus round trips (corpus/*.sql), refusal of invalid.sql, syntax
// errors and MariaDB-compatible messages.
#include <gtest/gtest.h>

#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "sqlparser/format.h"
#include "sqlparser/normalizer.h"
#include "sqlparser/parser.h"
#include "tests/unit/sqlparser/sql_corpus.h"

namespace tessera::sql {
namespace {

using testing::CorpusStatement;

// refused.sql holds statements MariaDB accepts that Tessera refuses by name.
constexpr const char* kRefusedFile = "refused.sql";

// Every statement of every corpus file but refused.sql (tessera.sql
// included), in file order; with `refused`, the statements of refused.sql.
std::vector<CorpusStatement> CorpusStatements(bool refused = false) {
  std::vector<CorpusStatement> out;
  for (const std::string& path : testing::CorpusFiles(SQLPARSER_CORPUS_DIR)) {
    const bool is_refused = path.size() >= std::string_view(kRefusedFile).size() &&
                            path.ends_with(std::string("/") + kRefusedFile);
    if (is_refused != refused) continue;
    auto statements = testing::ReadCorpusFile(path);
    out.insert(out.end(), statements.begin(), statements.end());
  }
  return out;
}

TEST(ParserCorpus, HoldsAtLeastFiveHundredDistinctStatements) {
  const auto files = testing::CorpusFiles(SQLPARSER_CORPUS_DIR);
  ASSERT_FALSE(files.empty());
  for (const std::string& path : files) {
    const size_t count = testing::ReadCorpusFile(path).size();
    EXPECT_NE(count, 0u) << path << " holds no statement";
    std::cout << path.substr(path.rfind('/') + 1) << ": " << count << " statements\n";
  }
  std::set<std::string> distinct;
  const auto statements = CorpusStatements();
  for (const auto& statement : statements) distinct.insert(statement.sql);
  std::cout << statements.size() << " corpus statements, " << distinct.size() << " distinct\n";
  EXPECT_GE(distinct.size(), 500u);
}

// Each statement parses, formats, re-parses to the same text (also from a
// clone of the tree), and goes through the normalizer. All failures are
// reported, one per statement.
TEST(ParserCorpus, EveryStatementParsesRoundTripsAndNormalizes) {
  Parser parser;
  for (const auto& statement : CorpusStatements()) {
    const std::string& sql = statement.sql;
    auto first = parser.Parse(sql);
    if (!first.ok()) {
      ADD_FAILURE() << statement.Where() << " does not parse: " << first.error().ToString()
                    << "\n  " << sql;
      continue;
    }
    const std::string formatted = Format(**first);
    auto second = parser.Parse(formatted);
    if (!second.ok()) {
      ADD_FAILURE() << statement.Where()
                    << " formats to text that does not parse: " << second.error().ToString()
                    << "\n  " << sql << "\n  formatted: " << formatted;
      continue;
    }
    EXPECT_EQ(Format(**second), formatted) << statement.Where() << "\n  " << sql;
    EXPECT_EQ(Format(*(*first)->Clone()), formatted) << statement.Where() << "\n  " << sql;
    auto normalized = Normalize(sql);
    EXPECT_TRUE(normalized.ok()) << statement.Where()
                                 << " does not normalize: " << normalized.error().ToString()
                                 << "\n  " << sql;
  }
}

// The normalizer and the grammar agree on what a literal is: the normalized
// text of every parameterized corpus statement parses, so the plan cache
// can plan it. The one exception is a string used as an alias without AS
// (`SELECT c 'name'`): the normalizer cannot tell it from a value, and such
// a statement takes the uncached path on its original text.
TEST(ParserCorpus, NormalizedTextParses) {
  Parser parser;
  int parameterized = 0;
  for (const auto& statement : CorpusStatements()) {
    if (!parser.Parse(statement.sql).ok()) continue;
    auto normalized = Normalize(statement.sql);
    if (!normalized.ok() || !normalized->parameterized) continue;
    ++parameterized;
    auto r = parser.Parse(normalized->text);
    EXPECT_TRUE(r.ok()) << statement.Where() << ": " << normalized->text << "\n  "
                        << r.error().ToString();
  }
  EXPECT_GE(parameterized, 300);
}

// Each statement of refused.sql is refused with 1235, which names the
// construct, never with a syntax error.
TEST(ParserCorpus, RefusedStatementsAre1235NamingTheConstruct) {
  const auto refused = CorpusStatements(/*refused=*/true);
  ASSERT_GE(refused.size(), 100u);
  Parser parser;
  const std::string prefix = "This version of Tessera doesn't yet support '";
  for (const auto& statement : refused) {
    auto r = parser.Parse(statement.sql);
    if (r.ok()) {
      ADD_FAILURE() << statement.Where() << " parses; move it to the corpus: " << statement.sql;
      continue;
    }
    EXPECT_EQ(r.error().code, 1235) << statement.Where() << ": " << r.error().ToString();
    EXPECT_EQ(r.error().message.rfind(prefix, 0), 0u) << statement.Where();
    EXPECT_GT(r.error().message.size(), prefix.size() + 1) << statement.Where();
  }
}

// Every line of invalid.sql is refused with MariaDB's syntax error.
TEST(ParserInvalid, EveryInvalidStatementIsRefusedWith1064) {
  const auto invalid = testing::ReadInvalidList(SQLPARSER_INVALID);
  ASSERT_GE(invalid.size(), 40u);
  Parser parser;
  for (const auto& statement : invalid) {
    auto r = parser.Parse(statement.sql);
    if (r.ok()) {
      ADD_FAILURE() << statement.Where() << " parses: " << statement.sql
                    << "\n  formatted: " << Format(**r);
      continue;
    }
    EXPECT_EQ(r.error().code, 1064)
        << statement.Where() << ": " << statement.sql << "\n  " << r.error().ToString();
  }
}

// Found by parser_fuzz: option values and names given in backquotes keep
// them, so formatted text can never turn a name into SQL of its own.
TEST(ParserFormat, BackquotedOptionValuesStayQuoted) {
  Parser parser;
  auto r = parser.Parse("CREATE TABLE t (a INT) DEFAULT CHARSET=`utf8; DROP TABLE x`");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Format(**r), "CREATE TABLE t (a INT) DEFAULT CHARSET=`utf8; DROP TABLE x`");
  r = parser.Parse("ALTER TABLE t ALGORITHM=`a b`, ENGINE=InnoDB");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Format(**r), "ALTER TABLE t ALGORITHM=`A B`, ENGINE=InnoDB");
  // A backquoted option name too (found by parser_fuzz).
  r = parser.Parse("CREATE TABLE t (a INT) ENGINE=InnoDB `) x, KEY (` b");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(Format(**r), "CREATE TABLE t (a INT) ENGINE=InnoDB `) X, KEY (`=b");
  auto again = parser.Parse(Format(**r));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(Format(**again), Format(**r));
}

// Table options are one run however they are separated, so the formatted
// text parses back to itself (found by parser_fuzz).
TEST(ParserFormat, AlterTableOptionRunsFormatOneWay) {
  Parser parser;
  for (const char* sql : {"ALTER TABLE t DEFAULT CHARSET = latin1,, ROW_FORMAT = DYNAMIC",
                          "ALTER TABLE t DEFAULT CHARSET=latin1, ROW_FORMAT=DYNAMIC",
                          "ALTER TABLE t DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC"}) {
    auto r = parser.Parse(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.error().message;
    EXPECT_EQ(Format(**r), "ALTER TABLE t DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC") << sql;
  }
  auto mixed = parser.Parse("ALTER TABLE t ENGINE=InnoDB, ALGORITHM=INPLACE, COMMENT='c'");
  ASSERT_TRUE(mixed.ok()) << mixed.error().message;
  EXPECT_EQ(Format(**mixed), "ALTER TABLE t ENGINE=InnoDB, ALGORITHM=INPLACE, COMMENT='c'");
}

// Found by parser_fuzz: bytes that are not UTF-8 in names come back as the
// same bytes, so format/parse round trips are stable.
TEST(ParserFormat, NamesKeepBytesThatAreNotUtf8) {
  Parser parser;
  auto r = parser.Parse(
      "USE `\xAE"
      "db`");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value()->As<ast::UseStatement>().db,
            "\xAE"
            "db");
  const std::string formatted = Format(**r);
  auto again = parser.Parse(formatted);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Format(**again), formatted);
}

// Found by the fuzz targets: N'..' is a national string, not a name and
// an alias; `--` right before the end of an executable comment is two minus
// signs, not a line comment.
TEST(ParserFormat, NationalStringsAndDashesBeforeCommentEnd) {
  Parser parser;
  auto r = parser.Parse("SELECT a FROM t WHERE c = N'abc'");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Format(**r), "SELECT a FROM t WHERE c = _utf8mb3'abc'");
  r = parser.Parse("SELECT 1 /*!50000 --*/ + 2 FROM t");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Format(**r), "SELECT 1 - - +2 FROM t");
  r = parser.Parse("SELECT 1 /*!50000 ---*/ 2 FROM t");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Format(**r), "SELECT 1 - - -2 FROM t");
  r = parser.Parse("SELECT 1 /*!50000 --*/- 2 FROM t");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Format(**r), "SELECT 1 - - -2 FROM t");
  // More dashes than the marker's bytes can separate: refused, never read
  // as a comment.
  EXPECT_FALSE(parser.Parse("SELECT 1 /*!50000 ----*/ 2 FROM t").ok());
  EXPECT_FALSE(parser.Parse("SELECT 1 /*!50000 ---*/- 2 FROM t").ok());
}

TEST(ParserCorpus, FormatsCanonicalText) {
  Parser parser;
  auto r = parser.Parse(
      "select c from sbtest1 where id=? and k between 1 and 2 order by c desc limit 5");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Format(**r),
            "SELECT c FROM sbtest1 WHERE id = ? AND k BETWEEN 1 AND 2 ORDER BY c DESC LIMIT 5");
  r = parser.Parse(
      "SELECT (a + b) * c, a + b * c, a - (b - c), (a - b) - c, NOT (a AND b) FROM `order`");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Format(**r),
            "SELECT (a + b) * c, a + b * c, a - (b - c), a - b - c, NOT (a AND b) FROM `order`");
  r = parser.Parse("SELECT 'it''s \\\\ \\n', `we``ird` FROM t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Format(**r), "SELECT 'it\\'s \\\\ \\n', `we``ird` FROM t");
}

struct BadCase {
  const char* sql;
  const char* near;
  int line;
};

TEST(ParserErrors, SyntaxErrorsCarryMariaDbMessage) {
  const BadCase cases[] = {
      {"SELEC 1", "SELEC 1", 1},
      {"SELECT * FROM", "", 1},
      {"SELECT a FROM t WHERE", "", 1},
      {"SELECT a FROM t WHERE id = = 1", "= 1", 1},
      {"SELECT a\nFROM t\nWHERE (", "", 3},
      {"SELECT a\nFROM t\nWHERE x IN (1,\n)", ")", 4},
      {"SELECT 'abc", "'abc", 1},
      {"SELECT a FROM t ORDER a", "a", 1},
      {"UPDATE t SET WHERE a = 1", "WHERE a = 1", 1},
      {"INSERT INTO t VALUES", "", 1},
      {"DELETE t WHERE a = 1", "WHERE a = 1", 1},
      {"SELECT a FROM t LIMIT", "", 1},
      {"SELECT 1 2", "2", 1},
      {"CREATE TABLE t (a INT,)", ")", 1},
      {"DROP TABLE", "", 1},
  };
  Parser parser;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.sql);
    auto r = parser.Parse(c.sql);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, 1064);
    EXPECT_EQ(r.error().sql_state, "42000");
    EXPECT_EQ(r.error().message,
              std::string(
                  "You have an error in your SQL syntax; check the manual that corresponds to your "
                  "MariaDB server version for the right syntax to use near '") +
                  c.near + "' at line " + std::to_string(c.line));
  }
}

TEST(ParserErrors, NearTextIsCutAtEightyCharacters) {
  std::string sql = "SELECT a FROM t WHERE = ";
  for (int i = 0; i < 30; ++i) sql += "abcdef ";
  Parser parser;
  auto r = parser.Parse(sql);
  ASSERT_FALSE(r.ok());
  const std::string expected_near = sql.substr(sql.find("= "), 80);
  EXPECT_NE(r.error().message.find("near '" + expected_near + "' at line 1"), std::string::npos)
      << r.error().message;
}

TEST(ParserErrors, EmptyQuery) {
  Parser parser;
  for (const char* sql : {"", "   ", "/* only a comment */", "-- x", ";"}) {
    auto r = parser.Parse(sql);
    ASSERT_FALSE(r.ok()) << sql;
    EXPECT_EQ(r.error().code, 1065) << sql;
    EXPECT_EQ(r.error().message, "Query was empty");
  }
}

TEST(ParserErrors, UnsupportedConstructsReport1235) {
  Parser parser;
  for (const char* sql : {"SELECT a INTO @x FROM t", "SELECT d + INTERVAL 1 FORTNIGHT FROM t",
                          "UPDATE t SET a = 1 LIMIT 2, 3", "SELECT UPPER(c USING latin1) FROM t",
                          "SELECT CHAR(DISTINCT 65 USING latin1)",
                          "SELECT MEDIAN(a) WITHIN GROUP (ORDER BY a) FROM t"}) {
    auto r = parser.Parse(sql);
    ASSERT_FALSE(r.ok()) << sql;
    EXPECT_EQ(r.error().code, 1235) << sql;
  }
}

TEST(ParserStats, CountsParses) {
  Parser parser;
  EXPECT_EQ(parser.parse_count(), 0u);
  ASSERT_TRUE(parser.Parse("SELECT 1").ok());
  ASSERT_FALSE(parser.Parse("SELECT FROM").ok());
  EXPECT_EQ(parser.parse_count(), 2u);
}

TEST(ParserKeywords, CaseInsensitive) {
  Parser parser;
  auto a = parser.Parse("sElEcT DiStInCt c fRoM t WhErE id = 1 oRdEr By c");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(Format(**a), "SELECT DISTINCT c FROM t WHERE id = 1 ORDER BY c");
}

}  // namespace
}  // namespace tessera::sql

namespace tessera::sql {
namespace {

// Parses `sql`, expects `expected` in its formatted text, and expects that
// text to parse and format to itself.
void ExpectStableFormat(const std::string& sql, const std::string& expected) {
  Parser parser;
  auto parsed = parser.Parse(sql);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  const std::string formatted = Format(**parsed);
  EXPECT_NE(formatted.find(expected), std::string::npos) << formatted;
  auto again = parser.Parse(formatted);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(Format(**again), formatted);
}

// Raw bytes in string literals (binary data sent as text) parse, keep their
// exact value, and come back out of the formatter unchanged.
// A host (`@...`, lexed as a user variable) with a byte that is not UTF-8
// keeps it, so the statement formats the same after a round trip.
TEST(ParserRawBytes, DefinerHostsKeepBytesThatAreNotUtf8) {
  ExpectStableFormat(
      "CREATE DEFINER=`root`@`localhos\xf4` SQL SECURITY DEFINER VIEW v AS SELECT 1 AS a",
      "@'localhos\xf4'");
}

// A quoted host or user variable name follows the string rules: escapes and
// doubled quotes are undone, so the formatter's escaping round-trips.
TEST(ParserRawBytes, QuotedNamesAfterAtAreUnescaped) {
  ExpectStableFormat(
      std::string("CREATE DEFINER=`root`@`\0\0lhost` SQL SECURITY DEFINER VIEW v AS SELECT 1 AS a",
                  76),
      "@'\\0\\0lhost'");
  Parser parser;
  auto vars = parser.Parse("SELECT @'it''s', @\"a\\tb\", @`x``y`");
  ASSERT_TRUE(vars.ok()) << vars.error().message;
  EXPECT_EQ(Format(**vars), "SELECT @`it's`, @`a\tb`, @`x``y`");
  // The empty name has no backquoted form (found by normalizer_grammar_fuzz).
  ExpectStableFormat("SELECT @'', @\"\"", "SELECT @'', @''");
  ExpectStableFormat("SET @'' = 1", "SET @'' = 1");
  ExpectStableFormat("SELECT @'' := 2", "SELECT @'' := 2");
}

// FLUSH's words are kept as written, a quoted one with its bytes that are
// not UTF-8.
TEST(ParserRawBytes, FlushWordsKeepBytesThatAreNotUtf8) {
  ExpectStableFormat(std::string("FLUSH LOCAL `ab\xff\x02\x00` STATUS", 26),
                     std::string("`AB\xff\x02\x00`", 7));
}

// A type name given in backquotes with characters a keyword cannot have
// stays quoted (found by parser_fuzz).
TEST(ParserRawBytes, QuotedTypeNamesStayQuoted) {
  ExpectStableFormat(std::string("CREATE TABLE t (a `my\x01type` NOT NULL)", 37),
                     std::string("a `MY\x01TYPE` NOT NULL", 20));
}

// PARTITION BY is kept as text: with its bytes that are not UTF-8.
TEST(ParserRawBytes, PartitionTextKeepsBytesThatAreNotUtf8) {
  ExpectStableFormat(
      "CREATE TABLE t (a DATETIME, `o\xe9` INT) PARTITION BY RANGE (year(`o\xe9`)) "
      "(PARTITION p0 VALUES LESS THAN (2020))",
      "year(`o\xe9`)");
  // Minus signs at its end stay apart, so no line comment starts after them
  // (found by parser_fuzz).
  ExpectStableFormat("CREATE TABLE t (a INT) PARTITION BY HASH (a) PARTITIONS 2---- x",
                     "PARTITIONS 2- -");
}

TEST(ParserRawBytes, StringLiteralsKeepBytesThatAreNotUtf8) {
  Parser parser;
  std::string every;
  for (int b = 0x80; b <= 0xFF; ++b) every.push_back(static_cast<char>(b));
  for (const std::string& value : {std::string("\xff\0\x80", 3), every,
                                   std::string("ok \xc3\xa9 then \xe9 and \xf0\x9f\x8e\x89")}) {
    std::string escaped;
    for (char c : value) escaped += c == '\0' ? std::string("\\0") : std::string(1, c);
    for (const std::string& sql :
         {"INSERT INTO t (id, d, b) VALUES (2, 1.5, '" + escaped + "')",
          "INSERT INTO t (id, d, b) VALUES (2, 1.5, _binary'" + escaped + "')"}) {
      auto parsed = parser.Parse(sql);
      ASSERT_TRUE(parsed.ok()) << parsed.error().message;
      const auto& insert = (*parsed)->As<ast::InsertStatement>();
      const auto& literal = insert.rows.at(0).at(2)->As<ast::Literal>();
      EXPECT_EQ(literal.text, value);
      auto again = parser.Parse(Format(**parsed));
      ASSERT_TRUE(again.ok()) << again.error().message;
      EXPECT_EQ(again.value()->As<ast::InsertStatement>().rows.at(0).at(2)->As<ast::Literal>().text,
                value);
    }
  }
  // Characters of the range raw bytes are carried in keep their value too,
  // with or without raw bytes next to them.
  for (const char* sql : {"SELECT '\xf4\x8f\xbe\x80\xf4\x8f\xbf\xbf', '\xff'",
                          "SELECT '\xf4\x8f\xbe\x80\xf4\x8f\xbf\xbf', 'x'"}) {
    auto parsed = parser.Parse(sql);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    const auto& items = parsed.value()->As<ast::SelectStatement>().items;
    EXPECT_EQ(items.at(0).expr->As<ast::Literal>().text, "\xf4\x8f\xbe\x80\xf4\x8f\xbf\xbf");
  }
}

}  // namespace
}  // namespace tessera::sql
