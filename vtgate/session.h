// Session: one client connection's executor. It parses each statement,
// answers session statements itself (USE, BEGIN/COMMIT/ROLLBACK, SET,
// SHOW DATABASES, PREPARE/EXECUTE/DEALLOCATE PREPARE, ...) and hands table
// statements to the planner, then runs the plan through its SessionCursor.
// Lives on one worker thread.
//
// Branches: a client that logged in with a branch credential works on that
// branch's databases only, within its role (reader: reads; writer: also
// writes, and DDL on development branches; admin: everything); `USE
// keyspace@branch` lets config accounts target a branch. DDL on a production
// branch with safe migrations is refused. With `SET @@ddl_strategy =
// 'online'`, CREATE/ALTER/DROP TABLE become online migrations on every shard
// (session_admin.cc), which SHOW MIGRATIONS, ALTER MIGRATION and REVERT
// MIGRATION manage.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/sequence_table.h"
#include "sqlparser/format.h"
#include "vtgate/admin_statement.h"
#include "vtgate/branch_directory.h"
#include "vtgate/mysql/session_handler.h"
#include "vtgate/planner/planner.h"
#include "vtgate/prepared_statement.h"
#include "vtgate/session_cursor.h"
#include "vtgate/sql_prepared_statements.h"
#include "vtgate/worker_context.h"

namespace tessera::vtgate {

class Session final : public mysql::SessionHandler {
 public:
  // `query_timeout_ms` > 0: the session starts with that query_timeout.
  Session(WorkerContext& worker, const mysql::ClientInfo& client, uint64_t query_timeout_ms = 0);

  boost::asio::awaitable<Result<ResultSet>> Query(std::string_view sql) override;
  Status UseDatabase(std::string_view database) override;
  uint16_t StatusFlags() const override;
  // "keyspace" or "keyspace@branch" after USE keyspace@branch.
  std::string Database() const override;
  // Rolls back the open transaction on every shard.
  boost::asio::awaitable<void> Close() override;
  // KILL QUERY from another connection: the shard statements running now
  // are killed on their tablets (session_process.cc).
  void Interrupt() override;
  // Prepared statements (session_prepared.cc).
  boost::asio::awaitable<Result<mysql::PreparedInfo>> Prepare(std::string_view sql) override;
  boost::asio::awaitable<Result<ResultSet>> ExecutePrepared(
      std::string_view sql, const std::vector<std::string>& params) override;

 private:
  // SELECT NEXT <n> VALUES FROM <sequence>: the first of n values, as Vitess answers it.
  boost::asio::awaitable<Result<ResultSet>> NextSequenceValues(const NextValuesRequest& request);
  // SAVEPOINT, RELEASE SAVEPOINT, LOCK/UNLOCK TABLES.
  // Query without the LAST_INSERT_ID() bookkeeping.
  boost::asio::awaitable<Result<ResultSet>> Dispatch(std::string_view sql);
  boost::asio::awaitable<Result<ResultSet>> Run(sql::ast::Statement& stmt, std::string_view sql);
  // Executes a plan; a write outside a transaction goes through the
  // cursor's autocommit-write bracket (SessionCursor::BeginAutocommitWrite).
  enum class PlanKind { kRead, kInsert, kUpdateOrDelete };
  boost::asio::awaitable<Result<ResultSet>> ExecutePlan(const Primitive& plan,
                                                        const BindValues& binds, PlanKind kind);
  boost::asio::awaitable<Result<ResultSet>> RunShow(sql::ast::ShowStatement& show,
                                                    std::string_view sql);
  boost::asio::awaitable<Result<ResultSet>> RunSet(sql::ast::SetStatement& set);
  // SHOW WARNINGS / ERRORS [LIMIT] and SHOW COUNT(*) WARNINGS / ERRORS, from
  // the last statement's diagnostics (session_diagnostics.cc).
  boost::asio::awaitable<Result<ResultSet>> ShowDiagnostics(const sql::ast::ShowStatement& show);
  // After each statement: keeps its warnings (or its error) for those.
  void RecordDiagnostics(Result<ResultSet>& result);
  // As MariaDB does it: a statement that uses no table and raises nothing
  // (SET, USE, BEGIN, COMMIT, PREPARE, SELECT without FROM, SHOW WARNINGS
  // itself) leaves the
  // previous statement's diagnostics in place.
  static bool KeepsDiagnostics(const sql::ast::Statement& stmt);
  // @@warning_count and @@error_count.
  uint64_t DiagnosticsCount(bool errors_only) const;
  // SHOW PROCESSLIST and KILL over the server's client connections
  // (session_process.cc).
  Result<ResultSet> ShowProcesslist(const sql::ast::ShowStatement& show) const;
  boost::asio::awaitable<Result<ResultSet>> RunKill(const sql::ast::KillStatement& kill);
  // SQL-level PREPARE / EXECUTE (sql_prepared_statements.h). EXECUTE runs the
  // bound text through Dispatch, as a COM_QUERY of that text would run.
  Result<ResultSet> PrepareNamed(const sql::ast::PrepareStatement& prepare);
  boost::asio::awaitable<Result<ResultSet>> ExecuteNamed(const sql::ast::ExecuteStatement& execute);
  // Session system variables for the shards (session_variables.cc).
  boost::asio::awaitable<Status> SetShardVariable(const sql::ast::SetAssignment& assignment);
  // The settings every shard query of the next statement carries: the
  // session's, with max_statement_time from a /*vt+ QUERY_TIMEOUT_MS */
  // directive when `timeout_ms` is set.
  void ApplyStatementSettings(std::optional<uint64_t> timeout_ms);
  boost::asio::awaitable<Status> SetUserVariable(const sql::ast::SetAssignment& assignment);
  // `expr`'s value as a SQL literal: literals as written, anything else
  // evaluated on a shard under the session's settings and user variables.
  boost::asio::awaitable<Result<std::string>> EvaluateOnShard(const sql::ast::Expr& expr);
  // Format options writing each @user_var as its value.
  sql::FormatOptions UserVariableSubstitution() const;
  // Looks the tables of every auto_vschema keyspace up on the shards (at most
  // once a second unless `force`); true if any lookup ran and succeeded.
  boost::asio::awaitable<bool> DiscoverTablesOnce(bool force);
  // Reads the column lists of `keyspace` ("" for every keyspace) from the
  // shards (at most once a second per keyspace unless `force`); true if any
  // read ran and succeeded.
  boost::asio::awaitable<bool> TrackColumnsOnce(bool force, const std::string& keyspace);
  // A planner error that fresh column lists might resolve: an unknown or
  // ambiguous column, or one vtgate could not give its table.
  static bool MayNeedColumnLists(const Error& error);

  // Branches and online DDL (session_admin.cc).
  enum class Access { kSession, kRead, kWrite, kDdl };
  static Access AccessOf(sql::ast::StatementKind kind);
  Status Authorize(Access access, const std::string& keyspace) const;
  std::string BranchOf(const std::string& keyspace) const;
  // The current keyspace's branch for the plan cache key, without copying:
  // empty for its main branch (no USE ks@branch, no branch credential).
  std::string_view PlanBranch() const;
  // Replaces FOUND_ROWS() and ROW_COUNT() in `stmt` with the session's
  // values; true when there were any (error when FOUND_ROWS() is unknown).
  Result<bool> SubstituteStatementCounters(sql::ast::Statement& stmt) const;
  // What the planner plans for: the keyspace, or "keyspace:shard" when the
  // session targets one shard.
  const std::string& PlanTarget() const { return plan_target_; }
  // SHOW UNRESOLVED TRANSACTIONS [FOR keyspace] (session_topology.cc).
  boost::asio::awaitable<Result<ResultSet>> ShowUnresolvedTransactions(const std::string& keyspace);
  bool MayUse(const std::string& keyspace) const;
  std::string DdlKeyspace(const sql::ast::Statement& stmt) const;
  boost::asio::awaitable<Result<ResultSet>> RunAdmin(const AdminStatement& statement);
  // SHOW KEYSPACES/SHARDS/TABLETS/VSCHEMA TABLES, VEXPLAIN PLAN (session_topology.cc).
  boost::asio::awaitable<Result<ResultSet>> RunTopologyStatement(const AdminStatement& statement);
  boost::asio::awaitable<Result<ResultSet>> SubmitOnlineDdl(sql::ast::Statement& stmt,
                                                            const std::string& keyspace);
  boost::asio::awaitable<Result<std::vector<ResultSet>>> OnEveryShard(const std::string& keyspace,
                                                                      const std::string& sql);

  WorkerContext& worker_;
  Planner planner_;
  SessionCursor cursor_;
  std::string keyspace_;     // current keyspace, "" when none
  std::string plan_target_;  // keyspace_, or "keyspace:shard" after `USE keyspace:shard`
  bool autocommit_ = true;
  std::map<std::string, std::string> shard_variables_;  // name -> SQL value, for SET STATEMENT
  std::map<std::string, std::string> user_variables_;   // lower-case name -> SQL literal
  uint64_t last_insert_id_ = 0;  // LAST_INSERT_ID(): the last value generated for this session
  // ROW_COUNT(): the last statement's affected rows, -1 after a result set or an error.
  int64_t row_count_ = -1;
  // FOUND_ROWS(): the rows the last SELECT returned; unknown (nullopt) after a
  // SQL_CALC_FOUND_ROWS with LIMIT, which would need the rows without it.
  std::optional<uint64_t> found_rows_ = 0;
  // The last statement's warnings, or its error, for SHOW WARNINGS
  // (session_diagnostics.cc).
  std::vector<Warning> last_warnings_;
  uint64_t last_warning_count_ = 0;  // can exceed the list (max_error_count)
  // The running statement leaves them as they are unless it raises its own.
  bool keeps_diagnostics_ = false;
  PreparedStatementCache prepared_;       // parsed prepared statements, by text
  SqlPreparedStatements named_prepared_;  // PREPARE name FROM ...
  std::string user_;
  uint32_t connection_id_;
  mysql::ClientDirectory* directory_;           // null when the session runs without a server
  std::optional<BranchCredential> credential_;  // set: logged in with a branch credential
  // The keyspaces this user may use (a credential's one, or the config
  // user's `keyspaces`); empty: all.
  std::vector<std::string> allowed_keyspaces_;
  std::map<std::string, std::string> branch_of_;  // keyspace -> branch chosen with USE ks@branch
  bool ddl_online_ = false;                       // SET @@ddl_strategy = 'online'
};

}  // namespace tessera::vtgate
