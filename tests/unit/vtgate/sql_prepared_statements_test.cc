// vtgate/sql_prepared_statements.h: PREPARE / EXECUTE / DEALLOCATE PREPARE
// by name, with MariaDB's errors, over statements from the real parser.
#include "vtgate/sql_prepared_statements.h"

#include <gtest/gtest.h>

#include "sqlparser/format.h"
#include "sqlparser/parser.h"

namespace tessera::vtgate {
namespace {

namespace ast = sql::ast;

class SqlPreparedStatementsTest : public ::testing::Test {
 protected:
  // The values of `EXECUTE s USING <values>` as the parser gives them.
  std::unique_ptr<ast::Statement> ExecuteUsing(const std::string& values) {
    auto parsed = parser_.Parse("EXECUTE s USING " + values);
    EXPECT_TRUE(parsed.ok()) << values;
    return parsed.ok() ? std::move(parsed).value() : nullptr;
  }

  sql::Parser parser_;
  SqlPreparedStatements statements_;
};

TEST_F(SqlPreparedStatementsTest, BindsValuesInPlaceOfPlaceholders) {
  ASSERT_TRUE(
      statements_
          .Prepare("s", "SELECT email FROM customer WHERE customer_id = ? AND email = ?", parser_)
          .ok());
  EXPECT_TRUE(statements_.CheckExecute("s", 2).ok());
  auto text = statements_.Bind("s", {"7", "'it\\'s'"});
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(text->find('?'), std::string::npos) << *text;
  EXPECT_NE(text->find("customer_id = 7"), std::string::npos) << *text;
  EXPECT_NE(text->find("email = 'it\\'s'"), std::string::npos) << *text;
  EXPECT_TRUE(parser_.Parse(*text).ok()) << *text;
  // Executing does not use the statement up.
  EXPECT_TRUE(statements_.Bind("s", {"8", "NULL"}).ok());
}

TEST_F(SqlPreparedStatementsTest, ASelectedPlaceholderIsAColumnNamedQuestionMark) {
  ASSERT_TRUE(statements_.Prepare("s", "SELECT ?, ? AS v, ? + 1 FROM t", parser_).ok());
  auto text = statements_.Bind("s", {"1", "2", "3"});
  ASSERT_TRUE(text.ok());
  auto reparsed = parser_.Parse(*text);
  ASSERT_TRUE(reparsed.ok()) << *text;
  const auto& items = reparsed.value()->As<ast::SelectStatement>().items;
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].alias, "?");
  EXPECT_EQ(items[1].alias, "v");
  EXPECT_EQ(items[2].alias, "");
}

TEST_F(SqlPreparedStatementsTest, NamesAreCaseInsensitive) {
  ASSERT_TRUE(statements_.Prepare("MyStmt", "SELECT ?", parser_).ok());
  EXPECT_TRUE(statements_.CheckExecute("mystmt", 1).ok());
  EXPECT_TRUE(statements_.Bind("MYSTMT", {"1"}).ok());
  EXPECT_TRUE(statements_.Deallocate("mySTMT").ok());
  EXPECT_EQ(statements_.size(), 0u);
}

TEST_F(SqlPreparedStatementsTest, UnknownNamesAreMariaDbsError1243) {
  Status execute = statements_.CheckExecute("Nope", 0);
  ASSERT_FALSE(execute.ok());
  EXPECT_EQ(execute.error().code, 1243);
  EXPECT_EQ(execute.error().sql_state, "HY000");
  EXPECT_EQ(execute.error().message, "Unknown prepared statement handler (Nope) given to EXECUTE");
  auto bound = statements_.Bind("nope", {});
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.error().code, 1243);
  Status deallocate = statements_.Deallocate("nope");
  ASSERT_FALSE(deallocate.ok());
  EXPECT_EQ(deallocate.error().code, 1243);
  EXPECT_EQ(deallocate.error().message,
            "Unknown prepared statement handler (nope) given to DEALLOCATE PREPARE");
}

TEST_F(SqlPreparedStatementsTest, AValueCountOtherThanThePlaceholdersIs1210) {
  ASSERT_TRUE(statements_.Prepare("s", "SELECT ?, ?", parser_).ok());
  for (size_t count : {0u, 1u, 3u}) {
    Status checked = statements_.CheckExecute("s", count);
    ASSERT_FALSE(checked.ok()) << count;
    EXPECT_EQ(checked.error().code, 1210);
    EXPECT_EQ(checked.error().sql_state, "HY000");
    EXPECT_EQ(checked.error().message, "Incorrect arguments to EXECUTE");
  }
  auto bound = statements_.Bind("s", {"1"});
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.error().code, 1210);
  ASSERT_TRUE(statements_.Prepare("none", "SELECT 1", parser_).ok());
  EXPECT_TRUE(statements_.CheckExecute("none", 0).ok());
  EXPECT_EQ(statements_.CheckExecute("none", 1).error().code, 1210);
}

TEST_F(SqlPreparedStatementsTest, RePrepareReplacesTheStatement) {
  ASSERT_TRUE(statements_.Prepare("s", "SELECT ?", parser_).ok());
  ASSERT_TRUE(statements_.Prepare("S", "SELECT ?, ?, 'x'", parser_).ok());
  EXPECT_EQ(statements_.size(), 1u);
  EXPECT_EQ(statements_.CheckExecute("s", 1).error().code, 1210);
  auto bound = statements_.Bind("s", {"1", "2"});
  ASSERT_TRUE(bound.ok());
  EXPECT_NE(bound->find("'x'"), std::string::npos) << *bound;
}

TEST_F(SqlPreparedStatementsTest, TextThatDoesNotParseIsRefusedAndDropsTheOldStatement) {
  ASSERT_TRUE(statements_.Prepare("s", "SELECT 1", parser_).ok());
  Status bad = statements_.Prepare("s", "SELEC 1", parser_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, 1064);
  EXPECT_EQ(bad.error().sql_state, "42000");
  // As in MariaDB, the statement of that name is gone.
  EXPECT_EQ(statements_.CheckExecute("s", 0).error().code, 1243);
  Status empty = statements_.Prepare("e", "", parser_);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, 1065);
  Status two = statements_.Prepare("e", "SELECT 1; SELECT 2", parser_);
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, 1064);
  EXPECT_EQ(statements_.size(), 0u);
}

TEST_F(SqlPreparedStatementsTest, PreparedStatementCommandsCannotBePrepared) {
  for (const char* text : {"PREPARE t FROM 'SELECT 1'", "EXECUTE t", "EXECUTE t USING 1",
                           "DEALLOCATE PREPARE t", "DROP PREPARE t"}) {
    Status refused = statements_.Prepare("s", text, parser_);
    ASSERT_FALSE(refused.ok()) << text;
    EXPECT_EQ(refused.error().code, 1295) << text;
    EXPECT_EQ(refused.error().sql_state, "HY000");
    EXPECT_EQ(refused.error().message,
              "This command is not supported in the prepared statement protocol yet");
  }
  EXPECT_EQ(statements_.size(), 0u);
}

TEST_F(SqlPreparedStatementsTest, TheNumberOfStatementsIsBounded) {
  SqlPreparedStatements statements(2);
  ASSERT_TRUE(statements.Prepare("a", "SELECT 1", parser_).ok());
  ASSERT_TRUE(statements.Prepare("b", "SELECT 2", parser_).ok());
  Status third = statements.Prepare("c", "SELECT 3", parser_);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, 1461);
  EXPECT_EQ(third.error().sql_state, "42000");
  EXPECT_EQ(third.error().message,
            "Can't create more than max_prepared_stmt_count statements (current value: 2)");
  // Replacing one is not a new one.
  EXPECT_TRUE(statements.Prepare("A", "SELECT 4", parser_).ok());
  ASSERT_TRUE(statements.Deallocate("b").ok());
  EXPECT_TRUE(statements.Prepare("c", "SELECT 3", parser_).ok());
}

TEST_F(SqlPreparedStatementsTest, PlaceholdersInSubqueriesAndLimitsCount) {
  ASSERT_TRUE(statements_
                  .Prepare("s",
                           "SELECT a FROM t WHERE b = (SELECT MAX(b) FROM u WHERE c = ?) "
                           "LIMIT ?",
                           parser_)
                  .ok());
  EXPECT_TRUE(statements_.CheckExecute("s", 2).ok());
  auto bound = statements_.Bind("s", {"'k'", "5"});
  ASSERT_TRUE(bound.ok());
  EXPECT_NE(bound->find("LIMIT 5"), std::string::npos) << *bound;
}

TEST(PreparedTextOf, IsTheVariablesValueAsAString) {
  sql::Parser parser;
  EXPECT_EQ(PreparedTextOf(std::string("'SELECT * FROM t WHERE id = ?'"), parser),
            "SELECT * FROM t WHERE id = ?");
  EXPECT_EQ(PreparedTextOf(std::string("'SELECT \\'it\\\\\\'s\\''"), parser), "SELECT 'it\\'s'");
  EXPECT_EQ(PreparedTextOf(std::string("X'53454C4543542031'"), parser), "SELECT 1");
  EXPECT_EQ(PreparedTextOf(std::string("42"), parser), "42");
  // Unset and NULL variables give "NULL": MariaDB's syntax error near 'NULL'.
  EXPECT_EQ(PreparedTextOf(std::nullopt, parser), "NULL");
  EXPECT_EQ(PreparedTextOf(std::string("NULL"), parser), "NULL");
  auto parsed = parser.Parse(PreparedTextOf(std::nullopt, parser));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, 1064);
  EXPECT_NE(parsed.error().message.find("near 'NULL'"), std::string::npos)
      << parsed.error().message;
}

TEST_F(SqlPreparedStatementsTest, ParameterLiteralsNeedNoEvaluation) {
  const std::map<std::string, std::string> user_variables = {{"id", "7"}, {"name", "'ann'"}};
  auto execute = ExecuteUsing("5, 'a''b', -3, +2.5, NULL, @id, @NAME, @unset");
  ASSERT_TRUE(execute);
  const auto& params = execute->As<ast::ExecuteStatement>().params;
  ASSERT_EQ(params.size(), 8u);
  std::vector<std::string> literals;
  for (const auto& param : params) {
    auto literal = ParameterLiteral(*param, user_variables);
    ASSERT_TRUE(literal);
    literals.push_back(*literal);
  }
  EXPECT_EQ(literals[0], "5");
  auto reparsed = parser_.Parse("SELECT " + literals[1]);
  ASSERT_TRUE(reparsed.ok()) << literals[1];
  EXPECT_EQ(reparsed.value()->As<ast::SelectStatement>().items[0].expr->As<ast::Literal>().text,
            "a'b");
  EXPECT_NE(literals[2].find("3"), std::string::npos);
  EXPECT_EQ(literals[2].front(), '-');
  EXPECT_EQ(literals[4], "NULL");
  EXPECT_EQ(literals[5], "7");
  EXPECT_EQ(literals[6], "'ann'");
  EXPECT_EQ(literals[7], "NULL");
}

TEST_F(SqlPreparedStatementsTest, OtherExpressionsAreLeftToTheCaller) {
  auto execute = ExecuteUsing("1 + 2, @@sql_mode, CONCAT('a', 'b'), -@id");
  ASSERT_TRUE(execute);
  for (const auto& param : execute->As<ast::ExecuteStatement>().params)
    EXPECT_FALSE(ParameterLiteral(*param, {})) << sql::FormatExpr(*param);
}

}  // namespace
}  // namespace tessera::vtgate
