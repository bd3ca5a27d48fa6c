#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include "vttablet/tabletserver/query_service.h"

#include <algorithm>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/logging.h"
#include "vttablet/tabletserver/query_killer.h"

namespace tessera::vttablet {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kExpiredIdsKept = 4096;

// Transaction ids start at the wall-clock microsecond so that ids from an
// earlier run of the tablet are not reused by this one.
uint64_t FirstTransactionId() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
}

}  // namespace

QueryService::QueryService(asio::any_io_executor executor, MariaDbParams params,
                           QueryServiceOptions options, AdminCommands* admin,
                           asio::any_io_executor admin_executor)
    : executor_(executor),
      admin_(admin),
      admin_executor_(admin_executor),
      params_(params),
      options_(options),
      pool_(executor, params, std::max<size_t>(1, options.pool_size)),
      sequences_(pool_),
      health_connection_(executor, params),
      alive_(std::make_shared<bool>(true)),
      next_transaction_id_(FirstTransactionId()) {}

QueryService::~QueryService() {
  *alive_ = false;
}

void QueryService::Start() {
  asio::co_spawn(executor_, HealthLoop(), asio::detached);
  asio::co_spawn(executor_, ReapLoop(), asio::detached);
}

std::chrono::milliseconds QueryService::TimeoutFor(const rpc::ExecuteRequest& request) const {
  if (request.timeout_ms > 0) return std::chrono::milliseconds(request.timeout_ms);
  return options_.default_query_timeout;
}

Error QueryService::NoSuchTransaction(uint64_t transaction_id) const {
  if (auto it = expired_.find(transaction_id); it != expired_.end() && it->second) {
    return Error::Internal(
        fmt::format("transaction {} was prepared and idle for more than {} ms: the tablet left it "
                    "prepared in MariaDB for the resolver",
                    transaction_id, options_.transaction_idle_timeout.count()));
  }
  if (expired_.contains(transaction_id)) {
    return Error::Internal(fmt::format(
        "transaction {} was rolled back by the tablet after being idle for more than {} ms",
        transaction_id, options_.transaction_idle_timeout.count()));
  }
  return Error::Internal(fmt::format(
      "transaction {} is not open on this tablet (already ended, or unknown)", transaction_id));
}

asio::awaitable<rpc::ExecuteResponse> QueryService::Execute(rpc::ExecuteRequest request) {
  co_return co_await ExecuteCancellable(std::move(request), nullptr);
}

asio::awaitable<Result<ResultSet>> QueryService::RunStatement(MariaDbConnection& connection,
                                                              const rpc::ExecuteRequest& request,
                                                              StatementCancel* cancel,
                                                              bool* killed) {
  if (cancel == nullptr) {
    co_return co_await connection.Execute(request.database, request.sql, request.max_rows,
                                          TimeoutFor(request));
  }
  // Connected first, so that a cancel from now on knows the thread to kill.
  if (!connection.connected()) {
    Status connected = co_await connection.Connect();
    if (!connected.ok()) co_return connected.error();
  }
  if (cancel->cancelled()) {
    co_return Error::Make(mysql_errno::kQueryInterrupted, "Query execution was interrupted");
  }
  // One pointer for the handler, so that setting it allocates nothing.
  struct Stop {
    QueryService* service;
    MariaDbConnection* connection;
    std::unique_ptr<QueryKiller> killer;
  } stop{this, &connection, nullptr};
  cancel->OnCancel([&stop] {
    const uint64_t thread = stop.connection->thread_id();
    if (thread == 0 || stop.killer) return;
    stop.killer = std::make_unique<QueryKiller>(stop.service->executor_, stop.service->params_);
    stop.killer->Kill(thread);
  });
  auto result = co_await connection.Execute(request.database, request.sql, request.max_rows,
                                            TimeoutFor(request));
  cancel->OnCancel({});
  if (stop.killer) {
    *killed = true;
    co_await stop.killer->Done();
  }
  co_return result;
}

asio::awaitable<rpc::ExecuteResponse> QueryService::ExecuteCancellable(
    rpc::ExecuteRequest request, std::shared_ptr<StatementCancel> cancel) {
  ++queries_executed_;
  if (auto next = ParseNextValues(request.sql)) {
    auto result = co_await sequences_.Next(request.database, std::move(*next));
    co_return rpc::ExecuteResponse{std::move(result), request.transaction_id};
  }
  if (request.transaction_id != 0 || request.begin)
    co_return co_await ExecuteInTransaction(std::move(request), std::move(cancel));
  if (admin_ != nullptr && admin_->Handles(request.sql))
    co_return co_await ExecuteAdmin(std::move(request));
  auto connection = co_await pool_.Acquire();
  bool killed = false;
  auto result = co_await RunStatement(*connection, request, cancel.get(), &killed);
  if (killed) connection->Disconnect();
  pool_.Release(std::move(connection));
  co_return rpc::ExecuteResponse{std::move(result), 0};
}

asio::awaitable<rpc::ExecuteResponse> QueryService::ExecuteAdmin(rpc::ExecuteRequest request) {
  // Hop to the admin thread for the blocking work, then back.
  co_await asio::post(admin_executor_, asio::use_awaitable);
  Result<ResultSet> result = admin_->Run(request.database, request.sql);
  co_await asio::post(executor_, asio::use_awaitable);
  co_return rpc::ExecuteResponse{std::move(result), 0};
}

asio::awaitable<rpc::ExecuteResponse> QueryService::ExecuteInTransaction(
    rpc::ExecuteRequest request, std::shared_ptr<StatementCancel> cancel) {
  uint64_t id = request.transaction_id;
  if (request.begin) {
    if (id != 0) {
      co_return rpc::ExecuteResponse{
          Error::Internal(fmt::format("cannot begin: already in transaction {}", id)), id};
    }
    auto connection = co_await pool_.Acquire();
    const std::string begin_sql = request.xid.empty() ? "BEGIN" : "XA START " + request.xid;
    auto begun = co_await connection->Execute(request.database, begin_sql, 0, TimeoutFor(request));
    if (!begun.ok()) {
      pool_.Release(std::move(connection));
      co_return rpc::ExecuteResponse{std::move(begun).error(), 0};
    }
    id = next_transaction_id_++;
    transactions_.emplace(id, Transaction{std::move(connection), Clock::now(), false, request.xid});
    if (request.sql.empty() && !request.prepare)
      co_return rpc::ExecuteResponse{std::move(begun), id};
  }

  auto it = transactions_.find(id);
  if (it == transactions_.end()) co_return rpc::ExecuteResponse{NoSuchTransaction(id), id};
  if (it->second.busy) {
    co_return rpc::ExecuteResponse{
        Error::Internal(fmt::format("transaction {} is busy with another statement", id)), id};
  }
  if (request.prepare) {
    if (it->second.xid.empty()) {
      co_return rpc::ExecuteResponse{
          Error::Internal(fmt::format("transaction {} is not an XA transaction", id)), id};
    }
    it->second.busy = true;
    auto prepared = co_await PrepareXa(it->second, request);
    it = transactions_.find(id);
    it->second.busy = false;
    it->second.last_used = Clock::now();
    if (!it->second.connection->connected()) {
      pool_.Release(std::move(it->second.connection));
      transactions_.erase(it);
    }
    co_return rpc::ExecuteResponse{std::move(prepared), id};
  }
  if (it->second.prepared) {
    co_return rpc::ExecuteResponse{
        Error::Internal(fmt::format("transaction {} is prepared: only commit or rollback", id)),
        id};
  }
  it->second.busy = true;
  MariaDbConnection* connection = it->second.connection.get();
  bool killed = false;
  auto result = co_await RunStatement(*connection, request, cancel.get(), &killed);
  if (killed && connection->connected() &&
      (result.ok() || result.error().code != mysql_errno::kQueryInterrupted)) {
    // The kill came after the statement ended: MariaDB keeps it for the
    // connection's next statement, which is this harmless one.
    (void)co_await connection->Execute("", "DO 0", 0, TimeoutFor(request));
  }
  // The entry is pinned while busy: nothing else may erase it.
  it = transactions_.find(id);
  it->second.busy = false;
  it->second.last_used = Clock::now();
  if (!connection->connected()) {
    // The connection died, and the transaction with it (MariaDB rolled it back).
    pool_.Release(std::move(it->second.connection));
    transactions_.erase(it);
  }
  co_return rpc::ExecuteResponse{std::move(result), id};
}

asio::awaitable<Result<ResultSet>> QueryService::PrepareXa(Transaction& transaction,
                                                           const rpc::ExecuteRequest& request) {
  MariaDbConnection& connection = *transaction.connection;
  const std::string xid = transaction.xid;
  auto ended = co_await connection.Execute("", "XA END " + xid, 0, TimeoutFor(request));
  if (!ended.ok()) co_return ended;
  auto prepared = co_await connection.Execute("", "XA PREPARE " + xid, 0, TimeoutFor(request));
  // Only a successful prepare is one; after a failed one MariaDB has rolled
  // the branch back, or the connection is gone.
  // (The entry is pinned while busy, and unordered_map keeps references.)
  if (prepared.ok()) transaction.prepared = true;
  co_return prepared;
}

asio::awaitable<Status> QueryService::Commit(uint64_t transaction_id) {
  return EndTransaction(transaction_id, /*commit=*/true);
}

asio::awaitable<Status> QueryService::Rollback(uint64_t transaction_id) {
  return EndTransaction(transaction_id, /*commit=*/false);
}

asio::awaitable<Status> QueryService::EndTransaction(uint64_t transaction_id, bool commit) {
  auto it = transactions_.find(transaction_id);
  if (it == transactions_.end()) co_return NoSuchTransaction(transaction_id);
  if (it->second.busy) {
    co_return Error::Internal(
        fmt::format("transaction {} is busy with another statement", transaction_id));
  }
  auto connection = std::move(it->second.connection);
  const std::string xid = std::move(it->second.xid);
  const bool prepared = it->second.prepared;
  transactions_.erase(it);
  const auto timeout = options_.default_query_timeout;
  Result<ResultSet> result = ResultSet{};
  if (xid.empty()) {
    const char* verb = commit ? "COMMIT" : "ROLLBACK";
    result = co_await connection->Execute("", verb, 0, timeout);
  } else if (prepared) {
    const std::string end = (commit ? "XA COMMIT " : "XA ROLLBACK ") + xid;
    result = co_await connection->Execute("", end, 0, timeout);
  } else {
    result = co_await connection->Execute("", "XA END " + xid, 0, timeout);
    const std::string end = commit ? "XA COMMIT " + xid + " ONE PHASE" : "XA ROLLBACK " + xid;
    if (result.ok()) result = co_await connection->Execute("", end, 0, timeout);
  }
  // An XA branch that did not end cleanly must not stay on a pooled
  // connection: closing it rolls back an active branch and leaves a prepared
  // one to the resolver.
  if (!result.ok() && !xid.empty()) connection->Disconnect();
  pool_.Release(std::move(connection));
  if (!result.ok()) co_return std::move(result).error();
  co_return Status::Ok();
}

rpc::HealthResponse QueryService::Health() {
  return rpc::HealthResponse{serving_, health_message_, queries_executed_, transactions_.size()};
}

void QueryService::RememberExpired(uint64_t transaction_id, bool prepared) {
  expired_[transaction_id] = prepared;
  expired_order_.push_back(transaction_id);
  if (expired_order_.size() > kExpiredIdsKept) {
    expired_.erase(expired_order_.front());
    expired_order_.pop_front();
  }
}

asio::awaitable<void> QueryService::HealthLoop() {
  auto alive = alive_;
  auto log = GetLogger("vttablet");
  asio::steady_timer timer(executor_);
  while (*alive) {
    auto probe = co_await health_connection_.Execute("", "SELECT 1", 0, params_.connect_timeout);
    if (!*alive) co_return;
    bool now_serving = probe.ok();
    if (now_serving != serving_) {
      if (now_serving) {
        log->info("MariaDB at {} is reachable; serving", params_.Address());
      } else {
        log->warn("MariaDB at {} is not reachable: {}", params_.Address(), probe.error().message);
      }
    }
    serving_ = now_serving;
    health_message_ = now_serving ? "serving" : "MariaDB unavailable: " + probe.error().message;
    timer.expires_after(options_.health_interval);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
}

asio::awaitable<void> QueryService::ReapLoop() {
  auto alive = alive_;
  auto log = GetLogger("vttablet");
  asio::steady_timer timer(executor_);
  auto period = std::clamp(options_.transaction_idle_timeout / 4, std::chrono::milliseconds(10),
                           std::chrono::milliseconds(1000));
  while (*alive) {
    timer.expires_after(period);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    if (!*alive) co_return;
    auto now = Clock::now();
    struct Expired {
      uint64_t id;
      std::unique_ptr<MariaDbConnection> connection;
      std::string xid;
      bool prepared;
    };
    std::vector<Expired> expired;
    for (auto it = transactions_.begin(); it != transactions_.end();) {
      if (!it->second.busy && now - it->second.last_used > options_.transaction_idle_timeout) {
        expired.push_back(Expired{it->first, std::move(it->second.connection),
                                  std::move(it->second.xid), it->second.prepared});
        it = transactions_.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& [id, connection, xid, prepared] : expired) {
      RememberExpired(id, prepared);
      if (prepared) {
        // Its outcome is the coordinator's: detached, it stays prepared in
        // MariaDB until the resolver commits or rolls it back.
        log->warn("leaving prepared XA transaction {} ({}) to the resolver after {} ms idle", id,
                  xid, options_.transaction_idle_timeout.count());
        connection->Disconnect();
      } else if (!xid.empty()) {
        log->info("rolling back XA transaction {} after {} ms idle", id,
                  options_.transaction_idle_timeout.count());
        connection->Disconnect();  // MariaDB rolls back an active branch it loses
      } else {
        log->info("rolling back transaction {} after {} ms idle", id,
                  options_.transaction_idle_timeout.count());
        co_await connection->Execute("", "ROLLBACK", 0, params_.connect_timeout);
      }
      pool_.Release(std::move(connection));
    }
  }
}

}  // namespace tessera::vttablet
