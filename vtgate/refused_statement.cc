#include "vtgate/refused_statement.h"

#include <string>

#include "sqlparser/ast/walk.h"

namespace tessera::vtgate {

namespace ast = sql::ast;

std::optional<Error> RefusalOf(ast::Statement& stmt) {
  auto refuse = [](const std::string& what) {
    return std::optional(Error::Make(mysql_errno::kNotSupportedYet, "unsupported: " + what));
  };
  // User variables live in vtgate; an assignment inside a statement would
  // happen on a shard's pooled connection instead.
  bool assigns = false;
  if (stmt.kind() != ast::StatementKind::kSet) {
    ast::ForEachExpr(stmt, [&assigns](ast::Expr& e) {
      if (e.kind() == ast::ExprKind::kAssign) assigns = true;
    });
  }
  if (assigns) return refuse("assigning a user variable inside a statement (@x := ...); use SET");
  switch (stmt.kind()) {
    case ast::StatementKind::kLockTables:
      return refuse(
          "LOCK TABLES (shard connections are pooled; for mariadb-dump use --single-transaction)");
    case ast::StatementKind::kCreateView:
    case ast::StatementKind::kAlterView:
    case ast::StatementKind::kDropView:
      return refuse("views (a view's rows would be computed on each shard separately)");
    case ast::StatementKind::kCall:
      return refuse("CALL (stored procedures run on one MariaDB and are not routed)");
    case ast::StatementKind::kTableMaintenance:
      return refuse(stmt.As<ast::TableMaintenanceStatement>().verb +
                    " TABLE (run it on the shards' MariaDB servers)");
    case ast::StatementKind::kFlush:
      return refuse("FLUSH (it acts on one MariaDB server; run it on the shards)");
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kReplace:
      if (!stmt.As<ast::InsertStatement>().returning.empty()) return refuse("INSERT ... RETURNING");
      return std::nullopt;
    case ast::StatementKind::kDelete:
      if (!stmt.As<ast::DeleteStatement>().returning.empty()) return refuse("DELETE ... RETURNING");
      return std::nullopt;
    case ast::StatementKind::kCreateTable:
      if (stmt.As<ast::CreateTableStatement>().select)
        return refuse("CREATE TABLE ... SELECT (create the table, then INSERT ... SELECT)");
      return std::nullopt;
    case ast::StatementKind::kShow:
      switch (stmt.As<ast::ShowStatement>().what) {
        case ast::ShowKind::kGrants:
        case ast::ShowKind::kPrivileges:
          return refuse(
              "SHOW GRANTS/PRIVILEGES (vtgate users are configured in the cluster config)");
        case ast::ShowKind::kReplicationStatus:
        case ast::ShowKind::kBinaryLogs:
          return refuse("SHOW of replication state (use SHOW TABLETS)");
        default:
          return std::nullopt;
      }
    default:
      return std::nullopt;
  }
}

}  // namespace tessera::vtgate
