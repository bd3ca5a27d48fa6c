// Session: system variables set for the shards. See session.h.
//
// `SET [SESSION] name = value` for a variable vtgate does not handle itself
// is kept in the session and sent with every shard query as MariaDB's
// `SET STATEMENT name = value FOR <query>`: the pooled tablet connections
// stay shared and the setting can never leak to another session. A value
// that is not a literal is evaluated once, on a shard, under the settings
// already made. MariaDB validates each new setting (`SET STATEMENT ... FOR
// SELECT 1`); a variable it cannot set per statement is refused with 1235,
// and so is an sql_mode whose effective flags change how statement text is
// read (sql_mode_check.h).
// `= DEFAULT` drops the setting. SET GLOBAL is refused.
//
// User variables (`SET @x = value`) live in vtgate: a statement that uses
// them is rewritten with their values (NULL for unset ones) before it is
// planned, so it can still be routed by them.
#include <charconv>

#include "common/ascii.h"
#include "common/sql_string.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "vtgate/query_directives.h"
#include "vtgate/session.h"
#include "vtgate/sql_mode_check.h"

namespace tessera::vtgate {
namespace asio = boost::asio;
namespace ast = sql::ast;

namespace {

constexpr uint16_t kSetStatementNotSupported = 1971;  // ER_SET_STATEMENT_NOT_SUPPORTED

bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string Settings(const std::map<std::string, std::string>& variables) {
  std::string out;
  for (const auto& [name, value] : variables) {
    if (!out.empty()) out += ", ";
    out += name + "=" + value;
  }
  return out;
}

bool IsInteger(const std::string& text) {
  long long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

sql::FormatOptions Session::UserVariableSubstitution() const {
  sql::FormatOptions options;
  options.user_var = [this](const ast::Variable& v) {
    auto it = user_variables_.find(AsciiLower(v.name));
    return it == user_variables_.end() ? std::string("NULL") : it->second;
  };
  // autocommit lives in vtgate (the shards' pooled connections keep theirs
  // on), and so do the last statement's diagnostics.
  options.system_var = [this](const ast::Variable& v) {
    if (v.scope == ast::VarScope::kGlobal) return std::string();
    const std::string name = AsciiLower(v.name);
    if (name == "autocommit") return std::string(autocommit_ ? "1" : "0");
    if (name == "warning_count") return std::to_string(DiagnosticsCount(false));
    if (name == "error_count") return std::to_string(DiagnosticsCount(true));
    return std::string();
  };
  return options;
}

asio::awaitable<Result<std::string>> Session::EvaluateOnShard(const ast::Expr& expr) {
  if (expr.kind() == ast::ExprKind::kLiteral) co_return sql::FormatExpr(expr);
  // One shard cannot answer a subquery over a sharded table.
  bool reads_tables = false;
  ast::ForEachExpr(const_cast<ast::Expr&>(expr), [&reads_tables](ast::Expr& e) {  // reads only
    if (ast::NestedQuery(e) != nullptr) reads_tables = true;
  });
  if (reads_tables)
    co_return Error::Make(mysql_errno::kNotSupportedYet, "unsupported: subquery in a SET value");
  const VSchema& vschema = worker_.vschema();
  const KeyspaceInfo* home = vschema.FindKeyspace(keyspace_);
  if (home == nullptr) home = vschema.keyspaces().front().get();
  std::string select = "SELECT " + sql::FormatExpr(expr, UserVariableSubstitution());
  if (!shard_variables_.empty())
    select = "SET STATEMENT " + Settings(shard_variables_) + " FOR " + select;
  ShardQuery query{&home->shards.front(), std::move(select)};
  auto evaluated = co_await cursor_.ExecuteInternal(std::move(query));
  if (!evaluated.ok()) co_return evaluated.error();
  if (evaluated->rows.empty() || evaluated->rows[0].empty())
    co_return Error::Make(mysql_errno::kUnknown, "the expression gave no value");
  const auto& cell = evaluated->rows[0][0];
  if (!cell) co_return std::string("NULL");
  co_return IsInteger(*cell) ? *cell : QuoteSqlString(*cell);
}

asio::awaitable<Status> Session::SetUserVariable(const ast::SetAssignment& assignment) {
  if (assignment.value == nullptr)
    co_return Error::Make(mysql_errno::kParse, "SET @var needs a value");
  auto value = co_await EvaluateOnShard(*assignment.value);
  if (!value.ok()) co_return value.error();
  user_variables_[AsciiLower(assignment.name)] = std::move(value).value();
  co_return Status::Ok();
}

void Session::ApplyStatementSettings(std::optional<uint64_t> timeout_ms) {
  if (!timeout_ms) {
    cursor_.SetStatementSettings(Settings(shard_variables_));
    return;
  }
  auto settings = shard_variables_;
  settings["max_statement_time"] = MaxStatementTime(*timeout_ms);
  cursor_.SetStatementSettings(Settings(settings));
}

asio::awaitable<Status> Session::SetShardVariable(const ast::SetAssignment& assignment) {
  const std::string name = AsciiLower(assignment.name);
  if (name == "query_timeout" && assignment.scope != ast::VarScope::kGlobal &&
      assignment.value != nullptr) {
    // Vitess's session timeout in milliseconds: MariaDB's max_statement_time
    // on every shard query, which the shard enforces by ending the query.
    if (assignment.value->kind() == ast::ExprKind::kDefault) {
      shard_variables_.erase("max_statement_time");
    } else {
      auto value = co_await EvaluateOnShard(*assignment.value);
      if (!value.ok()) co_return value.error();
      if (!IsInteger(*value) || value->front() == '-')
        co_return Error::Make(mysql_errno::kWrongTypeForVar,
                              "Incorrect argument type to variable 'query_timeout'");
      uint64_t ms = std::stoull(*value);
      if (ms == 0) {
        shard_variables_.erase("max_statement_time");
      } else {
        shard_variables_["max_statement_time"] = MaxStatementTime(ms);
      }
    }
    cursor_.SetStatementSettings(Settings(shard_variables_));
    co_return Status::Ok();
  }
  if (assignment.scope == ast::VarScope::kGlobal) {
    co_return Error::Make(mysql_errno::kNotSupportedYet,
                          "unsupported: SET GLOBAL " + name + " (vtgate sets session variables)");
  }
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsIdentifierChar) ||
      assignment.value == nullptr) {
    co_return Error::Make(mysql_errno::kNotSupportedYet,
                          "unsupported: SET of system variable " + assignment.name);
  }
  if (assignment.value->kind() == ast::ExprKind::kDefault) {
    shard_variables_.erase(name);
    cursor_.SetStatementSettings(Settings(shard_variables_));
    co_return Status::Ok();
  }
  const VSchema& vschema = worker_.vschema();
  const KeyspaceInfo* home = vschema.FindKeyspace(keyspace_);
  if (home == nullptr) home = vschema.keyspaces().front().get();
  const ShardInfo* shard = &home->shards.front();

  // A literal as written; an expression (CONCAT(@@sql_mode, ...), @saved)
  // by its value now.
  auto value = co_await EvaluateOnShard(*assignment.value);
  if (!value.ok()) co_return value.error();

  std::map<std::string, std::string> next = shard_variables_;
  next[name] = std::move(value).value();
  const bool sql_mode = name == "sql_mode";
  ShardQuery probe{shard, "SET STATEMENT " + Settings(next) + " FOR SELECT " +
                              (sql_mode ? "@@SESSION.sql_mode" : "1")};
  auto checked = co_await cursor_.ExecuteInternal(std::move(probe));
  if (!checked.ok()) {
    if (checked.error().code == kSetStatementNotSupported ||
        checked.error().code == mysql_errno::kParse) {
      co_return Error::Make(
          mysql_errno::kNotSupportedYet,
          "unsupported: SET of system variable " + name + " (" + checked.error().message + ")");
    }
    co_return checked.error();  // MariaDB's own: unknown variable, wrong value, ...
  }
  if (sql_mode && !checked->rows.empty() && !checked->rows[0].empty() && checked->rows[0][0]) {
    std::vector<std::string> refused = UnsupportedSqlModes(*checked->rows[0][0]);
    if (!refused.empty()) {
      std::string list;
      for (const auto& flag : refused) list += (list.empty() ? "" : ", ") + flag;
      co_return Error::Make(mysql_errno::kNotSupportedYet,
                            "unsupported: sql_mode " + list +
                                " (vtgate reads and writes SQL with the default quoting and "
                                "operator rules)");
    }
  }
  shard_variables_ = std::move(next);
  cursor_.SetStatementSettings(Settings(shard_variables_));
  co_return Status::Ok();
}

}  // namespace tessera::vtgate
