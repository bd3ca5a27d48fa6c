// SqlWriter: appends the SQL text of AST nodes to a string. Internal to
// sqlparser/format/; one format_*.cc file per statement family.
#pragma once

#include <string>
#include <vector>

#include "sqlparser/ast/ast.h"
#include "sqlparser/format.h"

namespace tessera::sql::format {

// Binding strength of expression forms, higher binds tighter (MySQL order).
enum Precedence : int {
  kPrecOr = 1,
  kPrecXor,
  kPrecAnd,
  kPrecNot,
  kPrecCompare,  // = <=> <> < IS LIKE IN BETWEEN REGEXP
  kPrecBitOr,
  kPrecBitAnd,
  kPrecShift,
  kPrecAdd,
  kPrecMul,
  kPrecBitXor,
  kPrecUnary,  // - ~ ! BINARY
  kPrecCollate,
  kPrecAtom,
};

class SqlWriter {
 public:
  explicit SqlWriter(const FormatOptions& options) : options_(options) {}

  std::string& out() { return out_; }
  void Write(std::string_view s) { out_.append(s); }
  void Ident(std::string_view name) { out_ += QuoteIdentifier(name); }
  // A user variable: `@name`, quoted as needed; the empty name as @''.
  void UserVariable(std::string_view name) {
    out_ += '@';
    if (name.empty()) {
      out_ += "''";
    } else {
      Ident(name);
    }
  }
  void Table(const ast::TableName& t);
  void Tables(const std::vector<ast::TableName>& tables);  // comma-separated
  void IdentList(const std::vector<std::string>& names);

  // format_expr.cc: writes `e`, parenthesised when it binds looser than `min_prec`.
  void Expr(const ast::Expr& e, int min_prec = 0);
  void Exprs(const std::vector<ast::ExprPtr>& list);
  void Window(const ast::WindowSpec& w);  // the inside of OVER (...) / WINDOW w AS (...)

  // format.cc
  void Statement(const ast::Statement& s);

  // format_select.cc
  void Select(const ast::SelectStatement& s);
  void Union(const ast::UnionStatement& s);
  void Query(const ast::Statement& s);  // Select or Union, parenthesised as a part
  void TableRef(const ast::TableRef& t);
  void TableRefs(const std::vector<ast::TableRefPtr>& refs);
  void OrderBy(const std::vector<ast::OrderItem>& items);
  void Limit(const ast::Limit& limit);
  void Lock(ast::LockMode lock, const std::string& wait);
  void SelectItems(const std::vector<ast::SelectItem>& items);

  // format_dml.cc
  void Insert(const ast::InsertStatement& s);
  void Update(const ast::UpdateStatement& s);
  void Delete(const ast::DeleteStatement& s);
  void Assignments(const std::vector<ast::Assignment>& list);

  // format_ddl.cc
  void CreateTable(const ast::CreateTableStatement& s);
  void Column(const ast::ColumnDef& c);
  void Index(const ast::IndexDef& i);
  void Ddl(const ast::Statement& s);  // the other DDL statements

  // format_session.cc
  void Session(const ast::Statement& s);
  void Show(const ast::ShowStatement& s);

  // format_admin.cc
  void Admin(const ast::Statement& s);

 private:
  static int PrecedenceOf(const ast::Expr& e);
  void ExprBody(const ast::Expr& e);
  void SpecialCallArgs(const ast::FuncCall& f);

  const FormatOptions& options_;
  std::string out_;
};

}  // namespace tessera::sql::format
