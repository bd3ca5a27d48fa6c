// Shapes of the AST the parser builds, walkers, and formatting options.
#include <gtest/gtest.h>

#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "sqlparser/parser.h"

namespace tessera::sql {
namespace {

using namespace ast;

std::unique_ptr<Statement> MustParse(Parser& p, std::string_view sql) {
  auto r = p.Parse(sql);
  EXPECT_TRUE(r.ok()) << sql << ": " << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? std::move(r).value() : nullptr;
}

TEST(AstShape, WhereConjunctsOfAPointSelect) {
  Parser p;
  auto stmt = MustParse(p, "SELECT c FROM ks.sbtest1 WHERE id = 5 AND k IN (1, 2, ?) AND c = 'x'");
  ASSERT_EQ(stmt->kind(), StatementKind::kSelect);
  auto& sel = stmt->As<SelectStatement>();
  ASSERT_EQ(sel.from.size(), 1u);
  ASSERT_EQ(sel.from[0]->kind(), TableRefKind::kTable);
  EXPECT_EQ(sel.from[0]->As<AliasedTable>().name, (TableName{"ks", "sbtest1"}));

  auto terms = SplitConjuncts(sel.where.get());
  ASSERT_EQ(terms.size(), 3u);
  ASSERT_EQ(terms[0]->kind(), ExprKind::kBinary);
  const auto& eq = terms[0]->As<BinaryExpr>();
  EXPECT_EQ(eq.op, BinaryOp::kEq);
  ASSERT_EQ(eq.left->kind(), ExprKind::kColumn);
  EXPECT_EQ(eq.left->As<ColumnRef>().name, "id");
  ASSERT_EQ(eq.right->kind(), ExprKind::kLiteral);
  EXPECT_EQ(eq.right->As<Literal>().type, LiteralKind::kInt);
  EXPECT_EQ(eq.right->As<Literal>().text, "5");

  ASSERT_EQ(terms[1]->kind(), ExprKind::kIn);
  const auto& in = terms[1]->As<InExpr>();
  EXPECT_FALSE(in.negated);
  ASSERT_EQ(in.list.size(), 3u);
  EXPECT_EQ(in.list[2]->kind(), ExprKind::kPlaceholder);

  const auto& c = terms[2]->As<BinaryExpr>();
  EXPECT_EQ(c.right->As<Literal>().type, LiteralKind::kString);
  EXPECT_EQ(c.right->As<Literal>().text, "x");
}

TEST(AstShape, PlaceholdersAreNumberedInTextOrder) {
  Parser p;
  auto stmt = MustParse(p, "SELECT ? FROM t WHERE a = ? AND b BETWEEN ? AND ? LIMIT ?");
  std::vector<int> seen;
  ForEachExpr(*stmt, [&](Expr& e) {
    if (e.kind() == ExprKind::kPlaceholder) seen.push_back(e.As<Placeholder>().index);
  });
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(AstShape, InsertRowsAndOnDuplicate) {
  Parser p;
  auto stmt = MustParse(
      p, "INSERT INTO t (a, b) VALUES (1, 'x'), (2, NULL) ON DUPLICATE KEY UPDATE b = VALUES(b)");
  ASSERT_EQ(stmt->kind(), StatementKind::kInsert);
  auto& ins = stmt->As<InsertStatement>();
  EXPECT_EQ(ins.table.name, "t");
  EXPECT_EQ(ins.columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(ins.rows.size(), 2u);
  ASSERT_EQ(ins.rows[1].size(), 2u);
  EXPECT_EQ(ins.rows[1][1]->As<Literal>().type, LiteralKind::kNull);
  ASSERT_EQ(ins.on_duplicate.size(), 1u);
  EXPECT_EQ(ins.on_duplicate[0].column.name, "b");
  EXPECT_EQ(ins.on_duplicate[0].value->kind(), ExprKind::kValues);

  auto rep = MustParse(p, "REPLACE INTO t VALUES (1)");
  EXPECT_EQ(rep->kind(), StatementKind::kReplace);
}

TEST(AstShape, UpdateAndDelete) {
  Parser p;
  auto up = MustParse(p, "UPDATE sbtest1 SET k = k + 1 WHERE id = ? LIMIT 1");
  auto& u = up->As<UpdateStatement>();
  ASSERT_EQ(u.assignments.size(), 1u);
  EXPECT_EQ(u.assignments[0].column.name, "k");
  EXPECT_EQ(u.assignments[0].value->As<BinaryExpr>().op, BinaryOp::kAdd);
  ASSERT_TRUE(u.limit.count);
  auto del = MustParse(p, "DELETE FROM ks.sbtest1 WHERE id = 7");
  auto& d = del->As<DeleteStatement>();
  EXPECT_TRUE(d.targets.empty());
  EXPECT_EQ(d.from[0]->As<AliasedTable>().name.qualifier, "ks");
}

TEST(AstShape, CreateTableModel) {
  Parser p;
  auto stmt = MustParse(
      p,
      "CREATE TABLE sbtest1(id INTEGER NOT NULL AUTO_INCREMENT, k INTEGER DEFAULT '0' NOT NULL, "
      "c CHAR(120) DEFAULT '' NOT NULL, price DECIMAL(10,2) UNSIGNED, PRIMARY KEY (id), "
      "INDEX k_1(k)) /*! ENGINE = innodb */");
  auto& ct = stmt->As<CreateTableStatement>();
  ASSERT_EQ(ct.columns.size(), 4u);
  EXPECT_EQ(ct.columns[0].type.name, "INTEGER");
  EXPECT_EQ(ct.columns[0].nullable, std::optional<bool>(false));
  EXPECT_TRUE(ct.columns[0].auto_increment);
  EXPECT_EQ(ct.columns[2].type.name, "CHAR");
  EXPECT_EQ(ct.columns[2].type.length, std::optional<uint32_t>(120));
  EXPECT_EQ(ct.columns[3].type.scale, std::optional<uint32_t>(2));
  EXPECT_TRUE(ct.columns[3].type.is_unsigned);
  ASSERT_EQ(ct.indexes.size(), 2u);
  EXPECT_EQ(ct.indexes[0].kind, IndexKind::kPrimary);
  EXPECT_EQ(ct.indexes[1].name, "k_1");
  EXPECT_EQ(ct.indexes[1].columns[0].name, "k");
  ASSERT_EQ(ct.options.size(), 1u);
  EXPECT_EQ(ct.options[0].name, "ENGINE");
  EXPECT_EQ(ct.options[0].value, "innodb");
}

TEST(AstRewrite, DropTableQualifiers) {
  Parser p;
  auto stmt = MustParse(
      p, "SELECT ks.t.a FROM ks.t JOIN ks.u ON t.id = u.id WHERE a IN (SELECT b FROM ks.v)");
  int tables = 0;
  ForEachTableName(*stmt, [&](TableName& t) {
    ++tables;
    t.qualifier.clear();
  });
  ForEachColumn(*stmt, [](ColumnRef& c) { c.table.qualifier.clear(); });
  EXPECT_EQ(tables, 3);
  EXPECT_EQ(Format(*stmt), "SELECT t.a FROM t JOIN u ON t.id = u.id WHERE a IN (SELECT b FROM v)");

  auto again = MustParse(p, "SELECT a FROM ks.t");
  FormatOptions opts;
  opts.strip_qualifiers = true;
  EXPECT_EQ(Format(*again, opts), "SELECT a FROM t");
}

TEST(AstFormat, BindVariablesResolvedByCaller) {
  Parser p;
  auto stmt = MustParse(p, "SELECT c FROM t WHERE id = :v1 AND k = ?");
  FormatOptions opts;
  opts.bind_var = [](const BindVar& b) {
    return b.name == "v1" ? std::string("42") : std::string("NULL");
  };
  opts.placeholder = [](const Placeholder&) { return std::string("'o\\'k'"); };
  EXPECT_EQ(Format(*stmt, opts), "SELECT c FROM t WHERE id = 42 AND k = 'o\\'k'");
  EXPECT_EQ(Format(*stmt), "SELECT c FROM t WHERE id = :v1 AND k = ?");
}

TEST(AstFormat, QuantifiedComparisonsAreSpacedOnce) {
  Parser p;
  auto stmt =
      MustParse(p, "select a from t where a>all(select b from u) or a<=some (select c from v)");
  EXPECT_EQ(Format(*stmt),
            "SELECT a FROM t WHERE a > ALL (SELECT b FROM u) OR a <= SOME (SELECT c FROM v)");
}

TEST(AstShape, StringLiteralsAreUnescaped) {
  Parser p;
  auto stmt = MustParse(p, "SELECT 'a\\nb', \"q\"\"q\", 'x''y', X'0A'");
  auto& sel = stmt->As<SelectStatement>();
  EXPECT_EQ(sel.items[0].expr->As<Literal>().text, "a\nb");
  EXPECT_EQ(sel.items[1].expr->As<Literal>().text, "q\"q");
  EXPECT_EQ(sel.items[2].expr->As<Literal>().text, "x'y");
  EXPECT_EQ(sel.items[3].expr->As<Literal>().type, LiteralKind::kHexString);
  EXPECT_EQ(sel.items[3].expr->As<Literal>().text, "0A");
}

TEST(AstShape, SessionStatements) {
  Parser p;
  auto set = MustParse(p, "SET NAMES utf8mb4, autocommit = 0, @@global.x = 1");
  auto& s = set->As<SetStatement>();
  ASSERT_EQ(s.assignments.size(), 3u);
  EXPECT_EQ(s.assignments[0].target, SetTarget::kNames);
  EXPECT_EQ(s.assignments[1].name, "autocommit");
  EXPECT_EQ(s.assignments[2].scope, VarScope::kGlobal);
  EXPECT_EQ(MustParse(p, "USE ks")->As<UseStatement>().db, "ks");
  EXPECT_EQ(MustParse(p, "start transaction")->kind(), StatementKind::kBegin);
  auto show = MustParse(p, "SHOW TABLES FROM ks LIKE 'a%'");
  EXPECT_EQ(show->As<ShowStatement>().what, ShowKind::kTables);
  EXPECT_EQ(show->As<ShowStatement>().db, "ks");
  EXPECT_EQ(show->As<ShowStatement>().like, "a%");
}

}  // namespace
}  // namespace tessera::sql
