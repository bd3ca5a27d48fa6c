// Session: SHOW PROCESSLIST and KILL. Both act on vtgate's own client
// connections (mysql::ClientDirectory), as Vitess does: the ids are the
// connection ids clients see in their greeting and from CONNECTION_ID(),
// not the ids of the tablets' pooled MariaDB connections.
#include <charconv>

#include "common/ascii.h"
#include "vtgate/mysql/client_directory.h"
#include "vtgate/session.h"

namespace tessera::vtgate {
namespace asio = boost::asio;
namespace ast = sql::ast;

namespace {

constexpr size_t kShortInfo = 100;  // SHOW PROCESSLIST without FULL cuts Info here

Field ProcessField(const char* name, FieldType type, uint32_t length) {
  Field f;
  f.name = f.org_name = name;
  f.table = f.org_table = "PROCESSLIST";
  f.type = type;
  f.column_length = length;
  return f;
}

}  // namespace

Result<ResultSet> Session::ShowProcesslist(const ast::ShowStatement& show) const {
  ResultSet rs;
  rs.fields = {ProcessField("Id", FieldType::kLongLong, 21),
               ProcessField("User", FieldType::kVarString, 128),
               ProcessField("Host", FieldType::kVarString, 64),
               ProcessField("db", FieldType::kVarString, 64),
               ProcessField("Command", FieldType::kVarString, 16),
               ProcessField("Time", FieldType::kLong, 7),
               ProcessField("State", FieldType::kVarString, 30),
               ProcessField("Info", FieldType::kVarString, 100),
               ProcessField("Progress", FieldType::kNewDecimal, 7)};
  if (directory_ == nullptr) return rs;
  // Each user sees their own connections, as in MariaDB without the
  // PROCESS privilege.
  for (auto& p : directory_->List(user_)) {
    Row row;
    row.emplace_back(std::to_string(p.id));
    row.emplace_back(std::move(p.user));
    row.emplace_back(std::move(p.host));
    row.emplace_back(p.db.empty() ? Value() : Value(std::move(p.db)));
    row.emplace_back(p.command);
    row.emplace_back(std::to_string(p.seconds));
    row.emplace_back(p.id == connection_id_ ? Value("starting") : Value(""));
    if (p.info.empty()) {
      row.emplace_back(Value());
    } else {
      if (!show.full && p.info.size() > kShortInfo) p.info.resize(kShortInfo);
      row.emplace_back(std::move(p.info));
    }
    row.emplace_back("0.000");
    rs.rows.push_back(std::move(row));
  }
  return rs;
}

asio::awaitable<Result<ResultSet>> Session::RunKill(const ast::KillStatement& kill) {
  if (directory_ == nullptr) {
    co_return Error::Make(mysql_errno::kNotSupportedYet, "KILL needs vtgate's client connections");
  }
  // The id: a number, or CONNECTION_ID() (this connection), or anything a
  // shard can evaluate.
  std::string text;
  if (kill.id->kind() == ast::ExprKind::kFuncCall &&
      AsciiLower(kill.id->As<ast::FuncCall>().name) == "connection_id" &&
      kill.id->As<ast::FuncCall>().args.empty()) {
    text = std::to_string(connection_id_);
  } else {
    auto value = co_await EvaluateOnShard(*kill.id);
    if (!value.ok()) co_return value.error();
    text = std::move(*value);
  }
  uint64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id > UINT32_MAX) {
    co_return Error::Make(mysql_errno::kNoSuchThread, "Unknown thread id: " + text);
  }
  const auto scope = kill.query ? mysql::KillScope::kQuery : mysql::KillScope::kConnection;
  if (id == connection_id_) {
    // MariaDB answers a session that kills itself with the error its
    // statement gets; KILL CONNECTION then also ends it (the connection
    // closes after this answer).
    if (scope == mysql::KillScope::kConnection) {
      Status killed = directory_->Kill(static_cast<uint32_t>(id), scope, user_);
      if (!killed.ok()) co_return killed.error();
      co_return Error::Make(mysql_errno::kConnectionKilled, "Connection was killed");
    }
    co_return Error::Make(mysql_errno::kQueryInterrupted, "Query execution was interrupted");
  }
  Status killed = directory_->Kill(static_cast<uint32_t>(id), scope, user_);
  if (!killed.ok()) co_return killed.error();
  co_return ResultSet{};
}

void Session::Interrupt() {
  cursor_.Interrupt();
}

}  // namespace tessera::vtgate
