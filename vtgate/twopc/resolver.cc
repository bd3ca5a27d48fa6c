#include "vtgate/twopc/resolver.h"

#include <set>
#include <vector>

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

constexpr uint16_t kUnknownXid = 1397;  // XAER_NOTA

asio::awaitable<Result<ResultSet>> Run(TabletClient& tablet, std::string sql) {
  rpc::ExecuteRequest request;
  request.sql = std::move(sql);
  rpc::ExecuteResponse response = co_await tablet.Execute(std::move(request));
  co_return std::move(response.result);
}

const ShardInfo* FindShard(const VSchema& vschema, const Participant& p) {
  const KeyspaceInfo* keyspace = vschema.FindKeyspace(p.keyspace);
  if (keyspace == nullptr) return nullptr;
  for (const auto& shard : keyspace->shards)
    if (shard.name == p.shard) return &shard;
  return nullptr;
}

}  // namespace

TwoPcResolver::TwoPcResolver(WorkerContext& worker)
    : worker_(worker), alive_(std::make_shared<bool>(true)) {}

TwoPcResolver::~TwoPcResolver() {
  *alive_ = false;
}

void TwoPcResolver::Start() {
  asio::co_spawn(worker_.io(), Loop(alive_), asio::detached);
}

asio::awaitable<void> TwoPcResolver::Loop(std::shared_ptr<bool> alive) {
  asio::steady_timer timer(worker_.io());
  while (*alive) {
    (void)co_await ResolveOnce();
    if (!*alive) co_return;
    timer.expires_after(worker_.transaction_settings().twopc.resolve_interval);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
}

asio::awaitable<size_t> TwoPcResolver::ResolveOnce() {
  auto log = GetLogger("vtgate");
  const auto abandon_age = worker_.transaction_settings().twopc.abandon_age;
  const auto now = std::chrono::steady_clock::now();
  std::vector<const ShardInfo*> shards;
  for (const auto& keyspace : worker_.vschema().keyspaces())
    for (const auto& shard : keyspace->shards) shards.push_back(&shard);

  // Prepared branches first: a branch seen here had its record written
  // before, so the records read next include it unless it ended since.
  std::map<const ShardInfo*, std::set<std::string>> prepared;
  std::map<std::string, std::vector<std::pair<const ShardInfo*, std::string>>> by_dtid;
  for (const ShardInfo* shard : shards) {
    Result<ResultSet> recovered = co_await Run(worker_.tablet(*shard), "XA RECOVER");
    if (!recovered.ok()) {
      // Without the right (MariaDB: SUPER or XA_RECOVER_ADMIN) the shard's
      // prepared branches stay invisible and nothing here can end them.
      constexpr uint16_t kSpecificAccessDenied = 1227;
      if (recovered.error().code == kSpecificAccessDenied &&
          refused_recover_.insert(shard->name + "@" + std::to_string(shard->tablet.port)).second) {
        log->warn(
            "twopc resolver: XA RECOVER refused on tablet {}:{} ({}); its prepared "
            "branches cannot be resolved until its MariaDB user may run it",
            shard->tablet.host, shard->tablet.port, recovered.error().message);
      }
      continue;
    }
    prepared[shard];  // answered, perhaps with nothing
    for (auto& branch : RecoveredBranches(*recovered)) {
      prepared[shard].insert(branch.xa_id);
      by_dtid[branch.dtid].emplace_back(shard, branch.xa_id);
    }
  }
  bool every_log_read = true;
  std::map<std::string, std::pair<const ShardInfo*, TransactionRecord>> records;
  for (const ShardInfo* shard : shards) {
    Result<ResultSet> rows = co_await Run(worker_.tablet(*shard), SelectAllSql());
    if (!rows.ok()) {
      if (!IsMissingLog(rows.error().code)) every_log_read = false;
      continue;
    }
    for (auto& record : ParseRecords(*rows)) {
      std::string dtid = record.dtid;
      records.try_emplace(std::move(dtid), shard, std::move(record));
    }
  }

  size_t ended = 0;
  for (auto& [dtid, entry] : records) {
    auto& [log_shard, record] = entry;
    if (std::chrono::milliseconds(record.age_ms) < abandon_age) continue;
    TabletClient& log_tablet = worker_.tablet(*log_shard);
    State state = record.state;
    if (state == State::kPrepare) {
      Result<ResultSet> moved = co_await Run(log_tablet, DecideSql(dtid, State::kRollback));
      if (!moved.ok() || moved->affected_rows != 1) continue;  // decided meanwhile: next pass
      log->warn("twopc resolver: rolling back abandoned distributed transaction {}", dtid);
      state = State::kRollback;
    }
    const bool commit = state == State::kCommit;
    bool all_ended = true;
    for (const Participant& participant : record.participants) {
      const ShardInfo* shard = FindShard(worker_.vschema(), participant);
      if (shard == nullptr) {
        log->warn("twopc resolver: {} names shard {}/{}, which this vtgate does not know", dtid,
                  participant.keyspace, participant.shard);
        all_ended = false;
        continue;
      }
      const std::string xa_id = XaId(dtid, participant.ordinal);
      auto it = prepared.find(shard);
      if (it == prepared.end()) {
        all_ended = false;  // the shard did not answer: keep the record
        continue;
      }
      if (!it->second.contains(xa_id)) continue;  // not prepared there: ended
      const std::string end = (commit ? "XA COMMIT " : "XA ROLLBACK ") + xa_id;
      Result<ResultSet> done = co_await Run(worker_.tablet(*shard), end);
      if (done.ok()) {
        ++ended;
        it->second.erase(xa_id);
        log->info("twopc resolver: {} on {}/{}", end, shard->keyspace, shard->name);
      } else {
        all_ended = false;
        if (done.error().code != kUnknownXid) {
          log->warn("twopc resolver: {} on {}/{} failed: {}", end, shard->keyspace, shard->name,
                    done.error().message);
        }
      }
    }
    if (all_ended) (void)co_await Run(log_tablet, DeleteSql(dtid));
  }

  // Orphans: prepared branches of ours whose record no shard has.
  std::map<std::string, std::chrono::steady_clock::time_point> still_orphans;
  if (every_log_read) {
    for (const auto& [dtid, branches] : by_dtid) {
      if (records.contains(dtid)) continue;
      for (const auto& [shard, xa_id] : branches) {
        auto seen = orphans_.find(xa_id);
        auto first = seen == orphans_.end() ? now : seen->second;
        if (now - first < abandon_age) {
          still_orphans[xa_id] = first;
          continue;
        }
        Result<ResultSet> done = co_await Run(worker_.tablet(*shard), "XA ROLLBACK " + xa_id);
        if (done.ok()) {
          ++ended;
          log->warn("twopc resolver: rolled back prepared branch {} on {}/{}, which has no record",
                    xa_id, shard->keyspace, shard->name);
        } else {
          still_orphans[xa_id] = first;
        }
      }
    }
  }
  orphans_ = std::move(still_orphans);
  co_return ended;
}

}  // namespace tessera::vtgate::twopc
