// QueryService: the tablet's TabletService against one MariaDB.
// - Autocommit statements run on a pooled connection.
// - `begin` reserves a connection for a new transaction and returns its
//   tablet-side id; statements with that id run on it; Commit/Rollback end it
//   and return the connection. With an `xid` the transaction is an XA branch
//   of a two-phase commit (see rpc::ExecuteRequest): `prepare` prepares it,
//   and a prepared branch the tablet has to let go of (idle timeout, a failed
//   commit) is detached, left prepared in MariaDB, not rolled back. A transaction idle longer than
//   `transaction_idle_timeout` is rolled back and its id answers with a clear
//   error afterwards.
// - `max_rows` is enforced; `timeout_ms` (or the default) bounds a statement.
// - Health reports serving=false until a probe statement succeeds, and again
//   whenever probes fail.
// - `SELECT NEXT <n> VALUES FROM <sequence>` is answered by the SequenceCache,
//   never inside a transaction (values handed out are never given back).
// - Statements the AdminCommands (if given) handle are answered by them, on
//   `admin_executor` (a thread of their own), outside transactions only.
// Single-threaded: all calls on the io_context given at construction.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "vttablet/mariadb/mariadb_connection.h"
#include "vttablet/mariadb/mariadb_params.h"
#include "vttablet/tabletserver/admin_commands.h"
#include "vttablet/tabletserver/connection_pool.h"
#include "vttablet/tabletserver/sequence_cache.h"
#include "vttablet/tabletserver/tablet_service.h"

namespace tessera::vttablet {

struct QueryServiceOptions {
  size_t pool_size = 16;
  std::chrono::milliseconds transaction_idle_timeout{30000};
  std::chrono::milliseconds default_query_timeout{0};  // 0: none
  std::chrono::milliseconds health_interval{1000};
};

class QueryService : public TabletService {
 public:
  QueryService(boost::asio::any_io_executor executor, MariaDbParams params,
               QueryServiceOptions options = {}, AdminCommands* admin = nullptr,
               boost::asio::any_io_executor admin_executor = {});
  ~QueryService() override;

  // Starts the health probe and the idle-transaction reaper.
  void Start();

  boost::asio::awaitable<rpc::ExecuteResponse> Execute(rpc::ExecuteRequest request) override;
  // A raised `cancel` stops the statement with KILL QUERY on its MariaDB
  // connection (1317). A pooled connection that saw a kill is closed before
  // it goes back, so a late kill cannot reach another caller's statement; a
  // transaction keeps its connection: a kill that came after its statement
  // ended is spent on a `DO 0`, not on the transaction's next statement.
  boost::asio::awaitable<rpc::ExecuteResponse> ExecuteCancellable(
      rpc::ExecuteRequest request, std::shared_ptr<StatementCancel> cancel) override;
  boost::asio::awaitable<Status> Commit(uint64_t transaction_id) override;
  boost::asio::awaitable<Status> Rollback(uint64_t transaction_id) override;
  rpc::HealthResponse Health() override;

 private:
  struct Transaction {
    std::unique_ptr<MariaDbConnection> connection;
    std::chrono::steady_clock::time_point last_used;
    bool busy = false;
    std::string xid;        // an XA branch ("" for a plain transaction)
    bool prepared = false;  // XA PREPARE done
  };

  boost::asio::awaitable<rpc::ExecuteResponse> ExecuteInTransaction(
      rpc::ExecuteRequest request, std::shared_ptr<StatementCancel> cancel);
  // Runs the request's statement on `connection`, stopped by `cancel` (may
  // be null); *killed tells whether a KILL QUERY was sent.
  boost::asio::awaitable<Result<ResultSet>> RunStatement(MariaDbConnection& connection,
                                                         const rpc::ExecuteRequest& request,
                                                         StatementCancel* cancel, bool* killed);
  boost::asio::awaitable<rpc::ExecuteResponse> ExecuteAdmin(rpc::ExecuteRequest request);
  boost::asio::awaitable<Status> EndTransaction(uint64_t transaction_id, bool commit);
  // XA END + XA PREPARE of the transaction's XA branch.
  boost::asio::awaitable<Result<ResultSet>> PrepareXa(Transaction& transaction,
                                                      const rpc::ExecuteRequest& request);
  Error NoSuchTransaction(uint64_t transaction_id) const;
  std::chrono::milliseconds TimeoutFor(const rpc::ExecuteRequest& request) const;
  boost::asio::awaitable<void> HealthLoop();
  boost::asio::awaitable<void> ReapLoop();
  void RememberExpired(uint64_t transaction_id, bool prepared);

  boost::asio::any_io_executor executor_;
  AdminCommands* admin_;
  boost::asio::any_io_executor admin_executor_;
  MariaDbParams params_;
  QueryServiceOptions options_;
  ConnectionPool pool_;
  SequenceCache sequences_;
  MariaDbConnection health_connection_;
  std::shared_ptr<bool> alive_;  // loops stop once this is false

  std::unordered_map<uint64_t, Transaction> transactions_;
  uint64_t next_transaction_id_;
  // Recently ended for idleness: id -> whether it was a prepared XA branch
  // (left to the resolver rather than rolled back).
  std::unordered_map<uint64_t, bool> expired_;
  std::deque<uint64_t> expired_order_;

  bool serving_ = false;
  std::string health_message_ = "connecting to MariaDB";
  uint64_t queries_executed_ = 0;
};

}  // namespace tessera::vttablet
