// Public entry points of the formatter and statement dispatch.
#include "sqlparser/format.h"

#include "sqlparser/format/sql_writer.h"

namespace tessera::sql {

namespace format {
void SqlWriter::Statement(const ast::Statement& s) {
  using S = ast::StatementKind;
  switch (s.kind()) {
    case S::kSelect:
      Select(s.As<ast::SelectStatement>());
      return;
    case S::kUnion:
      Union(s.As<ast::UnionStatement>());
      return;
    case S::kInsert:
    case S::kReplace:
      Insert(s.As<ast::InsertStatement>());
      return;
    case S::kUpdate:
      Update(s.As<ast::UpdateStatement>());
      return;
    case S::kDelete:
      Delete(s.As<ast::DeleteStatement>());
      return;
    case S::kCreateTable:
    case S::kDropTable:
    case S::kAlterTable:
    case S::kCreateIndex:
    case S::kDropIndex:
    case S::kTruncateTable:
    case S::kRenameTable:
    case S::kCreateDatabase:
    case S::kDropDatabase:
    case S::kAlterDatabase:
      Ddl(s);
      return;
    case S::kUse:
    case S::kSet:
    case S::kBegin:
    case S::kCommit:
    case S::kRollback:
    case S::kShow:
    case S::kOther:
      Session(s);
      return;
    default:
      Admin(s);
      return;
  }
}
void SqlWriter::Tables(const std::vector<ast::TableName>& tables) {
  for (size_t i = 0; i < tables.size(); ++i) {
    if (i) out_ += ", ";
    Table(tables[i]);
  }
}
}  // namespace format

std::string Format(const ast::Statement& stmt, const FormatOptions& options) {
  format::SqlWriter w(options);
  w.Statement(stmt);
  return std::move(w.out());
}

std::string Format(const ast::Statement& stmt) {
  return Format(stmt, FormatOptions{});
}

std::string FormatExpr(const ast::Expr& expr, const FormatOptions& options) {
  format::SqlWriter w(options);
  w.Expr(expr);
  return std::move(w.out());
}

std::string FormatExpr(const ast::Expr& expr) {
  return FormatExpr(expr, FormatOptions{});
}

}  // namespace tessera::sql
