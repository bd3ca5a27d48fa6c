#include "vtgate/session.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "common/ascii.h"
#include "common/like_match.h"
#include "common/logging.h"
#include "common/sequence_table.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "sqlparser/normalizer.h"
#include "vtgate/column_tracking.h"
#include "vtgate/engine/route.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/query_directives.h"
#include "vtgate/refused_statement.h"
#include "vtgate/table_discovery.h"

namespace tessera::vtgate {
namespace asio = boost::asio;
namespace ast = sql::ast;

namespace {

ResultSet SingleColumn(std::string name, const std::vector<std::string>& values) {
  ResultSet rs;
  Field field;
  field.name = field.org_name = std::move(name);
  field.type = FieldType::kVarString;
  field.column_length = 256;
  rs.fields.push_back(std::move(field));
  for (const auto& v : values) rs.rows.push_back(Row{Value(v)});
  return rs;
}

}  // namespace

Session::Session(WorkerContext& worker, const mysql::ClientInfo& client, uint64_t query_timeout_ms)
    : worker_(worker),
      planner_(worker.vschema(), client.connection_id, worker.max_memory_rows()),
      cursor_(worker),
      user_(client.user),
      connection_id_(client.connection_id),
      directory_(client.directory) {
  if (worker.branches() != nullptr) credential_ = worker.branches()->FindCredential(client.user);
  allowed_keyspaces_ = credential_ ? std::vector<std::string>{credential_->keyspace}
                                   : worker.AllowedKeyspaces(user_);
  cursor_.RestrictToKeyspaces(allowed_keyspaces_, user_);
  cursor_.SetTransactionMode(worker.transaction_settings().default_mode);
  if (credential_) {
    cursor_.SetKeyspaceDatabase(credential_->keyspace,
                                BranchDatabase(credential_->keyspace, credential_->branch));
    keyspace_ = credential_->keyspace;
    plan_target_ = keyspace_;
  }
  if (query_timeout_ms > 0) {
    shard_variables_["max_statement_time"] = MaxStatementTime(query_timeout_ms);
    ApplyStatementSettings(std::nullopt);
  }
}

bool Session::MayUse(const std::string& keyspace) const {
  return allowed_keyspaces_.empty() ||
         std::find(allowed_keyspaces_.begin(), allowed_keyspaces_.end(), keyspace) !=
             allowed_keyspaces_.end();
}

uint16_t Session::StatusFlags() const {
  uint16_t flags = 0;
  if (autocommit_) flags |= mysql::server_status::kAutocommit;
  if (cursor_.in_transaction()) flags |= mysql::server_status::kInTransaction;
  return flags;
}

std::string_view Session::PlanBranch() const {
  if (credential_ && credential_->keyspace == keyspace_) return credential_->branch;
  if (branch_of_.empty()) return {};
  auto it = branch_of_.find(keyspace_);
  return it == branch_of_.end() ? std::string_view() : std::string_view(it->second);
}

std::string Session::Database() const {
  auto branch = branch_of_.find(keyspace_);
  if (branch == branch_of_.end()) return keyspace_;
  return keyspace_ + "@" + branch->second;
}

asio::awaitable<void> Session::Close() {
  Status rolled_back = co_await cursor_.Rollback();
  if (!rolled_back.ok()) {
    // The shards end the transactions on their own once their ids are gone.
    GetLogger("vtgate")->warn("session of '{}': rollback on close failed: {}", user_,
                              rolled_back.error().message);
  }
}

Status Session::UseDatabase(std::string_view database) {
  // "keyspace", "keyspace@branch" or "keyspace:shard".
  std::string name(database), branch, shard;
  if (size_t at = name.find('@'); at != std::string::npos) {
    branch = name.substr(at + 1);
    name.resize(at);
    if (branch == "primary") branch = "main";
  }
  if (size_t colon = name.find(':'); colon != std::string::npos) {
    shard = name.substr(colon + 1);
    name.resize(colon);
  }
  const KeyspaceInfo* keyspace = worker_.vschema().FindKeyspace(name);
  if (keyspace == nullptr) {
    return Error::Make(mysql_errno::kBadDb, "Unknown database '" + name + "'");
  }
  if (!shard.empty() || name.size() + 1 == database.size()) {
    const bool known = std::any_of(keyspace->shards.begin(), keyspace->shards.end(),
                                   [&](const ShardInfo& s) { return s.name == shard; });
    if (!known || !branch.empty()) {
      return Error::Make(mysql_errno::kBadDb, "Unknown database '" + std::string(database) + "'");
    }
  }
  if (!MayUse(name)) {
    return Error::Make(mysql_errno::kDbAccessDenied,
                       "Access denied for user '" + user_ + "'@'%' to database '" + name + "'");
  }
  if (credential_) {
    if (name != credential_->keyspace || (!branch.empty() && branch != credential_->branch)) {
      return Error::Make(
          mysql_errno::kDbAccessDenied,
          "Access denied for user '" + user_ + "'@'%' to database '" + std::string(database) + "'");
    }
  } else if (!branch.empty() && branch != "main") {
    const BranchDirectory* branches = worker_.branches();
    if (branches == nullptr || !branches->FindBranch(name, branch)) {
      return Error::Make(mysql_errno::kBadDb,
                         "Unknown branch '" + branch + "' of keyspace '" + name + "'");
    }
    if (cursor_.in_transaction())
      return Error::Internal("cannot switch branches inside a transaction");
    cursor_.SetKeyspaceDatabase(name, BranchDatabase(name, branch));
    branch_of_[name] = branch;
  } else if (!credential_) {
    if (branch_of_.count(name) > 0 && cursor_.in_transaction())
      return Error::Internal("cannot switch branches inside a transaction");
    cursor_.ClearKeyspaceDatabase(name);
    branch_of_.erase(name);
  }
  keyspace_ = name;
  plan_target_ = shard.empty() ? name : name + ":" + shard;
  return Status::Ok();
}

namespace {

// Whether a SELECT's text asks for SQL_CALC_FOUND_ROWS and has a LIMIT,
// after which FOUND_ROWS() would be the row count without the LIMIT.
bool CalculatesFoundRowsPastLimit(std::string_view sql) {
  auto contains = [sql](std::string_view word) {
    for (size_t i = 0; i + word.size() <= sql.size(); ++i) {
      size_t j = 0;
      while (j < word.size() && (sql[i + j] | 0x20) == (word[j] | 0x20)) ++j;
      if (j == word.size()) return true;
    }
    return false;
  };
  return contains("sql_calc_found_rows") && contains("limit");
}

}  // namespace

Result<bool> Session::SubstituteStatementCounters(ast::Statement& stmt) const {
  auto counter_of = [](const ast::Expr& e) -> std::string {
    if (e.kind() != ast::ExprKind::kFuncCall || !e.As<ast::FuncCall>().args.empty() ||
        !e.As<ast::FuncCall>().qualifier.empty())
      return "";
    const std::string name = AsciiLower(e.As<ast::FuncCall>().name);
    return name == "found_rows" || name == "row_count" ? name : "";
  };
  bool found = false;
  std::optional<Error> error;
  if (stmt.kind() == ast::StatementKind::kSelect) {
    for (auto& item : stmt.As<ast::SelectStatement>().items) {
      if (!item.expr || !item.alias.empty()) continue;
      const std::string name = counter_of(*item.expr);
      if (!name.empty()) item.alias = AsciiUpper(name) + "()";
    }
  }
  ast::RewriteExprs(stmt, [&](ast::ExprPtr& slot) {
    const std::string name = counter_of(*slot);
    if (name.empty()) return;
    found = true;
    std::string value;
    if (name == "row_count") {
      value = std::to_string(row_count_);
    } else if (found_rows_) {
      value = std::to_string(*found_rows_);
    } else {
      error = Error::Make(mysql_errno::kNotSupportedYet,
                          "unsupported: FOUND_ROWS() after SQL_CALC_FOUND_ROWS with LIMIT; count "
                          "the rows with SELECT COUNT(*)");
      return;
    }
    slot = std::make_unique<ast::Literal>(ast::LiteralKind::kInt, std::move(value));
  });
  if (error) return *error;
  return found;
}

asio::awaitable<Result<ResultSet>> Session::Query(std::string_view sql) {
  cursor_.ResetInterrupt();
  cursor_.TakeWarnings();  // what a COM_STMT_PREPARE's column probe left
  keeps_diagnostics_ = false;
  // /*vt+ QUERY_TIMEOUT_MS=n */ bounds this statement on every shard.
  const std::optional<uint64_t> timeout = QueryTimeoutDirective(sql);
  if (timeout) ApplyStatementSettings(timeout);
  Result<ResultSet> result = co_await Dispatch(sql);
  if (timeout) ApplyStatementSettings(std::nullopt);
  // As in MariaDB, a statement that generated no value leaves it alone.
  if (result.ok() && result->last_insert_id != 0) last_insert_id_ = result->last_insert_id;
  row_count_ =
      !result.ok() || result->has_rows() ? -1 : static_cast<int64_t>(result->affected_rows);
  if (result.ok() && result->has_rows()) {
    found_rows_ = result->rows.size();
    if (CalculatesFoundRowsPastLimit(sql)) found_rows_.reset();
  }
  RecordDiagnostics(result);
  co_return result;
}

namespace {

// Whether `text` calls LAST_INSERT_ID, CONNECTION_ID, FOUND_ROWS or
// ROW_COUNT (in any case), whose session values the plan would bake in.
// One pass: this runs on every statement of the hot path.
bool MentionsSessionFunction(std::string_view text) {
  auto names_at = [text](size_t i, std::string_view name) {
    if (text.size() - i < name.size()) return false;
    for (size_t j = 1; j < name.size(); ++j)
      if ((text[i + j] | 0x20) != name[j] && text[i + j] != name[j]) return false;
    return true;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = static_cast<char>(text[i] | 0x20);
    if ((c == 'l' && names_at(i, "last_insert_id")) || (c == 'c' && names_at(i, "connection_id")) ||
        (c == 'f' && names_at(i, "found_rows")) || (c == 'r' && names_at(i, "row_count")))
      return true;
  }
  return false;
}

// Whether a normalized SELECT has a FROM clause (the word outside quotes;
// the normalizer has taken the string literals out already).
bool HasFromClause(std::string_view text) {
  auto word_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  char quote = 0;
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '`' || c == '"' || c == '\'') {
      quote = c;
      continue;
    }
    if ((c | 0x20) == 'f' && (text[i + 1] | 0x20) == 'r' && (text[i + 2] | 0x20) == 'o' &&
        (text[i + 3] | 0x20) == 'm' && (i == 0 || !word_char(text[i - 1])) &&
        (i + 4 == text.size() || !word_char(text[i + 4])))
      return true;
  }
  return false;
}

// Session variables vtgate keeps itself rather than on the shards.
bool IsVtgateSystemVariable(const ast::Variable& v) {
  if (!v.system || v.scope == ast::VarScope::kGlobal) return false;
  const std::string name = AsciiLower(v.name);
  return name == "autocommit" || name == "warning_count" || name == "error_count";
}

// Whether `stmt` reads a user variable or a system variable vtgate keeps.
bool MentionsSessionVariable(ast::Statement& stmt) {
  bool found = false;
  ast::ForEachExpr(stmt, [&found](ast::Expr& e) {
    if (e.kind() != ast::ExprKind::kVariable) return;
    const auto& v = e.As<ast::Variable>();
    if (!v.system || IsVtgateSystemVariable(v)) found = true;
  });
  return found;
}

}  // namespace

asio::awaitable<Result<ResultSet>> Session::Dispatch(std::string_view sql) {
  // Hot path: a data statement whose normalized shape has a cached plan runs
  // without the parser. Only integer and string values are bound: they are
  // what the planner routes on, so the plan is the one their literals would
  // get. Everything else, and text the planner refuses once normalized (the
  // cache remembers that), takes the uncached path below on the original text.
  auto normalized = sql::Normalize(sql);
  if (normalized.ok() && normalized->parameterized) {
    const std::string_view text = normalized->text;
    size_t verb_end = 0;
    while (verb_end < text.size() && std::isalpha(static_cast<unsigned char>(text[verb_end])))
      ++verb_end;
    const std::string verb = AsciiLower(text.substr(0, verb_end));
    const bool planner_verb = verb == "select" || verb == "insert" || verb == "replace" ||
                              verb == "update" || verb == "delete";
    const auto& values = normalized->values;
    const bool routable_values = std::all_of(values.begin(), values.end(), [](const auto& v) {
      return v.kind == sql::NormalizedValueKind::kInt ||
             v.kind == sql::NormalizedValueKind::kString;
    });
    if (planner_verb && credential_) {
      Status allowed = Authorize(verb == "select" ? Access::kRead : Access::kWrite, keyspace_);
      if (!allowed.ok()) co_return allowed.error();
    }
    // LAST_INSERT_ID(), CONNECTION_ID() and @user_variables are the
    // session's: never baked into a cached plan.
    if (planner_verb && routable_values && !MentionsSessionFunction(text) &&
        text.find('@') == std::string_view::npos) {
      PlanCache& cache = worker_.plan_cache();
      const std::string& target = PlanTarget();
      const PlanCacheKey key{normalized->fingerprint, text, target, worker_.vschema().version(),
                             PlanBranch()};
      std::shared_ptr<const Primitive> plan;
      if (const PlanCache::Entry* hit = cache.Lookup(key)) {
        plan = hit->plan;
      } else {
        auto parsed = worker_.parser().Parse(text);
        if (parsed.ok()) {
          const ast::StatementKind kind = (*parsed)->kind();
          if (kind == ast::StatementKind::kSelect || kind == ast::StatementKind::kUnion ||
              kind == ast::StatementKind::kInsert || kind == ast::StatementKind::kReplace ||
              kind == ast::StatementKind::kUpdate || kind == ast::StatementKind::kDelete) {
            auto built = planner_.Build(**parsed, text, target, values.size());
            if (built.ok()) plan = std::move(*built);
          }
        }
        cache.Insert(key, PlanCache::Entry{plan, values.size()},
                     EstimatePlanBytes(text, values.size()));
      }
      if (plan != nullptr) {
        BindValues binds(values.size());
        for (size_t i = 0; i < values.size(); ++i) {
          binds[i].value.kind = values[i].kind == sql::NormalizedValueKind::kInt
                                    ? VindexValue::Kind::kInteger
                                    : VindexValue::Kind::kString;
          binds[i].value.text = values[i].raw;
          binds[i].sql = values[i].sql;
        }
        if (!autocommit_ && !cursor_.in_transaction()) cursor_.Begin();
        // Only matters (and the text is only scanned) when there are some.
        keeps_diagnostics_ = (last_warning_count_ > 0 || !last_warnings_.empty()) &&
                             verb == "select" && !HasFromClause(text);
        const PlanKind plan_kind = verb == "select" ? PlanKind::kRead
                                   : verb == "insert" || verb == "replace"
                                       ? PlanKind::kInsert
                                       : PlanKind::kUpdateOrDelete;
        co_return co_await ExecutePlan(*plan, binds, plan_kind);
      }
    }
  }
  if (auto next = ParseNextValues(sql)) co_return co_await NextSequenceValues(*next);
  auto parsed = worker_.parser().Parse(sql);
  if (!parsed.ok()) co_return parsed.error();
  auto counters = SubstituteStatementCounters(**parsed);
  if (!counters.ok()) co_return counters.error();
  if (*counters && (*parsed)->kind() == ast::StatementKind::kSet)
    co_return co_await Run(**parsed, sql::Format(**parsed));
  if ((*parsed)->kind() != ast::StatementKind::kSet &&
      (*counters || MentionsSessionVariable(**parsed))) {
    // User variables, and system variables vtgate keeps (autocommit), are
    // the session's: their values go into the text, which is parsed again,
    // so the planner sees literals it can route by. (SET evaluates its
    // values itself.) A bare variable keeps its name as the column's.
    if ((*parsed)->kind() == ast::StatementKind::kSelect) {
      for (auto& item : (*parsed)->As<ast::SelectStatement>().items) {
        if (!item.expr || !item.alias.empty() || item.expr->kind() != ast::ExprKind::kVariable)
          continue;
        const auto& v = item.expr->As<ast::Variable>();
        if (!v.system) {
          item.alias = "@" + v.name;
        } else if (IsVtgateSystemVariable(v)) {
          item.alias = std::string("@@") +
                       (v.scope == ast::VarScope::kSession ? "session."
                        : v.scope == ast::VarScope::kLocal ? "local."
                                                           : "") +
                       v.name;
        }
      }
    }
    const std::string text = sql::Format(**parsed, UserVariableSubstitution());
    auto substituted = worker_.parser().Parse(text);
    if (!substituted.ok()) co_return substituted.error();
    co_return co_await Run(**substituted, text);
  }
  co_return co_await Run(**parsed, sql);
}

asio::awaitable<Result<ResultSet>> Session::Run(ast::Statement& stmt, std::string_view sql) {
  auto admin = AdminStatementOf(stmt);
  if (!admin.ok()) co_return admin.error();
  if (*admin) co_return co_await RunAdmin(**admin);
  if (auto refusal = RefusalOf(stmt)) co_return *refusal;
  keeps_diagnostics_ = KeepsDiagnostics(stmt);
  switch (stmt.kind()) {
    case ast::StatementKind::kUse: {
      Status s = UseDatabase(stmt.As<ast::UseStatement>().db);
      if (!s.ok()) co_return s.error();
      co_return ResultSet{};
    }
    case ast::StatementKind::kBegin: {
      if (cursor_.in_transaction()) {
        Status s = co_await cursor_.Commit();  // BEGIN commits an open transaction, as MySQL does
        if (!s.ok()) co_return s.error();
      }
      cursor_.Begin();
      co_return ResultSet{};
    }
    case ast::StatementKind::kCommit: {
      Status s = co_await cursor_.Commit();
      if (!s.ok()) co_return s.error();
      co_return ResultSet{};
    }
    case ast::StatementKind::kRollback: {
      if (const auto& savepoint = stmt.As<ast::RollbackStatement>().savepoint; !savepoint.empty()) {
        Status s = co_await cursor_.RollbackToSavepoint(savepoint);
        if (!s.ok()) co_return s.error();
        co_return ResultSet{};
      }
      Status s = co_await cursor_.Rollback();
      if (!s.ok()) co_return s.error();
      co_return ResultSet{};
    }
    case ast::StatementKind::kSavepoint: {
      const auto& savepoint = stmt.As<ast::SavepointStatement>();
      Status s;
      if (savepoint.release) {
        s = co_await cursor_.ReleaseSavepoint(savepoint.name);
      } else {
        s = co_await cursor_.Savepoint(savepoint.name);
      }
      if (!s.ok()) co_return s.error();
      co_return ResultSet{};
    }
    case ast::StatementKind::kUnlockTables:
      co_return ResultSet{};  // nothing is ever locked
    case ast::StatementKind::kAlterTable: {
      // ALTER TABLE t DISABLE|ENABLE KEYS, which mariadb-dump writes, changes
      // nothing in InnoDB.
      const auto& specs = stmt.As<ast::AlterTableStatement>().specs;
      if (!specs.empty() && std::all_of(specs.begin(), specs.end(), [](const ast::AlterSpec& s) {
            return s.kind == ast::AlterSpecKind::kDisableKeys ||
                   s.kind == ast::AlterSpecKind::kEnableKeys;
          })) {
        co_return ResultSet{};
      }
      break;
    }
    case ast::StatementKind::kSet:
      co_return co_await RunSet(stmt.As<ast::SetStatement>());
    case ast::StatementKind::kShow:
      if (stmt.As<ast::ShowStatement>().what == ast::ShowKind::kProcesslist)
        co_return ShowProcesslist(stmt.As<ast::ShowStatement>());
      switch (stmt.As<ast::ShowStatement>().what) {
        case ast::ShowKind::kWarnings:
        case ast::ShowKind::kErrors:
        case ast::ShowKind::kWarningCount:
        case ast::ShowKind::kErrorCount:
          co_return co_await ShowDiagnostics(stmt.As<ast::ShowStatement>());
        default:
          break;
      }
      co_return co_await RunShow(stmt.As<ast::ShowStatement>(), sql);
    case ast::StatementKind::kKill:
      co_return co_await RunKill(stmt.As<ast::KillStatement>());
    case ast::StatementKind::kPrepare:
      co_return PrepareNamed(stmt.As<ast::PrepareStatement>());
    case ast::StatementKind::kExecute:
      co_return co_await ExecuteNamed(stmt.As<ast::ExecuteStatement>());
    case ast::StatementKind::kDeallocate: {
      Status s = named_prepared_.Deallocate(stmt.As<ast::DeallocateStatement>().name);
      if (!s.ok()) co_return s.error();
      co_return ResultSet{};
    }
    case ast::StatementKind::kCreateDatabase:
    case ast::StatementKind::kDropDatabase:
    case ast::StatementKind::kAlterDatabase:
      co_return Error::Make(
          mysql_errno::kNotSupportedYet,
          "unsupported: CREATE/ALTER/DROP DATABASE (keyspaces come from the cluster config)");
    case ast::StatementKind::kOther:
      co_return Error::Make(mysql_errno::kNotSupportedYet,
                            "unsupported statement: " + stmt.As<ast::OtherStatement>().verb);
    default:
      break;
  }
  const Access access = AccessOf(stmt.kind());
  std::string ddl_keyspace;
  if (access == Access::kDdl) {
    ddl_keyspace = DdlKeyspace(stmt);
    Status allowed = Authorize(access, ddl_keyspace);
    if (!allowed.ok()) co_return allowed.error();
    if (ddl_online_) co_return co_await SubmitOnlineDdl(stmt, ddl_keyspace);
  } else if (credential_) {
    Status allowed = Authorize(access, keyspace_);
    if (!allowed.ok()) co_return allowed.error();
  }
  if (!autocommit_ && !cursor_.in_transaction()) cursor_.Begin();
  auto plan = planner_.Build(stmt, sql, PlanTarget(), /*bind_count=*/0, last_insert_id_);
  if (!plan.ok() && plan.error().code == mysql_errno::kNoSuchTable &&
      co_await DiscoverTablesOnce(/*force=*/false)) {
    // The table may have appeared in an auto_vschema keyspace: plan a fresh
    // parse (Build rewrites the statement it is given).
    auto reparsed = worker_.parser().Parse(sql);
    if (!reparsed.ok()) co_return reparsed.error();
    plan = planner_.Build(**reparsed, sql, PlanTarget(), /*bind_count=*/0, last_insert_id_);
  }
  if (!plan.ok() && MayNeedColumnLists(plan.error())) {
    // The join planner could not resolve a column: the lists may be missing
    // or stale. Plan a fresh parse against new ones.
    const bool tracked = co_await TrackColumnsOnce(/*force=*/false, "");
    if (tracked) {
      auto reparsed = worker_.parser().Parse(sql);
      if (!reparsed.ok()) co_return reparsed.error();
      plan = planner_.Build(**reparsed, sql, PlanTarget(), /*bind_count=*/0, last_insert_id_);
    }
  }
  if (!plan.ok()) co_return plan.error();
  static const BindValues kNoBinds;
  const ast::StatementKind kind = stmt.kind();
  PlanKind plan_kind = PlanKind::kRead;
  if (kind == ast::StatementKind::kInsert || kind == ast::StatementKind::kReplace)
    plan_kind = PlanKind::kInsert;
  if (kind == ast::StatementKind::kUpdate || kind == ast::StatementKind::kDelete)
    plan_kind = PlanKind::kUpdateOrDelete;
  auto result = co_await ExecutePlan(**plan, kNoBinds, plan_kind);
  if (result.ok() && access == Access::kDdl) {
    (void)co_await DiscoverTablesOnce(/*force=*/true);
    (void)co_await TrackColumnsOnce(/*force=*/true, ddl_keyspace);
  }
  co_return result;
}

Result<ResultSet> Session::PrepareNamed(const ast::PrepareStatement& prepare) {
  std::string text = prepare.text;
  if (!prepare.variable.empty()) {
    auto value = user_variables_.find(AsciiLower(prepare.variable));
    text =
        PreparedTextOf(value == user_variables_.end() ? std::nullopt : std::optional(value->second),
                       worker_.parser());
  }
  Status prepared = named_prepared_.Prepare(prepare.name, text, worker_.parser());
  if (!prepared.ok()) return prepared.error();
  ResultSet ok;
  ok.info = "Statement prepared";
  return ok;
}

asio::awaitable<Result<ResultSet>> Session::ExecuteNamed(const ast::ExecuteStatement& execute) {
  Status checked = named_prepared_.CheckExecute(execute.name, execute.params.size());
  if (!checked.ok()) co_return checked.error();
  std::vector<std::string> literals;
  for (const auto& param : execute.params) {
    std::optional<std::string> literal = ParameterLiteral(*param, user_variables_);
    if (!literal) {
      // An expression is evaluated once, as SET @x = expr would be.
      auto value = co_await EvaluateOnShard(*param);
      if (!value.ok()) co_return value.error();
      literal = std::move(value).value();
    }
    literals.push_back(std::move(*literal));
  }
  auto bound = named_prepared_.Bind(execute.name, literals);
  if (!bound.ok()) co_return bound.error();
  co_return co_await Dispatch(*bound);
}

asio::awaitable<Result<ResultSet>> Session::ExecutePlan(const Primitive& plan,
                                                        const BindValues& binds, PlanKind kind) {
  if (kind == PlanKind::kRead || cursor_.in_transaction())
    co_return co_await plan.Execute(cursor_, binds);
  cursor_.BeginAutocommitWrite(kind == PlanKind::kInsert);
  auto result = co_await plan.Execute(cursor_, binds);
  Status ended = co_await cursor_.EndAutocommitWrite(result.ok());
  if (result.ok() && !ended.ok()) co_return ended.error();
  co_return result;
}

asio::awaitable<Result<ResultSet>> Session::NextSequenceValues(const NextValuesRequest& request) {
  // The sequence table of the current keyspace, else the one keyspace that
  // declares a sequence of that name.
  const VSchema& vschema = worker_.vschema();
  auto is_sequence = [&](const KeyspaceInfo& ks) {
    return !ks.sharded && ks.sequence_tables.count(request.table) > 0;
  };
  const KeyspaceInfo* home = vschema.FindKeyspace(keyspace_);
  if (home == nullptr || !is_sequence(*home)) {
    home = nullptr;
    for (const auto& ks : vschema.keyspaces()) {
      if (is_sequence(*ks)) home = ks.get();
    }
  }
  if (home == nullptr) {
    co_return Error::Make(mysql_errno::kNoSuchTable,
                          "'" + request.table + "' is not a sequence table of any keyspace");
  }
  if (credential_) {
    Status allowed = Authorize(Access::kWrite, home->name);
    if (!allowed.ok()) co_return allowed.error();
  }
  ShardQuery query{&home->shards.front(), NextValuesStatement(request.table, request.count)};
  co_return co_await cursor_.ExecuteInternal(std::move(query));
}

asio::awaitable<bool> Session::DiscoverTablesOnce(bool force) {
  // Unknown names are looked up at most once a second per keyspace, so a
  // client asking for a table that does not exist cannot flood the shards.
  constexpr std::chrono::milliseconds kMinInterval{1000};
  bool ran = false;
  for (const auto& ks : worker_.vschema().keyspaces()) {
    if (ks->auto_vindex == nullptr) continue;
    if (!ks->discovered->ClaimRefresh(force ? std::chrono::milliseconds(0) : kMinInterval))
      continue;
    Status s = co_await DiscoverTables(cursor_, *ks);
    if (!s.ok()) GetLogger("vtgate")->warn("{}", s.error().message);
    ran = ran || s.ok();
  }
  co_return ran;
}

bool Session::MayNeedColumnLists(const Error& error) {
  return error.code == mysql_errno::kBadField || error.code == mysql_errno::kNonUniqField ||
         (error.code == mysql_errno::kNotSupportedYet &&
          error.message.find("without a table qualifier") != std::string::npos);
}

asio::awaitable<bool> Session::TrackColumnsOnce(bool force, const std::string& keyspace) {
  // Statements vtgate cannot resolve re-read the lists at most once a second
  // per keyspace, so a client repeating one cannot flood the shards.
  constexpr std::chrono::milliseconds kMinInterval{1000};
  bool ran = false;
  for (const auto& ks : worker_.vschema().keyspaces()) {
    if (!keyspace.empty() && ks->name != keyspace) continue;
    if (!ks->tracked_columns->ClaimRefresh(force ? std::chrono::milliseconds(0) : kMinInterval))
      continue;
    Status s = co_await TrackColumns(cursor_, *ks);
    if (!s.ok()) GetLogger("vtgate")->warn("{}", s.error().message);
    ran = ran || s.ok();
  }
  co_return ran;
}

asio::awaitable<Result<ResultSet>> Session::RunSet(ast::SetStatement& set) {
  for (const auto& assignment : set.assignments) {
    switch (assignment.target) {
      case ast::SetTarget::kNames:
      case ast::SetTarget::kCharset:
        // Every tablet connection speaks utf8mb4, a superset of what clients ask for.
        continue;
      case ast::SetTarget::kSystemVar: {
        std::string name = AsciiLower(assignment.name);
        if (name == "autocommit" && assignment.value &&
            assignment.value->kind() == ast::ExprKind::kLiteral) {
          const auto& lit = assignment.value->As<ast::Literal>();
          std::string v = AsciiLower(lit.text);
          bool on = lit.type == ast::LiteralKind::kTrue || v == "1" || v == "on";
          bool off = lit.type == ast::LiteralKind::kFalse || v == "0" || v == "off";
          if (!on && !off) {
            co_return Error::Make(
                1231, "Variable 'autocommit' can't be set to the value of '" + lit.text + "'");
          }
          if (on && cursor_.in_transaction()) {
            Status s = co_await cursor_.Commit();
            if (!s.ok()) co_return s.error();
          }
          autocommit_ = on;
          continue;
        }
        if (name == "character_set_client" || name == "character_set_results" ||
            name == "character_set_connection" || name == "collation_connection" ||
            name == "sql_auto_is_null" || name == "net_write_timeout" ||
            name == "net_read_timeout") {
          continue;
        }
        if (name == "transaction_mode" && assignment.value &&
            assignment.value->kind() == ast::ExprKind::kLiteral) {
          const std::string& v = assignment.value->As<ast::Literal>().text;
          auto mode = ParseTransactionMode(v);
          if (!mode) {
            co_return Error::Make(mysql_errno::kWrongValueForVar,
                                  "Variable 'transaction_mode' can't be set to the value of '" + v +
                                      "' (single, multi or twopc)");
          }
          if (cursor_.in_transaction()) {
            co_return Error::Make(mysql_errno::kUnknown,
                                  "cannot change transaction_mode inside a transaction");
          }
          cursor_.SetTransactionMode(*mode);
          continue;
        }
        if (name == "ddl_strategy" && assignment.value &&
            assignment.value->kind() == ast::ExprKind::kLiteral) {
          std::string v = AsciiLower(assignment.value->As<ast::Literal>().text);
          if (v != "online" && v != "direct") {
            co_return Error::Make(mysql_errno::kWrongValueForVar,
                                  "Variable 'ddl_strategy' can't be set to the value of '" + v +
                                      "' (online or direct)");
          }
          ddl_online_ = v == "online";
          continue;
        }
        Status set = co_await SetShardVariable(assignment);
        if (!set.ok()) co_return set.error();
        continue;
      }
      case ast::SetTarget::kTransaction: {
        // Shards run MariaDB's defaults, REPEATABLE READ and READ WRITE:
        // asking for them is fine, anything else is not done yet.
        std::string rest = assignment.name;
        bool supported = true;
        size_t start = 0;
        while (start <= rest.size()) {
          size_t comma = rest.find(',', start);
          if (comma == std::string::npos) comma = rest.size();
          std::string part = rest.substr(start, comma - start);
          while (!part.empty() && part.front() == ' ') part.erase(part.begin());
          while (!part.empty() && part.back() == ' ') part.pop_back();
          if (part != "ISOLATION LEVEL REPEATABLE READ" && part != "READ WRITE") supported = false;
          start = comma + 1;
        }
        if (!supported || assignment.scope == ast::VarScope::kGlobal) {
          co_return Error::Make(mysql_errno::kNotSupportedYet,
                                "unsupported: SET TRANSACTION " + assignment.name +
                                    " (shards run REPEATABLE READ, READ WRITE)");
        }
        continue;
      }
      case ast::SetTarget::kUserVar: {
        Status set = co_await SetUserVariable(assignment);
        if (!set.ok()) co_return set.error();
        continue;
      }
      default:
        co_return Error::Make(mysql_errno::kNotSupportedYet, "unsupported: this form of SET");
    }
  }
  co_return ResultSet{};
}

asio::awaitable<Result<ResultSet>> Session::RunShow(ast::ShowStatement& show,
                                                    std::string_view sql) {
  const VSchema& vschema = worker_.vschema();
  if (show.what == ast::ShowKind::kDatabases) {
    std::vector<std::string> names;
    for (const auto& ks : vschema.keyspaces())
      if (MayUse(ks->name) && (!show.has_like || LikeMatch(ks->name, show.like)))
        names.push_back(ks->name);
    co_return SingleColumn("Database", names);
  }
  // Everything else is answered by one shard of the keyspace it names.
  std::string keyspace = keyspace_;
  if (!show.db.empty()) keyspace = show.db;
  if (!show.table.qualifier.empty()) keyspace = show.table.qualifier;
  if (!keyspace.empty() && !MayUse(keyspace)) {
    co_return Error::Make(mysql_errno::kDbAccessDenied, "Access denied for user '" + user_ +
                                                            "'@'%' to database '" + keyspace + "'");
  }
  const KeyspaceInfo* ks = vschema.FindKeyspace(keyspace);
  if (ks == nullptr) {
    if (keyspace.empty()) co_return Error::Make(mysql_errno::kNoDb, "No database selected");
    co_return Error::Make(mysql_errno::kBadDb, "Unknown database '" + keyspace + "'");
  }
  std::string text(sql);
  if (!show.db.empty() || !show.table.qualifier.empty()) {
    show.db.clear();
    show.table.qualifier.clear();
    text = sql::Format(show);
  }
  ShardQuery query{&ks->shards.front(), std::move(text)};
  auto result = co_await cursor_.ExecuteOne(std::move(query));
  if (result.ok() && show.what == ast::ShowKind::kTables && !result->fields.empty()) {
    // The shard names its database; the client asked about the keyspace.
    auto& field = result->fields[0];
    const std::string prefix = "Tables_in_" + cursor_.DatabaseFor(ks->name);
    if (field.name.rfind(prefix, 0) == 0)
      field.name = "Tables_in_" + ks->name + field.name.substr(prefix.size());
    field.org_name = field.name;
  }
  if (result.ok() && show.what == ast::ShowKind::kVariables &&
      show.scope != ast::VarScope::kGlobal && result->fields.size() >= 2) {
    // autocommit lives in vtgate; the shard's pooled connection keeps its own.
    for (auto& row : result->rows) {
      if (row.size() >= 2 && row[0] && AsciiLower(*row[0]) == "autocommit")
        row[1] = autocommit_ ? "ON" : "OFF";
    }
  }
  co_return result;
}

}  // namespace tessera::vtgate
