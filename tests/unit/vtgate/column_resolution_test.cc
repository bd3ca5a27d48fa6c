// Column resolution for joins vtgate runs itself: unqualified columns get the
// alias of the one table that has them, with MySQL's errors otherwise.
#include "vtgate/planner/column_resolution.h"

#include <gtest/gtest.h>

#include "sqlparser/format.h"
#include "sqlparser/parser.h"

namespace tessera::vtgate {
namespace {

namespace ast = sql::ast;

KnownColumns Columns(std::vector<std::string> names, bool complete = true) {
  return {std::make_shared<const std::vector<std::string>>(std::move(names)), complete};
}

class ColumnResolutionTest : public ::testing::Test {
 protected:
  // customer c (id, name), orders o (id, customer_id, total), country k
  // (name, code) unless a test changes them.
  std::vector<JoinedTable> tables_ = {
      {"c", Columns({"id", "name"})},
      {"o", Columns({"id", "customer_id", "total"})},
      {"k", Columns({"name", "code"})},
  };

  // The statement with its columns qualified, or "ERROR <code> (<state>): <message>".
  std::string Qualify(const std::string& sql, std::vector<OnScope> ons = {}) {
    auto stmt = parser_.Parse(sql);
    if (!stmt.ok()) return "PARSE ERROR " + stmt.error().message;
    auto& select = (*stmt)->As<ast::SelectStatement>();
    if (ons.empty()) CollectOns(select, ons);
    Status s = QualifyColumns(select, TablesOf(select), ons, " in a test");
    if (!s.ok()) {
      return "ERROR " + std::to_string(s.error().code) + " (" + s.error().sql_state +
             "): " + s.error().message;
    }
    return sql::Format(**stmt);
  }

  // The tables of tables_ a left-deep FROM names, in its order.
  std::vector<JoinedTable> TablesOf(ast::SelectStatement& select) const {
    std::vector<std::string> aliases;
    ast::TableRef* ref = select.from.empty() ? nullptr : select.from.front().get();
    while (ref != nullptr && ref->kind() == ast::TableRefKind::kJoin) {
      auto& join = ref->As<ast::JoinTableRef>();
      aliases.insert(aliases.begin(), join.right->As<ast::AliasedTable>().alias);
      ref = join.left.get();
    }
    if (ref != nullptr) aliases.insert(aliases.begin(), ref->As<ast::AliasedTable>().alias);
    std::vector<JoinedTable> out;
    for (const auto& alias : aliases)
      for (const auto& table : tables_)
        if (table.alias == alias) out.push_back(table);
    return out;
  }

  // The ON conditions of a left-deep FROM of plain tables, seeing every
  // table up to their own.
  static void CollectOns(ast::SelectStatement& select, std::vector<OnScope>& ons) {
    std::vector<ast::Expr*> found;
    ast::TableRef* ref = select.from.empty() ? nullptr : select.from.front().get();
    while (ref != nullptr && ref->kind() == ast::TableRefKind::kJoin) {
      auto& join = ref->As<ast::JoinTableRef>();
      found.insert(found.begin(), join.on.get());
      ref = join.left.get();
    }
    for (size_t i = 0; i < found.size(); ++i) ons.push_back({found[i], 0, i + 1});
  }

  sql::Parser parser_;
};

TEST_F(ColumnResolutionTest, ResolvesToTheOneTableThatHasTheColumn) {
  EXPECT_EQ(Qualify("select name, total from customer c join orders o on c.id = customer_id"),
            "SELECT c.name, o.total FROM customer AS c JOIN orders AS o ON c.id = o.customer_id");
}

TEST_F(ColumnResolutionTest, ColumnNamesCompareCaseInsensitively) {
  EXPECT_EQ(Qualify("select NAME, Total from customer c join orders o on c.id = o.customer_id"),
            "SELECT c.NAME, o.Total FROM customer AS c JOIN orders AS o ON c.id = o.customer_id");
}

TEST_F(ColumnResolutionTest, AmbiguousColumnIsRefusedWithMySqlsMessagePerClause) {
  EXPECT_EQ(Qualify("select id from customer c join orders o on c.id = o.customer_id"),
            "ERROR 1052 (23000): Column 'id' in field list is ambiguous");
  EXPECT_EQ(Qualify("select c.name from customer c join orders o on c.id = o.customer_id where "
                    "id = 3"),
            "ERROR 1052 (23000): Column 'id' in where clause is ambiguous");
  EXPECT_EQ(Qualify("select c.name from customer c join orders o on id = o.customer_id"),
            "ERROR 1052 (23000): Column 'id' in on clause is ambiguous");
  EXPECT_EQ(Qualify("select c.name from customer c join orders o on c.id = o.customer_id order "
                    "by id"),
            "ERROR 1052 (23000): Column 'id' in order clause is ambiguous");
  EXPECT_EQ(Qualify("select count(*) from customer c join orders o on c.id = o.customer_id "
                    "group by id"),
            "ERROR 1052 (23000): Column 'id' in group statement is ambiguous");
}

TEST_F(ColumnResolutionTest, UnknownColumnIsRefusedWithMySqlsMessagePerClause) {
  EXPECT_EQ(Qualify("select nope from customer c join orders o on c.id = o.customer_id"),
            "ERROR 1054 (42S22): Unknown column 'nope' in 'field list'");
  EXPECT_EQ(Qualify("select c.name from customer c join orders o on c.id = o.customer_id where "
                    "nope = 1"),
            "ERROR 1054 (42S22): Unknown column 'nope' in 'where clause'");
  EXPECT_EQ(Qualify("select c.name from customer c join orders o on c.id = nope"),
            "ERROR 1054 (42S22): Unknown column 'nope' in 'on clause'");
}

TEST_F(ColumnResolutionTest, ErrorsComeInMySqlsClauseOrder) {
  // The select list is resolved before WHERE, WHERE before ON.
  EXPECT_EQ(Qualify("select nope from customer c join orders o on id = 1 where id = 2"),
            "ERROR 1054 (42S22): Unknown column 'nope' in 'field list'");
  EXPECT_EQ(Qualify("select c.name from customer c join orders o on nope = 1 where id = 2"),
            "ERROR 1052 (23000): Column 'id' in where clause is ambiguous");
}

TEST_F(ColumnResolutionTest, AnOnConditionSeesOnlyTheTablesOfItsJoin) {
  // `k JOIN o ON ...` after a comma cannot see c: name is k's alone there.
  const JoinedTable c = tables_[0], o = tables_[1], k = tables_[2];
  tables_ = {c, k, o};
  auto stmt = parser_.Parse(
      "select c.id from customer c, country k join orders o on name = total and code = 'x'");
  ASSERT_TRUE(stmt.ok());
  auto& select = (*stmt)->As<ast::SelectStatement>();
  auto& join = select.from[1]->As<ast::JoinTableRef>();
  Status s = QualifyColumns(select, tables_, {{join.on.get(), 1, 2}}, "");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(sql::FormatExpr(*join.on), "k.name = o.total AND k.code = 'x'");

  // Nor c's id next to o's.
  tables_ = {c, o, k};
  auto other = parser_.Parse("select c.name from customer c, orders o join country k on id = 1");
  ASSERT_TRUE(other.ok());
  auto& other_select = (*other)->As<ast::SelectStatement>();
  auto& other_join = other_select.from[1]->As<ast::JoinTableRef>();
  s = QualifyColumns(other_select, tables_, {{other_join.on.get(), 1, 2}}, "");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(sql::FormatExpr(*other_join.on), "o.id = 1");
}

TEST_F(ColumnResolutionTest, OrderByAndHavingPreferTheSelectList) {
  // An alias is the item's; a plain column item lends its table.
  EXPECT_EQ(Qualify("select c.name as id from customer c join orders o on c.id = o.customer_id "
                    "order by id"),
            "SELECT c.name AS id FROM customer AS c JOIN orders AS o ON c.id = o.customer_id "
            "ORDER BY id");
  EXPECT_EQ(Qualify("select k.name from customer c join country k on c.id = k.code order by name"),
            "SELECT k.name FROM customer AS c JOIN country AS k ON c.id = k.code ORDER BY k.name");
  EXPECT_EQ(Qualify("select c.name, count(*) from customer c join country k on c.id = k.code "
                    "group by c.name having name > 'a'"),
            "SELECT c.name, count(*) FROM customer AS c JOIN country AS k ON c.id = k.code GROUP "
            "BY c.name HAVING c.name > 'a'");
  // Two plain column items of that name: ambiguous, as in MySQL.
  EXPECT_EQ(Qualify("select c.name, k.name from customer c join country k on c.id = k.code order "
                    "by name"),
            "ERROR 1052 (23000): Column 'name' in order clause is ambiguous");
}

TEST_F(ColumnResolutionTest, GroupByAliasIsLeftToThePlanner) {
  EXPECT_EQ(Qualify("select total as t, count(*) from customer c join orders o on c.id = "
                    "o.customer_id group by t"),
            "SELECT o.total AS t, count(*) FROM customer AS c JOIN orders AS o ON c.id = "
            "o.customer_id GROUP BY t");
}

TEST_F(ColumnResolutionTest, ExpressionsKeepTheirWrittenTextAsTheirName) {
  EXPECT_EQ(Qualify("select total * 2, name from customer c join orders o on c.id = "
                    "o.customer_id"),
            "SELECT o.total * 2 AS `total * 2`, c.name FROM customer AS c JOIN orders AS o ON "
            "c.id = o.customer_id");
}

TEST_F(ColumnResolutionTest, UnknownColumnListsKeepTheQualifierRefusal) {
  tables_[1].columns = KnownColumns{};  // orders: nothing known
  EXPECT_EQ(Qualify("select name from customer c join orders o on c.id = o.customer_id"),
            "ERROR 1235 (42000): unsupported: column `name` without a table qualifier (write "
            "table.column) in a test");
  // Known to be in two tables: ambiguous whatever the unknown table has.
  tables_[1].columns = Columns({"id"}, /*complete=*/false);
  EXPECT_EQ(Qualify("select name from customer c join country k on c.id = k.code"),
            "ERROR 1052 (23000): Column 'name' in field list is ambiguous");
  // A partial list that names the column is not enough while another table
  // might have it too.
  EXPECT_EQ(Qualify("select id from customer c join orders o on c.id = o.customer_id"),
            "ERROR 1052 (23000): Column 'id' in field list is ambiguous");
  EXPECT_EQ(Qualify("select total from customer c join orders o on c.id = o.customer_id"),
            "ERROR 1235 (42000): unsupported: column `total` without a table qualifier (write "
            "table.column) in a test");
}

TEST_F(ColumnResolutionTest, PartialListsResolveWhenEveryOtherListIsComplete) {
  tables_[1].columns = Columns({"total"}, /*complete=*/false);
  EXPECT_EQ(Qualify("select total from customer c join orders o on c.id = o.customer_id"),
            "SELECT o.total FROM customer AS c JOIN orders AS o ON c.id = o.customer_id");
}

TEST(ResolveUnqualifiedColumn, LooksOnlyAtTheGivenRange) {
  std::vector<JoinedTable> tables = {{"a", Columns({"x"})}, {"b", Columns({"x"})}};
  auto only_b = ResolveUnqualifiedColumn("x", tables, 1, 1, "on clause", "");
  ASSERT_TRUE(only_b.ok());
  EXPECT_EQ(*only_b, 1u);
  auto both = ResolveUnqualifiedColumn("X", tables, 0, 1, "field list", "");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().code, 1052);
  EXPECT_EQ(both.error().message, "Column 'X' in field list is ambiguous");
}

}  // namespace
}  // namespace tessera::vtgate
