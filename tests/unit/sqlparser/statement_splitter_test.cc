#include "sqlparser/statement_splitter.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace tessera::sql {
namespace {

using Strings = std::vector<std::string>;

Strings Split(std::string_view sql) {
  Strings out;
  for (std::string_view s : SplitStatements(sql)) out.emplace_back(s);
  return out;
}

TEST(StatementSplitterTest, OneStatementWithOrWithoutSemicolon) {
  EXPECT_EQ(Split("SELECT 1"), Strings{"SELECT 1"});
  EXPECT_EQ(Split("SELECT 1;"), Strings{"SELECT 1"});
  EXPECT_EQ(Split("  SELECT 1 ;  \n"), Strings{"SELECT 1"});
}

TEST(StatementSplitterTest, SplitsAtTopLevelSemicolons) {
  EXPECT_EQ(Split("SELECT 1; SELECT 2"), (Strings{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(Split("SELECT 1;SELECT 2;\nINSERT INTO t VALUES (3);"),
            (Strings{"SELECT 1", "SELECT 2", "INSERT INTO t VALUES (3)"}));
}

TEST(StatementSplitterTest, DashesRightBeforeTheSemicolonKeepIt) {
  // `--;` is two minus signs; alone at the end of a text `--` opens a comment.
  EXPECT_EQ(Split("SELECT 1 --; SELECT 2"), (Strings{"SELECT 1 --;", "SELECT 2"}));
  EXPECT_EQ(Split("SELECT 1 -- ; SELECT 2"), Strings{"SELECT 1 -- ; SELECT 2"});  // a comment
  EXPECT_EQ(Split("--;"), Strings{"--;"});
  for (const auto& s : SplitStatements("SELECT 5 --;SELECT 6")) {
    EXPECT_EQ(SplitStatements(s).size(), 1u) << s;
    EXPECT_EQ(SplitStatements(s)[0], s);
  }
}

TEST(StatementSplitterTest, BlankPiecesAreDropped) {
  EXPECT_EQ(Split(""), Strings{});
  EXPECT_EQ(Split(" ; ;\n"), Strings{});
  EXPECT_EQ(Split("SELECT 1;; ;SELECT 2"), (Strings{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(Split("SELECT 1; -- done"), Strings{"SELECT 1"});
  EXPECT_EQ(Split("SELECT 1; # done\n /* really */ "), Strings{"SELECT 1"});
}

TEST(StatementSplitterTest, SemicolonsInStringsAndIdentifiersStay) {
  EXPECT_EQ(Split("SELECT 'a;b'; SELECT \"c;d\""), (Strings{"SELECT 'a;b'", "SELECT \"c;d\""}));
  EXPECT_EQ(Split("SELECT `x;y` FROM t; SELECT 2"), (Strings{"SELECT `x;y` FROM t", "SELECT 2"}));
  // Escaped and doubled quotes do not end the string.
  EXPECT_EQ(Split("SELECT 'it\\'s;'; SELECT 'a'';'"),
            (Strings{"SELECT 'it\\'s;'", "SELECT 'a'';'"}));
  EXPECT_EQ(Split("SELECT \"x\\\";\"; SELECT 2"), (Strings{"SELECT \"x\\\";\"", "SELECT 2"}));
  // A backslash does not escape inside backquotes; a doubled backquote does.
  EXPECT_EQ(Split("SELECT `a\\`; SELECT 2"), (Strings{"SELECT `a\\`", "SELECT 2"}));
  EXPECT_EQ(Split("SELECT `a``;b`; SELECT 2"), (Strings{"SELECT `a``;b`", "SELECT 2"}));
}

TEST(StatementSplitterTest, SemicolonsInCommentsStay) {
  EXPECT_EQ(Split("SELECT 1 -- a;b\n; SELECT 2"), (Strings{"SELECT 1 -- a;b", "SELECT 2"}));
  EXPECT_EQ(Split("SELECT 1 # a;b\n; SELECT 2"), (Strings{"SELECT 1 # a;b", "SELECT 2"}));
  EXPECT_EQ(Split("SELECT /* ; */ 1; SELECT 2"), (Strings{"SELECT /* ; */ 1", "SELECT 2"}));
  // `--` without a following blank is two minus signs, not a comment.
  EXPECT_EQ(Split("SELECT 1--1; SELECT 2"), (Strings{"SELECT 1--1", "SELECT 2"}));
  EXPECT_EQ(Split("SELECT 1 --\t;\n; SELECT 2"), (Strings{"SELECT 1 --\t;", "SELECT 2"}));
}

TEST(StatementSplitterTest, ExecutableCommentsAreStatements) {
  EXPECT_EQ(Split("/*!40101 SET NAMES utf8mb4 */; SELECT 1"),
            (Strings{"/*!40101 SET NAMES utf8mb4 */", "SELECT 1"}));
  EXPECT_EQ(Split("/*M!100100 SET x = 1 */;"), Strings{"/*M!100100 SET x = 1 */"});
  EXPECT_EQ(Split("SELECT 1 /*! ; */; SELECT 2"), (Strings{"SELECT 1 /*! ; */", "SELECT 2"}));
}

TEST(StatementSplitterTest, UnterminatedRunsStayInTheLastStatement) {
  EXPECT_EQ(Split("SELECT 1; SELECT 'a;b"), (Strings{"SELECT 1", "SELECT 'a;b"}));
  EXPECT_EQ(Split("SELECT 1; SELECT `a;b"), (Strings{"SELECT 1", "SELECT `a;b"}));
  EXPECT_EQ(Split("SELECT 1; /* open ;"), (Strings{"SELECT 1", "/* open ;"}));
  EXPECT_EQ(Split("SELECT 'x\\"), Strings{"SELECT 'x\\"});
}

TEST(StatementSplitterTest, ViewsPointIntoTheInput) {
  const std::string sql = "SELECT 1; SELECT 2";
  auto statements = SplitStatements(sql);
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].data(), sql.data());
  EXPECT_EQ(statements[1].data(), sql.data() + 10);
}

}  // namespace
}  // namespace tessera::sql
