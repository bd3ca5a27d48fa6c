// USE, SET, transactions, SHOW.
#include "sqlparser/format/sql_writer.h"

namespace tessera::sql::format {

namespace {
const char* ScopeWord(ast::VarScope s) {
  switch (s) {
    case ast::VarScope::kGlobal:
      return "GLOBAL ";
    case ast::VarScope::kSession:
      return "SESSION ";
    case ast::VarScope::kLocal:
      return "LOCAL ";
    default:
      return "";
  }
}

// Charset names in SET NAMES / SET CHARACTER SET are strings or DEFAULT.
void CharsetValue(SqlWriter& w, const ast::Expr& v) {
  if (v.kind() == ast::ExprKind::kLiteral) {
    w.Write(QuoteString(v.As<ast::Literal>().text));
  } else {
    w.Expr(v);
  }
}
}  // namespace

void SqlWriter::Session(const ast::Statement& stmt) {
  using S = ast::StatementKind;
  switch (stmt.kind()) {
    case S::kUse:
      out_ += "USE ";
      Ident(stmt.As<ast::UseStatement>().db);
      return;
    case S::kBegin: {
      const auto& b = stmt.As<ast::BeginStatement>();
      out_ += "START TRANSACTION";
      std::string sep = " ";
      if (b.consistent_snapshot) {
        out_ += sep + "WITH CONSISTENT SNAPSHOT";
        sep = ", ";
      }
      if (b.read_only) {
        out_ += sep + "READ ONLY";
        sep = ", ";
      }
      if (b.read_write) out_ += sep + "READ WRITE";
      return;
    }
    case S::kCommit:
      out_ += "COMMIT";
      return;
    case S::kRollback: {
      const auto& r = stmt.As<ast::RollbackStatement>();
      out_ += "ROLLBACK";
      if (!r.savepoint.empty()) {
        out_ += " TO SAVEPOINT ";
        Ident(r.savepoint);
      }
      return;
    }
    case S::kSet: {
      const auto& s = stmt.As<ast::SetStatement>();
      out_ += "SET ";
      if (!s.assignments.empty() && s.assignments[0].target == ast::SetTarget::kTransaction) {
        out_ += ScopeWord(s.assignments[0].scope);
        out_ += "TRANSACTION ";
        for (size_t i = 0; i < s.assignments.size(); ++i)
          out_ += (i ? ", " : "") + s.assignments[i].name;
        return;
      }
      for (size_t i = 0; i < s.assignments.size(); ++i) {
        if (i) out_ += ", ";
        const auto& a = s.assignments[i];
        switch (a.target) {
          case ast::SetTarget::kUserVar:
            UserVariable(a.name);
            out_ += " = ";
            Expr(*a.value);
            break;
          case ast::SetTarget::kSystemVar:
            out_ += ScopeWord(a.scope);
            Ident(a.name);
            out_ += " = ";
            Expr(*a.value);
            break;
          case ast::SetTarget::kNames:
            out_ += "NAMES ";
            CharsetValue(*this, *a.value);
            if (!a.collation.empty()) out_ += " COLLATE " + QuoteString(a.collation);
            break;
          case ast::SetTarget::kCharset:
            out_ += "CHARACTER SET ";
            CharsetValue(*this, *a.value);
            break;
          case ast::SetTarget::kTransaction:
            break;  // only as the whole statement
        }
      }
      return;
    }
    case S::kShow:
      Show(stmt.As<ast::ShowStatement>());
      return;
    case S::kOther:
      out_ += stmt.As<ast::OtherStatement>().text;
      return;
    default:
      return;
  }
}

void SqlWriter::Show(const ast::ShowStatement& s) {
  using K = ast::ShowKind;
  if (s.describe) {
    out_ += "DESCRIBE ";
    Table(s.table);
    if (s.has_like) out_ += ' ' + QuoteString(s.like);
    return;
  }
  out_ += "SHOW ";
  if (s.full) out_ += "FULL ";
  out_ += ScopeWord(s.scope);
  auto in_db = [&] {
    if (!s.db.empty()) {
      out_ += " FROM ";
      Ident(s.db);
    }
  };
  switch (s.what) {
    case K::kDatabases:
      out_ += "DATABASES";
      break;
    case K::kTables:
      out_ += "TABLES";
      in_db();
      break;
    case K::kTableStatus:
      out_ += "TABLE STATUS";
      in_db();
      break;
    case K::kColumns:
      out_ += "COLUMNS FROM ";
      Table(s.table);
      break;
    case K::kIndex:
      out_ += "INDEX FROM ";
      Table(s.table);
      break;
    case K::kCreateTable:
      out_ += "CREATE TABLE ";
      Table(s.table);
      break;
    case K::kCreateDatabase:
      out_ += "CREATE DATABASE ";
      if (!s.detail.empty()) out_ += s.detail + ' ';
      Ident(s.db);
      break;
    case K::kVariables:
      out_ += "VARIABLES";
      break;
    case K::kStatus:
      out_ += "STATUS";
      break;
    case K::kWarnings:
      out_ += "WARNINGS";
      break;
    case K::kErrors:
      out_ += "ERRORS";
      break;
    case K::kProcesslist:
      out_ += "PROCESSLIST";
      break;
    case K::kEngines:
      out_ += "ENGINES";
      break;
    case K::kCharset:
      out_ += "CHARACTER SET";
      break;
    case K::kCollation:
      out_ += "COLLATION";
      break;
    case K::kCreateView:
      out_ += "CREATE VIEW ";
      Table(s.table);
      break;
    case K::kCreateProcedure:
      out_ += "CREATE PROCEDURE ";
      Table(s.table);
      break;
    case K::kCreateFunction:
      out_ += "CREATE FUNCTION ";
      Table(s.table);
      break;
    case K::kGrants:
      out_ += "GRANTS";
      if (!s.detail.empty()) out_ += " FOR " + s.detail;
      break;
    case K::kTriggers:
      out_ += "TRIGGERS";
      in_db();
      break;
    case K::kEvents:
      out_ += "EVENTS";
      in_db();
      break;
    case K::kOpenTables:
      out_ += "OPEN TABLES";
      in_db();
      break;
    case K::kProcedureStatus:
      out_ += "PROCEDURE STATUS";
      break;
    case K::kFunctionStatus:
      out_ += "FUNCTION STATUS";
      break;
    case K::kPlugins:
      out_ += "PLUGINS";
      break;
    case K::kPrivileges:
      out_ += "PRIVILEGES";
      break;
    case K::kReplicationStatus:
      out_ += s.detail + " STATUS";
      break;
    case K::kBinaryLogs:
      out_ += "BINARY LOGS";
      break;
    case K::kWarningCount:
      out_ += "COUNT(*) WARNINGS";
      break;
    case K::kErrorCount:
      out_ += "COUNT(*) ERRORS";
      break;
    case K::kKeyspaces:
      out_ += "KEYSPACES";
      break;
    case K::kShards:
      out_ += "SHARDS";
      break;
    case K::kTablets:
      out_ += "TABLETS";
      break;
    case K::kBranches:
      out_ += "BRANCHES";
      break;
    case K::kVschemaTables:
      out_ += "VSCHEMA TABLES";
      break;
    case K::kMigrations:
      out_ += "MIGRATIONS";
      break;
    case K::kUnresolvedTransactions:
      out_ += "UNRESOLVED TRANSACTIONS";
      if (!s.db.empty()) {
        out_ += " FOR ";
        Ident(s.db);
      }
      break;
  }
  if (s.has_like) out_ += " LIKE " + QuoteString(s.like);
  if (s.where) {
    out_ += " WHERE ";
    Expr(*s.where);
  }
  Limit(s.limit);
}

}  // namespace tessera::sql::format
