// Views, routines, EXPLAIN, table maintenance, FLUSH, KILL, table locks,
// savepoints, SQL-level prepared statements, and Tessera's own statements.
#include "sqlparser/format/sql_writer.h"

namespace tessera::sql::format {

namespace {

void View(SqlWriter& w, const ast::CreateViewStatement& v) {
  w.Write(v.alter ? "ALTER " : "CREATE ");
  if (v.or_replace) w.Write("OR REPLACE ");
  if (!v.algorithm.empty()) w.Write("ALGORITHM=" + v.algorithm + " ");
  if (!v.definer.empty()) w.Write("DEFINER=" + v.definer + " ");
  if (!v.security.empty()) w.Write("SQL SECURITY " + v.security + " ");
  w.Write("VIEW ");
  if (v.if_not_exists) w.Write("IF NOT EXISTS ");
  w.Table(v.name);
  if (!v.columns.empty()) {
    w.Write(" (");
    w.IdentList(v.columns);
    w.Write(")");
  }
  w.Write(" AS ");
  w.Query(*v.select);
  if (v.check_option) {
    w.Write(" WITH ");
    if (!v.check_scope.empty()) w.Write(v.check_scope + " ");
    w.Write("CHECK OPTION");
  }
}

void Flush(SqlWriter& w, const ast::FlushStatement& f) {
  w.Write(f.no_write_to_binlog ? "FLUSH NO_WRITE_TO_BINLOG " : "FLUSH ");
  for (size_t i = 0; i < f.options.size(); ++i) {
    if (i) w.Write(", ");
    const auto& o = f.options[i];
    if (!o.tables) {
      w.Write(o.words);
      continue;
    }
    w.Write("TABLES");
    if (!o.names.empty()) {
      w.Write(" ");
      w.Tables(o.names);
    }
    if (!o.lock.empty()) w.Write(" " + o.lock);
  }
}

}  // namespace

void SqlWriter::Admin(const ast::Statement& stmt) {
  using S = ast::StatementKind;
  switch (stmt.kind()) {
    case S::kCreateView:
    case S::kAlterView:
      View(*this, stmt.As<ast::CreateViewStatement>());
      return;
    case S::kDropView: {
      const auto& s = stmt.As<ast::DropViewStatement>();
      out_ += s.if_exists ? "DROP VIEW IF EXISTS " : "DROP VIEW ";
      Tables(s.views);
      return;
    }
    case S::kCall: {
      const auto& s = stmt.As<ast::CallStatement>();
      out_ += "CALL ";
      Table(s.procedure);
      out_ += '(';
      Exprs(s.args);
      out_ += ')';
      return;
    }
    case S::kDo:
      out_ += "DO ";
      Exprs(stmt.As<ast::DoStatement>().exprs);
      return;
    case S::kExplain: {
      const auto& s = stmt.As<ast::ExplainStatement>();
      out_ += "EXPLAIN ";
      if (!s.option.empty()) out_ += s.option + ' ';
      Statement(*s.statement);
      return;
    }
    case S::kTableMaintenance: {
      const auto& s = stmt.As<ast::TableMaintenanceStatement>();
      out_ += s.verb;
      if (s.no_write_to_binlog) out_ += " NO_WRITE_TO_BINLOG";
      out_ += " TABLE ";
      Tables(s.tables);
      for (const auto& o : s.options) out_ += ' ' + o;
      return;
    }
    case S::kFlush:
      Flush(*this, stmt.As<ast::FlushStatement>());
      return;
    case S::kKill: {
      const auto& s = stmt.As<ast::KillStatement>();
      out_ += "KILL ";
      if (!s.modifier.empty()) out_ += s.modifier + ' ';
      out_ += s.query ? "QUERY " : "CONNECTION ";
      Expr(*s.id);
      return;
    }
    case S::kLockTables: {
      const auto& s = stmt.As<ast::LockTablesStatement>();
      out_ += "LOCK TABLES ";
      for (size_t i = 0; i < s.items.size(); ++i) {
        if (i) out_ += ", ";
        Table(s.items[i].table);
        if (!s.items[i].alias.empty()) {
          out_ += " AS ";
          Ident(s.items[i].alias);
        }
        out_ += ' ' + s.items[i].mode;
      }
      if (!s.wait.empty()) out_ += ' ' + s.wait;
      return;
    }
    case S::kUnlockTables:
      out_ += "UNLOCK TABLES";
      return;
    case S::kSavepoint: {
      const auto& s = stmt.As<ast::SavepointStatement>();
      out_ += s.release ? "RELEASE SAVEPOINT " : "SAVEPOINT ";
      Ident(s.name);
      return;
    }
    case S::kPrepare: {
      const auto& s = stmt.As<ast::PrepareStatement>();
      out_ += "PREPARE ";
      Ident(s.name);
      out_ += " FROM ";
      if (s.variable.empty()) {
        out_ += QuoteString(s.text);
      } else {
        UserVariable(s.variable);
      }
      return;
    }
    case S::kExecute: {
      const auto& s = stmt.As<ast::ExecuteStatement>();
      out_ += "EXECUTE ";
      Ident(s.name);
      if (!s.params.empty()) {
        out_ += " USING ";
        Exprs(s.params);
      }
      return;
    }
    case S::kDeallocate:
      out_ += "DEALLOCATE PREPARE ";
      Ident(stmt.As<ast::DeallocateStatement>().name);
      return;
    case S::kAlterMigration: {
      const auto& s = stmt.As<ast::AlterMigrationStatement>();
      out_ += "ALTER MIGRATION " + QuoteString(s.uuid) + ' ' + s.action;
      if (!s.ratio.empty()) out_ += " RATIO " + s.ratio;
      return;
    }
    case S::kRevertMigration:
      out_ += "REVERT MIGRATION " + QuoteString(stmt.As<ast::RevertMigrationStatement>().uuid);
      return;
    case S::kVexplain:
      out_ += "VEXPLAIN PLAN ";
      Statement(*stmt.As<ast::VexplainStatement>().statement);
      return;
    default:
      return;
  }
}

}  // namespace tessera::sql::format
