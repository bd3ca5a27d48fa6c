#include "vtgate/twopc/two_phase_commit.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/logging.h"
#include "vtgate/twopc/transaction_log.h"
#include "vtgate/worker_context.h"

namespace tessera::vtgate::twopc {
namespace asio = boost::asio;
namespace {

std::string NameOf(const ShardInfo& shard) {
  return shard.keyspace + "/" + shard.name;
}

// A statement on the log shard, outside any transaction.
asio::awaitable<Result<ResultSet>> OnLog(TabletClient& tablet, std::string sql) {
  rpc::ExecuteRequest request;
  request.sql = std::move(sql);
  rpc::ExecuteResponse response = co_await tablet.Execute(std::move(request));
  co_return std::move(response.result);
}

asio::awaitable<Status> WriteRecord(TabletClient& tablet, const std::string& insert) {
  Result<ResultSet> inserted = co_await OnLog(tablet, insert);
  if (inserted.ok()) co_return Status::Ok();
  if (!IsMissingLog(inserted.error().code)) co_return inserted.error();
  for (const std::string& create : CreateLogSql()) {
    Result<ResultSet> created = co_await OnLog(tablet, create);
    if (!created.ok()) co_return created.error();
  }
  Result<ResultSet> again = co_await OnLog(tablet, insert);
  if (!again.ok()) co_return again.error();
  co_return Status::Ok();
}

// Tries to move the record to `to`; returns the state it has afterwards
// (nullopt: no record), or an error when that cannot be known.
asio::awaitable<Result<std::optional<State>>> Decide(TabletClient& tablet, const std::string& dtid,
                                                     State to) {
  Result<ResultSet> updated = co_await OnLog(tablet, DecideSql(dtid, to));
  if (updated.ok() && updated->affected_rows == 1) co_return std::optional<State>(to);
  // Lost the race, or the answer: read what the record says now.
  Result<ResultSet> read = co_await OnLog(tablet, SelectStateSql(dtid));
  if (!read.ok()) co_return read.error();
  co_return ParseState(*read);
}

asio::awaitable<void> Pause(WorkerContext& worker, TwoPcSettings::Pause at) {
  const TwoPcSettings& settings = worker.transaction_settings().twopc;
  if (settings.pause != at || settings.pause_for.count() <= 0) co_return;
  asio::steady_timer timer(worker.io(), settings.pause_for);
  boost::system::error_code ignored;
  co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

enum class Step { kPrepare, kCommit, kRollback };

asio::awaitable<Status> Run(WorkerContext& worker, const Branch& branch, Step step) {
  TabletClient& tablet = worker.tablet(*branch.shard);
  if (step == Step::kCommit) co_return co_await tablet.Commit(branch.transaction_id);
  if (step == Step::kRollback) co_return co_await tablet.Rollback(branch.transaction_id);
  rpc::ExecuteRequest prepare;
  prepare.transaction_id = branch.transaction_id;
  prepare.prepare = true;
  rpc::ExecuteResponse prepared = co_await tablet.Execute(std::move(prepare));
  if (!prepared.result.ok()) co_return prepared.result.error();
  co_return Status::Ok();
}

// `step` on every branch at once (each shard's tablet in its own
// coroutine on this worker); the outcomes in branch order.
asio::awaitable<std::vector<Status>> OnEveryBranch(WorkerContext& worker,
                                                   const std::vector<Branch>& branches, Step step) {
  std::vector<Status> outcomes(branches.size());
  size_t pending = branches.size();
  asio::steady_timer done(worker.io(), asio::steady_timer::time_point::max());
  for (size_t i = 0; i < branches.size(); ++i) {
    asio::co_spawn(
        worker.io(),
        [&worker, &branches, &outcomes, &pending, &done, i, step]() -> asio::awaitable<void> {
          outcomes[i] = co_await Run(worker, branches[i], step);
          if (--pending == 0) done.cancel();
        },
        asio::detached);
  }
  boost::system::error_code ignored;
  while (pending > 0) co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  co_return outcomes;
}

// Rolls back every branch; true when all ended.
asio::awaitable<bool> RollbackAll(WorkerContext& worker, const std::vector<Branch>& branches) {
  std::vector<Status> outcomes = co_await OnEveryBranch(worker, branches, Step::kRollback);
  bool all = true;
  for (const Status& s : outcomes)
    if (!s.ok()) all = false;
  co_return all;
}

}  // namespace

asio::awaitable<Status> CommitTwoPhase(WorkerContext& worker, const std::string& dtid,
                                       std::vector<Branch> branches,
                                       std::vector<Warning>& warnings) {
  auto log = GetLogger("vtgate");
  const ShardInfo& log_shard = *branches.front().shard;
  TabletClient& log_tablet = worker.tablet(log_shard);

  std::vector<Participant> participants;
  for (const Branch& branch : branches)
    participants.push_back(Participant{branch.ordinal, branch.shard->keyspace, branch.shard->name});
  Status recorded = co_await WriteRecord(log_tablet, InsertSql(dtid, participants));
  if (!recorded.ok()) {
    co_await RollbackAll(worker, branches);
    Error error = recorded.error();
    error.message = "twopc: cannot record distributed transaction " + dtid + " on " +
                    NameOf(log_shard) + ": " + error.message + "; it was rolled back";
    co_return error;
  }

  // Phase one.
  std::optional<Error> prepare_failed;
  std::vector<Status> prepared = co_await OnEveryBranch(worker, branches, Step::kPrepare);
  for (size_t i = 0; i < branches.size() && !prepare_failed; ++i) {
    if (prepared[i].ok()) continue;
    prepare_failed = prepared[i].error();
    prepare_failed->message = "twopc: prepare failed on " + NameOf(*branches[i].shard) + ": " +
                              prepare_failed->message + "; the transaction was rolled back";
  }
  co_await Pause(worker, TwoPcSettings::Pause::kAfterPrepare);

  Result<std::optional<State>> decided = Error::Internal("not decided");
  if (prepare_failed) {
    decided = co_await Decide(log_tablet, dtid, State::kRollback);
  } else {
    decided = co_await Decide(log_tablet, dtid, State::kCommit);
  }
  if (!decided.ok()) {
    // The branches stay as they are; the resolver reads the record later.
    log->warn("twopc: outcome of {} not known: {}", dtid, decided.error().message);
    co_return Error::Make(mysql_errno::kUnknown,
                          "twopc: the outcome of distributed transaction " + dtid +
                              " could not be recorded on " + NameOf(log_shard) + " (" +
                              decided.error().message +
                              "); it will be committed or rolled back by the resolver");
  }
  const bool commit = *decided == State::kCommit;
  co_await Pause(worker, TwoPcSettings::Pause::kAfterDecision);

  if (!commit) {
    // Rolled back: by us after a failed prepare, or by a resolver that
    // judged the record abandoned.
    const bool ended = co_await RollbackAll(worker, branches);
    if (ended) (void)co_await OnLog(log_tablet, DeleteSql(dtid));
    if (prepare_failed) co_return *prepare_failed;
    co_return Error::Make(mysql_errno::kUnknown, "twopc: distributed transaction " + dtid +
                                                     " was rolled back by the resolver before "
                                                     "its commit could be recorded");
  }

  // Phase two: decided, so the statement succeeds whatever fails now.
  bool all_committed = true;
  std::vector<Status> committed = co_await OnEveryBranch(worker, branches, Step::kCommit);
  for (size_t i = 0; i < branches.size(); ++i) {
    const Branch& branch = branches[i];
    const Status& s = committed[i];
    if (s.ok()) continue;
    all_committed = false;
    log->warn("twopc: commit of {} on {} failed, left to the resolver: {}", dtid,
              NameOf(*branch.shard), s.error().message);
    warnings.push_back(Warning{"Warning", mysql_errno::kUnknown,
                               "twopc: distributed transaction " + dtid + " is committed; its " +
                                   "part on " + NameOf(*branch.shard) +
                                   " will be finished by the resolver (" + s.error().message +
                                   ")"});
  }
  if (all_committed) (void)co_await OnLog(log_tablet, DeleteSql(dtid));
  co_return Status::Ok();
}

}  // namespace tessera::vtgate::twopc
