// Session: branch access rules, schema-workflow statements (SHOW BRANCHES,
// SHOW/ALTER/REVERT MIGRATION) and online DDL submission. See session.h.
#include "vtgate/session.h"

#include <fmt/format.h>

#include "common/ascii.h"
#include "sqlparser/ast/ddl.h"
#include "sqlparser/format.h"
#include "vtgate/text_result.h"

namespace tessera::vtgate {
namespace asio = boost::asio;
namespace ast = sql::ast;

namespace {

const char* RoleName(BranchRole role) {
  switch (role) {
    case BranchRole::kReader:
      return "reader";
    case BranchRole::kWriter:
      return "writer";
    case BranchRole::kAdmin:
      return "admin";
  }
  return "?";
}

}  // namespace

Session::Access Session::AccessOf(ast::StatementKind kind) {
  switch (kind) {
    case ast::StatementKind::kSelect:
    case ast::StatementKind::kUnion:
    case ast::StatementKind::kShow:
      return Access::kRead;
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kReplace:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete:
      return Access::kWrite;
    case ast::StatementKind::kCreateTable:
    case ast::StatementKind::kDropTable:
    case ast::StatementKind::kAlterTable:
    case ast::StatementKind::kCreateIndex:
    case ast::StatementKind::kDropIndex:
    case ast::StatementKind::kTruncateTable:
    case ast::StatementKind::kRenameTable:
      return Access::kDdl;
    default:
      return Access::kSession;
  }
}

std::string Session::BranchOf(const std::string& keyspace) const {
  if (credential_ && credential_->keyspace == keyspace) return credential_->branch;
  auto it = branch_of_.find(keyspace);
  return it == branch_of_.end() ? "main" : it->second;
}

std::string Session::DdlKeyspace(const ast::Statement& stmt) const {
  const ast::TableName* table = nullptr;
  switch (stmt.kind()) {
    case ast::StatementKind::kCreateTable:
      table = &stmt.As<ast::CreateTableStatement>().table;
      break;
    case ast::StatementKind::kAlterTable:
      table = &stmt.As<ast::AlterTableStatement>().table;
      break;
    case ast::StatementKind::kDropTable:
      if (!stmt.As<ast::DropTableStatement>().tables.empty())
        table = &stmt.As<ast::DropTableStatement>().tables.front();
      break;
    case ast::StatementKind::kCreateIndex:
      table = &stmt.As<ast::CreateIndexStatement>().table;
      break;
    case ast::StatementKind::kDropIndex:
      table = &stmt.As<ast::DropIndexStatement>().table;
      break;
    case ast::StatementKind::kTruncateTable:
      table = &stmt.As<ast::TruncateTableStatement>().table;
      break;
    default:
      break;
  }
  if (table != nullptr && !table->qualifier.empty()) return table->qualifier;
  return keyspace_;
}

Status Session::Authorize(Access access, const std::string& keyspace) const {
  if (access == Access::kSession) return Status::Ok();
  const std::string branch = BranchOf(keyspace);
  std::optional<BranchInfo> info;
  if (worker_.branches() != nullptr) info = worker_.branches()->FindBranch(keyspace, branch);
  bool production = branch == "main" || (info && info->production);
  if (credential_) {
    if (keyspace != credential_->keyspace) {
      return Error::Make(mysql_errno::kDbAccessDenied, "Access denied for user '" + user_ +
                                                           "'@'%' to database '" + keyspace + "'");
    }
    const BranchRole role = credential_->role;
    bool allowed = access == Access::kRead ||
                   (access == Access::kWrite && role != BranchRole::kReader) ||
                   (access == Access::kDdl &&
                    (role == BranchRole::kAdmin || (role == BranchRole::kWriter && !production)));
    if (!allowed) {
      return Error::Make(
          mysql_errno::kTableAccessDenied,
          fmt::format("{} denied to user '{}'@'%': the {} role of branch '{}' "
                      "does not allow it",
                      access == Access::kWrite ? "Write" : "DDL", user_, RoleName(role), branch));
    }
  }
  if (access == Access::kDdl && info && info->production && info->safe_migrations && !ddl_online_) {
    return Error::Internal(fmt::format(
        "direct DDL is not allowed on production branch '{}' of keyspace '{}' because safe "
        "migrations are enabled; make the change on a development branch and open a deploy "
        "request (tessera deploy-request create {} <branch>)",
        branch, keyspace, keyspace));
  }
  return Status::Ok();
}

asio::awaitable<Result<std::vector<ResultSet>>> Session::OnEveryShard(const std::string& keyspace,
                                                                      const std::string& sql) {
  const KeyspaceInfo* ks = worker_.vschema().FindKeyspace(keyspace);
  if (ks == nullptr) {
    if (keyspace.empty()) co_return Error::Make(mysql_errno::kNoDb, "No database selected");
    co_return Error::Make(mysql_errno::kBadDb, "Unknown database '" + keyspace + "'");
  }
  std::vector<ShardQuery> queries;
  for (const auto& shard : ks->shards) queries.push_back(ShardQuery{&shard, sql});
  auto results = co_await cursor_.ExecuteMultiVerbatim(std::move(queries));
  std::vector<ResultSet> out;
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].ok()) {
      Error e = results[i].error();
      e.message = "shard " + ks->shards[i].name + ": " + e.message;
      co_return e;
    }
    out.push_back(std::move(results[i]).value());
  }
  co_return out;
}

asio::awaitable<Result<ResultSet>> Session::SubmitOnlineDdl(ast::Statement& stmt,
                                                            const std::string& keyspace) {
  if (cursor_.in_transaction())
    co_return Error::Internal("online DDL cannot run inside a transaction");
  // The shards run the statement in the branch's database: drop the keyspace
  // qualifier.
  switch (stmt.kind()) {
    case ast::StatementKind::kCreateTable:
      stmt.As<ast::CreateTableStatement>().table.qualifier.clear();
      break;
    case ast::StatementKind::kAlterTable:
      stmt.As<ast::AlterTableStatement>().table.qualifier.clear();
      break;
    case ast::StatementKind::kDropTable:
      for (auto& t : stmt.As<ast::DropTableStatement>().tables) t.qualifier.clear();
      break;
    default:
      co_return Error::Make(mysql_errno::kNotSupportedYet,
                            "online DDL takes CREATE TABLE, ALTER TABLE or DROP TABLE; use "
                            "ALTER TABLE for index changes, or SET @@ddl_strategy='direct'");
  }
  const std::string uuid = worker_.NewUuid();
  auto submitted =
      co_await OnEveryShard(keyspace, "MIGRATION SUBMIT '" + uuid + "' " + sql::Format(stmt));
  if (!submitted.ok()) co_return submitted.error();
  ResultSet rs = TextColumns({"uuid"});
  rs.rows.push_back(Row{Value(uuid)});
  co_return rs;
}

asio::awaitable<Result<ResultSet>> Session::RunAdmin(const AdminStatement& statement) {
  switch (statement.kind) {
    case AdminStatement::Kind::kShowKeyspaces:
    case AdminStatement::Kind::kShowShards:
    case AdminStatement::Kind::kShowTablets:
    case AdminStatement::Kind::kShowVschemaTables:
    case AdminStatement::Kind::kShowUnresolvedTransactions:
    case AdminStatement::Kind::kVexplainPlan:
      co_return co_await RunTopologyStatement(statement);
    default:
      break;
  }
  if (statement.kind == AdminStatement::Kind::kShowBranches) {
    if (keyspace_.empty()) co_return Error::Make(mysql_errno::kNoDb, "No database selected");
    ResultSet rs = TextColumns(
        {"Branch", "Parent", "Production", "Safe_migrations", "Data_state", "Created_at"});
    if (worker_.branches() != nullptr) {
      for (const auto& b : worker_.branches()->Branches(keyspace_)) {
        if (credential_ && b.name != credential_->branch) continue;
        rs.rows.push_back(Row{Value(b.name), Value(b.parent), Value(b.production ? "1" : "0"),
                              Value(b.safe_migrations ? "1" : "0"), Value(b.data_state),
                              Value(b.created_at)});
      }
    }
    if (rs.rows.empty() && !credential_)  // no schemad: the keyspace is its main branch
      rs.rows.push_back(
          Row{Value("main"), Value(""), Value("1"), Value("0"), Value("complete"), std::nullopt});
    co_return rs;
  }
  Status allowed = Authorize(
      statement.kind == AdminStatement::Kind::kShowMigrations ? Access::kRead : Access::kDdl,
      keyspace_);
  // Managing migrations is allowed with safe migrations on; roles still apply.
  if (!allowed.ok() && allowed.error().code != mysql_errno::kUnknown) co_return allowed.error();
  if (statement.kind == AdminStatement::Kind::kShowMigrations) {
    auto shown = co_await OnEveryShard(keyspace_, "MIGRATION SHOW");
    if (!shown.ok()) co_return shown.error();
    ResultSet merged;
    const std::string database = cursor_.DatabaseFor(keyspace_);
    for (auto& rs : shown.value()) {
      if (merged.fields.empty()) merged.fields = rs.fields;
      size_t db_col = 0, uuid_col = 0;
      for (size_t i = 0; i < rs.fields.size(); ++i) {
        if (rs.fields[i].name == "database") db_col = i;
        if (rs.fields[i].name == "uuid") uuid_col = i;
      }
      for (auto& row : rs.rows) {
        if (row.size() <= db_col || row[db_col].value_or("") != database) continue;
        if (!statement.uuid.empty() && row[uuid_col].value_or("") != statement.uuid) continue;
        merged.rows.push_back(std::move(row));
      }
    }
    co_return merged;
  }
  if (statement.kind == AdminStatement::Kind::kAlterMigration) {
    std::string command = "MIGRATION " + statement.action + " '" + statement.uuid + "'";
    if (!statement.ratio.empty()) command += " RATIO " + statement.ratio;
    auto done = co_await OnEveryShard(keyspace_, command);
    if (!done.ok()) co_return done.error();
    ResultSet ok;
    ok.affected_rows = done.value().size();
    co_return ok;
  }
  // REVERT MIGRATION
  const std::string uuid = worker_.NewUuid();
  auto reverted =
      co_await OnEveryShard(keyspace_, "MIGRATION REVERT '" + statement.uuid + "' '" + uuid + "'");
  if (!reverted.ok()) co_return reverted.error();
  ResultSet rs = TextColumns({"uuid"});
  rs.rows.push_back(Row{Value(uuid)});
  co_return rs;
}

}  // namespace tessera::vtgate
