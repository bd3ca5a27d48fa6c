#include "vtgate/admin_statement.h"

#include "common/ascii.h"
#include "sqlparser/format.h"

namespace tessera::vtgate {

namespace ast = sql::ast;

Result<std::optional<AdminStatement>> AdminStatementOf(const ast::Statement& stmt) {
  using K = AdminStatement::Kind;
  auto unsupported = [](const std::string& what) {
    return Error::Make(mysql_errno::kNotSupportedYet, "unsupported: " + what);
  };
  switch (stmt.kind()) {
    case ast::StatementKind::kShow: {
      const auto& show = stmt.As<ast::ShowStatement>();
      switch (show.what) {
        case ast::ShowKind::kKeyspaces:
          return std::optional(AdminStatement{K::kShowKeyspaces, "", "", ""});
        case ast::ShowKind::kShards:
          return std::optional(AdminStatement{K::kShowShards, "", "", ""});
        case ast::ShowKind::kTablets:
          return std::optional(AdminStatement{K::kShowTablets, "", "", ""});
        case ast::ShowKind::kVschemaTables:
          return std::optional(AdminStatement{K::kShowVschemaTables, "", "", ""});
        case ast::ShowKind::kUnresolvedTransactions:
          return std::optional(AdminStatement{K::kShowUnresolvedTransactions, "", "", "", show.db});
        case ast::ShowKind::kBranches:
          return std::optional(AdminStatement{K::kShowBranches, "", "", ""});
        case ast::ShowKind::kMigrations:
          if (show.where) return unsupported("SHOW MIGRATIONS WHERE (use LIKE '<uuid pattern>')");
          return std::optional(AdminStatement{K::kShowMigrations, show.like, "", ""});
        default:
          return std::optional<AdminStatement>();
      }
    }
    case ast::StatementKind::kAlterMigration: {
      const auto& alter = stmt.As<ast::AlterMigrationStatement>();
      std::string action = AsciiLower(alter.action);
      if (action == "complete") action = "cutover";
      if (action == "retry")
        return unsupported("ALTER MIGRATION ... RETRY (submit the change again)");
      if (!alter.ratio.empty()) {
        if (action != "throttle")
          return Error::Make(mysql_errno::kParse,
                             "RATIO goes with ALTER MIGRATION ... THROTTLE only");
      }
      AdminStatement alter_migration{K::kAlterMigration, alter.uuid, action, ""};
      alter_migration.ratio = alter.ratio;
      return std::optional(std::move(alter_migration));
    }
    case ast::StatementKind::kRevertMigration:
      return std::optional(AdminStatement{K::kRevertMigration,
                                          stmt.As<ast::RevertMigrationStatement>().uuid, "", ""});
    case ast::StatementKind::kVexplain:
      return std::optional(AdminStatement{
          K::kVexplainPlan, "", "", sql::Format(*stmt.As<ast::VexplainStatement>().statement)});
    default:
      return std::optional<AdminStatement>();
  }
}

}  // namespace tessera::vtgate
