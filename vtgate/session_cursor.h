// SessionCursor: the VCursor of one client session. It sends shard queries
// through the worker's tablet clients and keeps the session's transaction:
// inside a transaction the first statement on a shard starts a tablet-side
// transaction, later ones reuse its id, and Commit/Rollback finish them all.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "vtgate/engine/vcursor.h"
#include "vtgate/gateway/call_interrupt.h"
#include "vtgate/twopc/transaction_settings.h"
#include "vtgate/worker_context.h"

namespace tessera::vtgate {

class SessionCursor final : public VCursor {
 public:
  explicit SessionCursor(WorkerContext& worker) : worker_(worker) {}
  // A client that goes away inside a transaction must not leave its rows
  // locked: the shard transactions still open are rolled back in the
  // background on the worker.
  ~SessionCursor() override;
  SessionCursor(const SessionCursor&) = delete;
  SessionCursor& operator=(const SessionCursor&) = delete;

  boost::asio::awaitable<std::vector<Result<ResultSet>>> ExecuteMulti(
      std::vector<ShardQuery> queries) override;
  boost::asio::awaitable<Result<ResultSet>> ExecuteOne(ShardQuery query) override;
  boost::asio::awaitable<Result<ResultSet>> ExecuteInternal(ShardQuery query) override;
  // Session system variables the client set: every query sent with
  // ExecuteOne/ExecuteMulti runs under them as `SET STATEMENT a=1, b='x' FOR
  // <query>` (MariaDB's per-statement settings, so pooled tablet connections
  // stay shared). "" when none.
  void SetStatementSettings(std::string settings) { settings_ = std::move(settings); }
  // Like ExecuteMulti, but the queries go as they are: for tablet commands.
  boost::asio::awaitable<std::vector<Result<ResultSet>>> ExecuteMultiVerbatim(
      std::vector<ShardQuery> queries);

  // Transaction control. Begin only marks the session; shard transactions
  // start lazily with the first statement each shard sees.
  void Begin() { in_transaction_ = true; }
  // transaction_mode: `single` refuses a statement that would bring a second
  // shard into a transaction (the transaction stays usable on its shard);
  // `multi` (the default) commits shard by shard and names the shards that
  // failed to commit; `twopc` makes every shard's part an XA branch and
  // commits a transaction on several shards with CommitTwoPhase.
  void SetTransactionMode(TransactionMode mode) { mode_ = mode; }
  TransactionMode transaction_mode() const { return mode_; }
  bool in_transaction() const { return in_transaction_; }

  // A write statement outside a transaction (autocommit) that sends to more
  // than one shard at once:
  // - in transaction_mode single it is refused before anything is sent;
  // - when `atomic` (INSERT, REPLACE), or in transaction_mode twopc, the
  //   shard queries run in an implicit
  //   transaction that EndAutocommitWrite commits when the statement
  //   succeeded and rolls back otherwise, as one MariaDB undoes a failed
  //   statement whole;
  // - otherwise (UPDATE, DELETE) each shard commits on its own: holding row
  //   locks on every shard until all are done would let two concurrent
  //   scatter writes deadlock across shards, which no MariaDB detects.
  // A write to one shard stays a plain autocommit statement.
  void BeginAutocommitWrite(bool atomic) {
    autocommit_write_ = true;
    atomic_write_ = atomic;
  }
  boost::asio::awaitable<Status> EndAutocommitWrite(bool statement_ok);
  void WriteInOneTransaction() override {
    if (autocommit_write_ && !in_transaction_) {
      in_transaction_ = true;
      implicit_transaction_ = true;
    }
  }
  // KILL QUERY: the shard statements in flight are killed on their tablets,
  // and the rest of the current statement's shard queries fail with 1317
  // until ResetInterrupt() (when the next statement starts).
  void Interrupt() { interrupt_.Interrupt(); }
  // The warnings the shards reported for the queries sent since the last
  // call, in arrival order.
  std::vector<Warning> TakeWarnings() { return std::exchange(warnings_, {}); }
  void ResetInterrupt() { interrupt_.Reset(); }
  boost::asio::awaitable<Status> Commit();
  boost::asio::awaitable<Status> Rollback();

  // Savepoints of the open transaction. Each is set on every shard already
  // in the transaction, and replayed on a shard that joins later before its
  // first statement, so rolling back to one undoes the work of every shard
  // since then. Outside a transaction they are accepted and forgotten, as
  // in autocommit MariaDB. An unknown name is 1305.
  boost::asio::awaitable<Status> Savepoint(const std::string& name);
  boost::asio::awaitable<Status> RollbackToSavepoint(const std::string& name);
  boost::asio::awaitable<Status> ReleaseSavepoint(const std::string& name);

  // Branches: statements for `keyspace` go to `database` on its shards
  // instead of the keyspace's production database.
  void SetKeyspaceDatabase(const std::string& keyspace, std::string database);
  void ClearKeyspaceDatabase(const std::string& keyspace) { databases_.erase(keyspace); }
  const std::string& DatabaseFor(const std::string& keyspace) const;
  // A branch credential reaches one keyspace only, a config user with
  // `keyspaces` those: any other is refused with 1044 naming `user`. An
  // empty list lifts the restriction.
  void RestrictToKeyspaces(std::vector<std::string> keyspaces, std::string user);

 private:
  boost::asio::awaitable<Result<ResultSet>> Send(ShardQuery query);
  boost::asio::awaitable<std::vector<Result<ResultSet>>> SendAll(std::vector<ShardQuery> queries,
                                                                 bool verbatim);

  WorkerContext& worker_;
  CallInterrupt interrupt_;
  std::vector<Warning> warnings_;
  std::map<std::string, std::string> databases_;  // keyspace -> branch database
  std::vector<std::string> allowed_keyspaces_;    // empty: all
  std::string user_;
  bool in_transaction_ = false;
  TransactionMode mode_ = TransactionMode::kMulti;
  // twopc: the distributed transaction's id and its branches' numbers.
  std::string dtid_;
  size_t branches_begun_ = 0;
  std::map<const ShardInfo*, size_t> ordinals_;
  bool autocommit_write_ = false;  // between Begin/EndAutocommitWrite
  bool atomic_write_ = false;
  bool implicit_transaction_ = false;  // opened by such a write
  std::string settings_;               // "a=1, b='x'" or ""
  // Statements on every shard in the transaction; the first failure wins.
  boost::asio::awaitable<Status> OnTransactionShards(const std::string& sql);
  // Forgets the ended transaction.
  void EndTransactionState();

  std::vector<std::string> savepoints_;                // in the order they were set
  std::set<const ShardInfo*> beginning_;               // shards whose first statement is in flight
  std::map<const ShardInfo*, uint64_t> transactions_;  // shard -> tablet transaction id
};

}  // namespace tessera::vtgate
