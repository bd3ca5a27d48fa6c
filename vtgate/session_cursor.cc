#include "vtgate/session_cursor.h"

#include <algorithm>

#include "common/sql_string.h"
#include "vtgate/twopc/transaction_log.h"
#include "vtgate/twopc/two_phase_commit.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace tessera::vtgate {
namespace asio = boost::asio;

SessionCursor::~SessionCursor() {
  if (transactions_.empty()) return;
  // The worker outlives every session on it, so the coroutine may use it.
  asio::co_spawn(
      worker_.io(),
      [&worker = worker_, open = std::move(transactions_)]() -> asio::awaitable<void> {
        for (const auto& [shard, id] : open) (void)co_await worker.tablet(*shard).Rollback(id);
      },
      asio::detached);
}

void SessionCursor::SetKeyspaceDatabase(const std::string& keyspace, std::string database) {
  databases_[keyspace] = std::move(database);
}

const std::string& SessionCursor::DatabaseFor(const std::string& keyspace) const {
  auto it = databases_.find(keyspace);
  if (it != databases_.end()) return it->second;
  return worker_.vschema().FindKeyspace(keyspace)->database;
}

void SessionCursor::RestrictToKeyspaces(std::vector<std::string> keyspaces, std::string user) {
  allowed_keyspaces_ = std::move(keyspaces);
  user_ = std::move(user);
}

asio::awaitable<Result<ResultSet>> SessionCursor::ExecuteOne(ShardQuery query) {
  if (!settings_.empty()) query.sql = "SET STATEMENT " + settings_ + " FOR " + query.sql;
  co_return co_await Send(std::move(query));
}

asio::awaitable<Result<ResultSet>> SessionCursor::Send(ShardQuery query) {
  if (!allowed_keyspaces_.empty() && std::find(allowed_keyspaces_.begin(), allowed_keyspaces_.end(),
                                               query.shard->keyspace) == allowed_keyspaces_.end()) {
    co_return Error::Make(
        mysql_errno::kDbAccessDenied,
        "Access denied for user '" + user_ + "'@'%' to database '" + query.shard->keyspace + "'");
  }
  rpc::ExecuteRequest request;
  request.database = DatabaseFor(query.shard->keyspace);
  request.sql = std::move(query.sql);
  if (in_transaction_) {
    auto it = transactions_.find(query.shard);
    if (it != transactions_.end()) {
      request.transaction_id = it->second;
    } else if (mode_ == TransactionMode::kSingle &&
               (!transactions_.empty() || !beginning_.empty())) {
      // Shards of a scatter begin concurrently: the ones still beginning count.
      const ShardInfo* open =
          transactions_.empty() ? *beginning_.begin() : transactions_.begin()->first;
      co_return Error::Make(
          mysql_errno::kUnknown,
          "multi-shard transaction attempted in transaction_mode single: " + query.shard->keyspace +
              "/" + query.shard->name + " would join the transaction open on " + open->keyspace +
              "/" + open->name);
    } else {
      request.begin = true;
      beginning_.insert(query.shard);
      if (mode_ == TransactionMode::kTwoPc) {
        if (dtid_.empty()) dtid_ = worker_.NextDtid();
        const size_t ordinal = ++branches_begun_;
        ordinals_[query.shard] = ordinal;
        request.xid = twopc::XaId(dtid_, ordinal);
      }
    }
  }
  const bool begins = request.begin;
  if (begins && !savepoints_.empty()) {
    // A shard joining after savepoints were set gets them first, so a later
    // ROLLBACK TO undoes its work too.
    rpc::ExecuteRequest begin;
    begin.database = request.database;
    begin.begin = true;
    begin.xid = request.xid;
    rpc::ExecuteResponse begun =
        co_await worker_.tablet(*query.shard).Execute(std::move(begin), &interrupt_);
    if (!begun.result.ok() || begun.transaction_id == 0) {
      beginning_.erase(query.shard);
      if (!begun.result.ok()) co_return std::move(begun.result);
      co_return Error::Internal("tablet began no transaction");
    }
    for (const auto& name : savepoints_) {
      rpc::ExecuteRequest set;
      set.database = request.database;
      set.transaction_id = begun.transaction_id;
      set.sql = "SAVEPOINT " + QuoteSqlIdentifier(name);
      rpc::ExecuteResponse done =
          co_await worker_.tablet(*query.shard).Execute(std::move(set), &interrupt_);
      if (!done.result.ok()) {
        beginning_.erase(query.shard);
        transactions_[query.shard] = begun.transaction_id;  // rolled back with the rest
        co_return std::move(done.result);
      }
    }
    request.begin = false;
    request.transaction_id = begun.transaction_id;
  }
  rpc::ExecuteResponse response =
      co_await worker_.tablet(*query.shard).Execute(std::move(request), &interrupt_);
  if (begins) beginning_.erase(query.shard);
  if (in_transaction_ && response.transaction_id != 0) {
    transactions_[query.shard] = response.transaction_id;
  }
  if (response.result.ok() && !response.result->warning_list.empty()) {
    auto& list = response.result->warning_list;
    warnings_.insert(warnings_.end(), std::make_move_iterator(list.begin()),
                     std::make_move_iterator(list.end()));
    list.clear();
  }
  co_return std::move(response.result);
}

asio::awaitable<Result<ResultSet>> SessionCursor::ExecuteInternal(ShardQuery query) {
  rpc::ExecuteRequest request;
  request.database = worker_.vschema().FindKeyspace(query.shard->keyspace)->database;
  request.sql = std::move(query.sql);
  rpc::ExecuteResponse response =
      co_await worker_.tablet(*query.shard).Execute(std::move(request), &interrupt_);
  co_return std::move(response.result);
}

asio::awaitable<std::vector<Result<ResultSet>>> SessionCursor::ExecuteMulti(
    std::vector<ShardQuery> queries) {
  co_return co_await SendAll(std::move(queries), /*verbatim=*/false);
}

asio::awaitable<std::vector<Result<ResultSet>>> SessionCursor::ExecuteMultiVerbatim(
    std::vector<ShardQuery> queries) {
  co_return co_await SendAll(std::move(queries), /*verbatim=*/true);
}

asio::awaitable<std::vector<Result<ResultSet>>> SessionCursor::SendAll(
    std::vector<ShardQuery> queries, bool verbatim) {
  std::vector<Result<ResultSet>> results(queries.size(), Result<ResultSet>(ResultSet{}));
  if (queries.empty()) co_return results;
  if (autocommit_write_ && !in_transaction_) {
    const ShardInfo* other = nullptr;
    for (const auto& query : queries)
      if (query.shard != queries.front().shard) other = query.shard;
    if (other != nullptr && mode_ == TransactionMode::kSingle) {
      const ShardInfo* first = queries.front().shard;
      Error refused = Error::Make(
          mysql_errno::kUnknown,
          "multi-shard autocommit write attempted in transaction_mode single: it would write "
          "to " +
              first->keyspace + "/" + first->name + " and " + other->keyspace + "/" + other->name);
      for (auto& result : results) result = refused;
      co_return results;
    }
    if (other != nullptr && (atomic_write_ || mode_ == TransactionMode::kTwoPc)) {
      in_transaction_ = true;
      implicit_transaction_ = true;
    }
  }
  // Every shard query runs as its own coroutine on this worker; the last one
  // to finish wakes the caller. All of it stays on one thread.
  size_t pending = queries.size();
  asio::steady_timer done(worker_.io(), asio::steady_timer::time_point::max());
  for (size_t i = 0; i < queries.size(); ++i) {
    asio::co_spawn(
        worker_.io(),
        [this, &results, &pending, &done, i, verbatim,
         query = std::move(queries[i])]() mutable -> asio::awaitable<void> {
          // GCC 12 miscompiles co_await inside ?: (and in braced temporaries).
          if (verbatim) {
            results[i] = co_await Send(std::move(query));
          } else {
            results[i] = co_await ExecuteOne(std::move(query));
          }
          if (--pending == 0) done.cancel();
        },
        asio::detached);
  }
  boost::system::error_code ignored;
  while (pending > 0) co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  co_return results;
}

asio::awaitable<Status> SessionCursor::EndAutocommitWrite(bool statement_ok) {
  autocommit_write_ = false;
  if (!implicit_transaction_) co_return Status::Ok();
  implicit_transaction_ = false;
  if (statement_ok) co_return co_await Commit();
  co_return co_await Rollback();
}

void SessionCursor::EndTransactionState() {
  transactions_.clear();
  savepoints_.clear();
  in_transaction_ = false;
  dtid_.clear();
  branches_begun_ = 0;
  ordinals_.clear();
}

asio::awaitable<Status> SessionCursor::Commit() {
  if (mode_ == TransactionMode::kTwoPc && transactions_.size() > 1) {
    std::vector<twopc::Branch> branches;
    for (const auto& [shard, id] : transactions_)
      branches.push_back(twopc::Branch{shard, id, ordinals_.at(shard)});
    std::sort(branches.begin(), branches.end(),
              [](const auto& a, const auto& b) { return a.ordinal < b.ordinal; });
    const std::string dtid = dtid_;
    EndTransactionState();
    co_return co_await twopc::CommitTwoPhase(worker_, dtid, std::move(branches), warnings_);
  }
  Status status;
  std::string failed;
  for (const auto& [shard, id] : transactions_) {
    Status s = co_await worker_.tablet(*shard).Commit(id);
    if (!s.ok() && status.ok()) status = s;
    if (!s.ok()) failed += (failed.empty() ? "" : ", ") + shard->keyspace + "/" + shard->name;
  }
  EndTransactionState();
  if (!status.ok() && !failed.empty()) {
    Error error = status.error();
    error.message += " (commit failed on shards: " + failed + ")";
    co_return error;
  }
  co_return status;
}

asio::awaitable<Status> SessionCursor::OnTransactionShards(const std::string& sql) {
  Status status;
  for (const auto& [shard, id] : transactions_) {
    rpc::ExecuteRequest request;
    request.database = DatabaseFor(shard->keyspace);
    request.transaction_id = id;
    request.sql = sql;
    rpc::ExecuteResponse response =
        co_await worker_.tablet(*shard).Execute(std::move(request), &interrupt_);
    if (!response.result.ok() && status.ok()) status = response.result.error();
  }
  co_return status;
}

asio::awaitable<Status> SessionCursor::Savepoint(const std::string& name) {
  if (!in_transaction_) co_return Status::Ok();
  Status s = co_await OnTransactionShards("SAVEPOINT " + QuoteSqlIdentifier(name));
  if (!s.ok()) co_return s;
  std::erase(savepoints_, name);  // a savepoint set again moves to the end
  savepoints_.push_back(name);
  co_return Status::Ok();
}

asio::awaitable<Status> SessionCursor::RollbackToSavepoint(const std::string& name) {
  auto it = std::find(savepoints_.begin(), savepoints_.end(), name);
  if (!in_transaction_ || it == savepoints_.end())
    co_return Error::Make(mysql_errno::kSpDoesNotExist, "SAVEPOINT " + name + " does not exist");
  savepoints_.erase(it + 1, savepoints_.end());
  co_return co_await OnTransactionShards("ROLLBACK TO SAVEPOINT " + QuoteSqlIdentifier(name));
}

asio::awaitable<Status> SessionCursor::ReleaseSavepoint(const std::string& name) {
  auto it = std::find(savepoints_.begin(), savepoints_.end(), name);
  if (!in_transaction_ || it == savepoints_.end())
    co_return Error::Make(mysql_errno::kSpDoesNotExist, "SAVEPOINT " + name + " does not exist");
  savepoints_.erase(it, savepoints_.end());
  co_return co_await OnTransactionShards("RELEASE SAVEPOINT " + QuoteSqlIdentifier(name));
}

asio::awaitable<Status> SessionCursor::Rollback() {
  Status status;
  for (const auto& [shard, id] : transactions_) {
    Status s = co_await worker_.tablet(*shard).Rollback(id);
    if (!s.ok() && status.ok()) status = s;
  }
  EndTransactionState();
  co_return status;
}

}  // namespace tessera::vtgate
