// vtgate/prepared_statement.h: placeholder counting, binding and the
// metadata probe, over statements from the real parser.
#include <gtest/gtest.h>

#include "sqlparser/parser.h"
#include "vtgate/prepared_statement.h"

namespace tessera::vtgate {
namespace {

class PreparedStatementTest : public ::testing::Test {
 protected:
  std::unique_ptr<sql::ast::Statement> Parse(std::string_view sql) {
    auto parsed = parser_.Parse(sql);
    EXPECT_TRUE(parsed.ok()) << sql << ": " << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() ? std::move(parsed).value() : nullptr;
  }

  sql::Parser parser_;
};

TEST_F(PreparedStatementTest, CountsEveryPlaceholder) {
  EXPECT_EQ(CountPlaceholders(*Parse("SELECT 1")), 0u);
  EXPECT_EQ(CountPlaceholders(*Parse("SELECT c FROM t WHERE id = ? AND k IN (?, ?)")), 3u);
  EXPECT_EQ(CountPlaceholders(*Parse("INSERT INTO t (a, b) VALUES (?, ?), (?, 'x')")), 3u);
  EXPECT_EQ(CountPlaceholders(*Parse("UPDATE t SET a = ? WHERE id = ? LIMIT 1")), 2u);
  EXPECT_EQ(CountPlaceholders(
                *Parse("SELECT a FROM t WHERE b = (SELECT MAX(b) FROM u WHERE c = ?) LIMIT ?")),
            2u);
}

TEST_F(PreparedStatementTest, BindsLiteralsInOrder) {
  auto stmt = Parse("SELECT c FROM t WHERE id = ? AND name = ? OR x BETWEEN ? AND ?");
  std::string text = BindPlaceholders(*stmt, {"7", "'it\\'s'", "NULL", "-1.5e0"});
  EXPECT_EQ(text.find('?'), std::string::npos) << text;
  auto reparsed = Parse(text);
  ASSERT_TRUE(reparsed);
  EXPECT_EQ(CountPlaceholders(*reparsed), 0u);
  EXPECT_NE(text.find("id = 7"), std::string::npos) << text;
  EXPECT_NE(text.find("'it\\'s'"), std::string::npos) << text;
  EXPECT_NE(text.find("-1.5e0"), std::string::npos) << text;
  // The same statement binds again with other values.
  std::string again = BindPlaceholders(*stmt, {"8", "'b'", "1", "2"});
  EXPECT_NE(again.find("id = 8"), std::string::npos) << again;
}

TEST_F(PreparedStatementTest, BindingIsNotConfusedByQuestionMarksInStrings) {
  auto stmt = Parse("SELECT '?' AS q FROM t WHERE a = ?");
  std::string text = BindPlaceholders(*stmt, {"5"});
  EXPECT_NE(text.find("'?'"), std::string::npos) << text;
  EXPECT_NE(text.find("a = 5"), std::string::npos) << text;
}

TEST_F(PreparedStatementTest, NegativeLiteralsStayNumbers) {
  auto stmt = Parse("SELECT a - ? FROM t");
  std::string text = BindPlaceholders(*stmt, {"-5"});
  auto reparsed = Parse(text);
  ASSERT_TRUE(reparsed) << text;
  EXPECT_EQ(text.find("--"), std::string::npos) << text;
}

TEST_F(PreparedStatementTest, MetadataQueryIsLimitZeroWithNulls) {
  auto select = Parse("SELECT c, d FROM t WHERE id = ? ORDER BY c LIMIT ?, 10 FOR UPDATE");
  std::optional<std::string> probe = MetadataQuery(*select);
  ASSERT_TRUE(probe);
  EXPECT_NE(probe->find("id = NULL"), std::string::npos) << *probe;
  EXPECT_NE(probe->find("LIMIT 0"), std::string::npos) << *probe;
  EXPECT_EQ(probe->find("FOR UPDATE"), std::string::npos) << *probe;
  EXPECT_EQ(probe->find("10"), std::string::npos) << *probe;
  ASSERT_TRUE(Parse(*probe));
  // The statement itself is untouched.
  EXPECT_NE(BindPlaceholders(*select, {"1", "2"}).find("FOR UPDATE"), std::string::npos);

  auto union_stmt = Parse("SELECT a FROM t WHERE a = ? UNION ALL SELECT b FROM u");
  probe = MetadataQuery(*union_stmt);
  ASSERT_TRUE(probe);
  EXPECT_NE(probe->find("LIMIT 0"), std::string::npos) << *probe;
  ASSERT_TRUE(Parse(*probe));

  EXPECT_FALSE(MetadataQuery(*Parse("INSERT INTO t (a) VALUES (?)")));
  EXPECT_FALSE(MetadataQuery(*Parse("DELETE FROM t WHERE a = ?")));
}

TEST_F(PreparedStatementTest, CacheFindInsertAndBound) {
  PreparedStatementCache cache(2);
  EXPECT_EQ(cache.Find("SELECT 1"), nullptr);
  cache.Insert("SELECT 1", {Parse("SELECT 1"), 0});
  cache.Insert("SELECT ?", {Parse("SELECT ?"), 1});
  ASSERT_NE(cache.Find("SELECT ?"), nullptr);
  EXPECT_EQ(cache.Find("SELECT ?")->param_count, 1u);
  cache.Insert("SELECT ?, ?", {Parse("SELECT ?, ?"), 2});
  EXPECT_LE(cache.size(), 2u);
  ASSERT_NE(cache.Find("SELECT ?, ?"), nullptr);
  EXPECT_EQ(cache.Find("SELECT ?, ?")->param_count, 2u);
}

}  // namespace
}  // namespace tessera::vtgate
