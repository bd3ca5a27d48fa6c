// FastLexer against the generated MySqlLexer: on every corpus statement, on
// hand-written cases for each token form, and on mutated corpus statements,
// the fast lexer gives the same tokens or declines; it declines only where
// the generated lexer reports an error (or on the few texts listed here).
#include "sqlparser/transform/fast_lexer.h"

#include <gtest/gtest.h>

#include <iostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "sqlparser/query_text.h"
#include "sqlparser/transform/lexer_comparison.h"
#include "sqlparser/transform/raw_bytes.h"
#include "tests/unit/sqlparser/sql_corpus.h"

namespace tessera::sql::transform {
namespace {

using testing::CorpusStatement;

const FastLexer& Lexer() {
  static const FastLexer lexer;
  return lexer;
}

// The text as RunParse hands it to a lexer.
std::string Prepared(std::string_view sql) {
  std::string text = BlankExecutableCommentMarkers(sql);
  if (auto mapped = MapRawBytes(text)) text = std::move(*mapped);
  return text;
}

// How one text went: agreed, declined on a lexer error, or declined where
// the generated lexer has none (a needless decline). A difference fails the
// calling test.
enum class Outcome { kAgreed, kDeclinedOnError, kNeedlessDecline };

Outcome Check(std::string_view text, const std::string& where) {
  const LexerComparison c = CompareWithGeneratedLexer(Lexer(), text);
  EXPECT_EQ(c.difference, "") << where << ": " << Escaped(text);
  if (!c.declined) return Outcome::kAgreed;
  return c.lexer_error ? Outcome::kDeclinedOnError : Outcome::kNeedlessDecline;
}

// The text as RunParse lexes it, and the raw text as well when a lexer may
// see it (UTF-8 without raw bytes to map); the worse outcome.
Outcome CheckBothForms(std::string_view sql, const std::string& where) {
  Outcome outcome = Check(Prepared(sql), where);
  if (!MapRawBytes(sql)) outcome = std::max(outcome, Check(sql, where + " (raw)"));
  return outcome;
}

std::vector<CorpusStatement> AllCorpusStatements() {
  std::vector<CorpusStatement> out;
  for (const std::string& path : testing::CorpusFiles(SQLPARSER_CORPUS_DIR)) {
    auto statements = testing::ReadCorpusFile(path);
    out.insert(out.end(), statements.begin(), statements.end());
  }
  auto invalid = testing::ReadInvalidList(SQLPARSER_INVALID);
  out.insert(out.end(), invalid.begin(), invalid.end());
  return out;
}

TEST(FastLexer, FollowsEveryRuleOfTheGrammar) {
  EXPECT_EQ(Lexer().unsupported_rule(), "");
}

// Corpus statements the fast lexer may decline although the generated lexer
// lexes them, by Where(); none so far.
const std::set<std::string> kNeedlessCorpusDeclines = {};

TEST(FastLexer, AgreesOnTheCorpus) {
  const auto statements = AllCorpusStatements();
  ASSERT_GT(statements.size(), 500u);
  size_t agreed = 0;
  std::vector<std::string> on_error;
  for (const auto& statement : statements) {
    switch (CheckBothForms(statement.sql, statement.Where())) {
      case Outcome::kAgreed:
        ++agreed;
        break;
      case Outcome::kDeclinedOnError:
        on_error.push_back(statement.Where());
        break;
      case Outcome::kNeedlessDecline:
        EXPECT_TRUE(kNeedlessCorpusDeclines.contains(statement.Where()))
            << "needless decline: " << statement.Where() << ": " << Escaped(statement.sql);
        break;
    }
  }
  std::cout << statements.size() << " statements, " << agreed << " lexed alike, " << on_error.size()
            << " declined on a lexer error:";
  for (const auto& where : on_error) std::cout << ' ' << where;
  std::cout << '\n';
  // Only invalid.sql holds statements with lexer errors.
  for (const auto& where : on_error) EXPECT_TRUE(where.starts_with("invalid.sql:")) << where;
}

// Each form of each token, and each way the generated lexer backs off to a
// shorter token; the fast lexer must lex every one of them.
TEST(FastLexer, AgreesOnEveryTokenForm) {
  const std::vector<std::string> cases = {
      // Comments and blanks.
      "SELECT 1 -- comment",
      "SELECT 1 --",
      "SELECT 1 --\nFROM t",
      "SELECT 1 --\r\nFROM t",
      "SELECT 1 --\r",
      "SELECT 1 --\rFROM t",
      "SELECT 1 --x",
      "SELECT 1 --\tx\nFROM t",
      "SELECT 1 --\fx",
      "SELECT 1 -- x\r\nFROM t -- y\n",
      "SELECT 1 ---- x",
      "SELECT 1 - - 2, 1 -- 2\n, 3",
      "SELECT 1 # comment\nFROM t",
      "SELECT 1 #",
      "SELECT 1 #\r\n#x\n",
      "SELECT /* c */ 1",
      "SELECT /**/ 1",
      "SELECT /*/ 1 */ 2",
      "SELECT /***/ 1 /* * / */",
      "SELECT /* multi\nline\r\n */ 1",
      "SELECT 1 /* unterminated",
      "SELECT 1 /*",
      "SELECT 1 /",
      "SELECT /*! 1 */",
      "SELECT /*!50001 1 */ FROM t",
      "/*!40101 SET NAMES utf8mb4 */",
      "SELECT 1 /*!--*/, 2",
      "SELECT 1 /*M! , 2 */",
      "SELECT\t1\r\nFROM\tt\f\r",
      "\n\n  SELECT\n  a,\n  b\nFROM t\n",
      "",
      " ",
      ";",
      ";;",
      "SELECT 1;",
      "-- only a comment",
      "/* only a comment */",
      // Strings and quoted names.
      "SELECT 'a''b', 'a\\'b', 'a\\\\', '', '''', 'multi\nline', 'tab\there'",
      "SELECT '\\''",
      "SELECT \"a\"\"b\", \"a\\\"b\", \"\", \"'\", '\"'",
      "SELECT `a``b`, ````, `x y`, `a\"b`, `a'b`, `a\\`",
      "SELECT 'a' 'b' \"c\"",
      "SELECT 'it''s' FROM t WHERE a = 'x\\%' ESCAPE '\\\\'",
      "SELECT '\\0\\n\\r\\Z\\b\\t\\x'",
      // Hex, bit and national strings, hex and bit numbers.
      "SELECT 0x1F, 0X1F, 0x, 0xg, 0x1fg, 0xAbC",
      "SELECT X'1F', x'', X'1', X'zz', X'1F2', x'ab''cd'",
      "SELECT b'0101', B'', b'12', b'1'b'0'",
      "SELECT 0b101, 0b2, 0B1, 0b, 0b1012",
      "SELECT N'x', n'x', N'it''s', N'a\\'b', NATIONAL, N, n",
      "SELECT x, b, n, xx'a', bb'1'",
      "SELECT x'a\nb', b'\n'",
      // Numbers.
      "SELECT 1e5, 1E+5, 1e-5, 1.5e3, .5, .5e1, .5E-1, 1., 1.e3, 0.0, 00012",
      "SELECT 1.e, 1e, 1e+, 1e-x, 1.e+, .5e, .5e+",
      "SELECT 1..2, 1.2.3, .e3, 12abc, 1abc, 1_a, 1$, 9e9e9",
      "SELECT t.1, t.1a, t.`1`, a.b.c, .5.5",
      // Introducers.
      "SELECT _utf8mb4'x', _UTF8MB4 'x', _binary'\\x00', _latin1'a', _utf8'a', _ascii'a'",
      "SELECT _utf8mb3'a', _utf8mb5'a', _foo, _, __utf8, _utf8mb4x, _Binary X'00'",
      // Variables and placeholders.
      "SELECT @a, @'a', @\"a\", @`a`, @1, @a.b, @a1$_, @_",
      "SELECT @@session.x, @@global.y, @@x, @@x.1, @@x.y.z, @@X.`y`, @@_a",
      "SET @a := 1, @b=2",
      "SELECT * FROM t WHERE a = ? AND b = :name AND c = :_x1 AND d = :$ AND e = :a.b",
      "SELECT ?,?,? FROM t LIMIT ?, ?",
      // Operators.
      "SELECT a <=> b, a <= b, a >= b, a <> b, a != b, a << 2, a >> 2, a && b, a || b",
      "SELECT !a, ~a, a ^ b, a & b, a | b, a % b, a DIV b, a MOD b, -a, +a, a*b/c",
      "SELECT a<=>b<=c>=d<>e!=f<<g>>h&&i||j",
      "SELECT <<=, <==>, !!a, a||||b, a|||b, a&&&b, <>>",
      "SELECT j->'$.a', j->>'$.a', a-->b, a->>>b, a->-b",
      "SELECT {d '2024-01-01'}, {ts '2024-01-01 00:00:00'}",
      // Keywords and identifiers.
      "select SeLeCt FROM from_ selectx _ $ $a a$ a1 A_B",
      "SELECT x FROM t WHERE y IS NOT NULL AND z = TRUE OR w = FALSE",
      "CREATE TABLE t (a INT) PARTITION BY HASH(a) PARTITIONS 4",
      "SELECT CURRENT_TIMESTAMP, current_timestamp(6), SQL_CALC_FOUND_ROWS, NO_WRITE_TO_BINLOG",
      "SELECT a AS `select`, b AS \"from\", c AS 'where'",
      // Other characters.
      "SELECT \xC3\xBC, \xE5\x90\x8D\xE5\x89\x8D, \"\xC3\xBC\", '\xC3\xBC', `\xE5\x90\x8D` FROM "
      "\xCF\x84",
      "SELECT '\xF0\x9F\x98\x80', \"\xF0\x9F\x98\x80\", `\xF0\x9F\x98\x80`, @`\xF0\x9F\x98\x80`",
      "SELECT \xC3\xA9t\xC3\xA9, @\xC3\xA9, @@\xC3\xA9, :\xC3\xA9, \xEF\xBF\xBF",
      "SELECT 'caf\xC3\xA9' -- caf\xC3\xA9\nFROM t /* \xF0\x9F\x98\x80 */",
      "SELECT '\xFF\xFE', _binary'\x80\x81', '\xF4\x8F\xBE\x80'",
      std::string("SELECT 'a\0b'", 12),
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(CheckBothForms(cases[i], "case " + std::to_string(i)), Outcome::kAgreed)
        << Escaped(cases[i]);
  }
}

// Texts the generated lexer reports an error for: the fast lexer declines.
TEST(FastLexer, DeclinesOnLexerErrors) {
  const std::vector<std::string> cases = {
      "SELECT 'abc",   "SELECT \"abc",
      "SELECT `abc",   "SELECT ``",
      "SELECT ```",    "SELECT 'a''",
      "SELECT `a``",   "SELECT x'abc",
      "SELECT b'01",   "SELECT N'abc",
      "SELECT @",      "SELECT @@",
      "SELECT @@1",    "SELECT @'a",
      "SELECT @ a",    "SELECT a : b",
      "SELECT :",      "SELECT [a] \\ b",
      "SELECT a \\ b", "SELECT \x01",
      "SELECT \v1",    std::string("SELECT \0", 8),
      "SELECT \x7F",   "SELECT \xF0\x9F\x98\x80",
      "SELECT 1 \xFF", "SELECT '\\",
  };
  for (const std::string& text : cases) {
    const LexerComparison c = CompareWithGeneratedLexer(Lexer(), Prepared(text));
    EXPECT_TRUE(c.lexer_error) << Escaped(text);
    EXPECT_TRUE(c.declined) << Escaped(text);
    EXPECT_EQ(c.difference, "") << Escaped(text);
  }
}

// The texts the fast lexer declines although the generated lexer lexes them.
TEST(FastLexer, DeclinesOnAByteOrderMark) {
  const LexerComparison c = CompareWithGeneratedLexer(Lexer(), "\xEF\xBB\xBFSELECT 1");
  EXPECT_TRUE(c.declined);
  EXPECT_FALSE(c.lexer_error);
}

// Corpus statements with random edits from SQL's significant characters:
// the same tokens or a decline, and declines only on lexer errors.
TEST(FastLexer, AgreesOnMutatedStatements) {
  const auto statements = AllCorpusStatements();
  ASSERT_FALSE(statements.empty());
  const std::vector<std::string> pieces = {" ",
                                           "\t",
                                           "\r",
                                           "\n",
                                           "\f",
                                           "'",
                                           "\"",
                                           "`",
                                           "\\",
                                           "-",
                                           "--",
                                           "-- ",
                                           "#",
                                           "/",
                                           "*",
                                           "/*",
                                           "*/",
                                           "/*!",
                                           "/*!50001",
                                           "!",
                                           "@",
                                           "@@",
                                           ":",
                                           ":=",
                                           ".",
                                           "?",
                                           ";",
                                           "=",
                                           "<",
                                           ">",
                                           "|",
                                           "&",
                                           "^",
                                           "~",
                                           "+",
                                           "%",
                                           "(",
                                           ")",
                                           "{",
                                           "}",
                                           "[",
                                           ",",
                                           "0",
                                           "1",
                                           "9",
                                           "e",
                                           "E",
                                           "x",
                                           "X",
                                           "b",
                                           "B",
                                           "n",
                                           "N",
                                           "_",
                                           "$",
                                           "0x",
                                           "0b",
                                           "_utf8mb4",
                                           "''",
                                           "\"\"",
                                           "``",
                                           "\xC3\xA9",
                                           "\xE5\x90\x8D",
                                           "\xF0\x9F\x98\x80",
                                           "\xC3",
                                           "\xFF",
                                           "\x80",
                                           std::string(1, '\0'),
                                           "\x0B",
                                           "SELECT",
                                           "select",
                                           "FROM"};
  std::mt19937 random(20261122);
  const auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  size_t agreed = 0, on_error = 0;
  constexpr int kMutants = 4000;
  for (int m = 0; m < kMutants; ++m) {
    std::string sql = statements[pick(statements.size())].sql;
    const size_t edits = 1 + pick(3);
    for (size_t e = 0; e < edits; ++e) {
      const size_t at = pick(sql.size() + 1);
      switch (pick(3)) {
        case 0:
          sql.insert(at, pieces[pick(pieces.size())]);
          break;
        case 1:
          sql.erase(at, 1 + pick(3));
          break;
        default:
          sql.replace(at, 1, pieces[pick(pieces.size())]);
      }
    }
    const Outcome outcome = CheckBothForms(sql, "mutant " + std::to_string(m));
    EXPECT_NE(outcome, Outcome::kNeedlessDecline) << Escaped(sql);
    agreed += outcome == Outcome::kAgreed;
    on_error += outcome == Outcome::kDeclinedOnError;
  }
  std::cout << kMutants << " mutants: " << agreed << " lexed alike, " << on_error
            << " declined on a lexer error\n";
  EXPECT_GT(agreed, kMutants / 2);
}

}  // namespace
}  // namespace tessera::sql::transform
