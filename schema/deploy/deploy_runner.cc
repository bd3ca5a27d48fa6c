#include "schema/deploy/deploy_runner.h"

#include <map>
#include <set>

#include "common/logging.h"
#include "schema/branches/branch_name.h"
#include "schema/deploy/deploy_action.h"
#include "schema/deploy/deploy_diff.h"
#include "schema/deploy/migration_rollup.h"
#include "schema/deploy/tablet_migration.h"
#include "schema/deploy/utc_time.h"
#include "schema/model/schema.h"
#include "schema/store/service_error.h"

namespace tessera::schema {
namespace {

namespace ds = deploy_state;

bool IsUnfinished(const DeployMigrationRecord& m) {
  return m.state == tablet_state::kQueued || m.state == tablet_state::kRunning ||
         m.state == tablet_state::kReadyToComplete;
}

std::string Label(const DeployRequestRecord& request) {
  return "deploy request " + std::to_string(request.id) + " (" + request.keyspace + ")";
}

// Copies what the tablet reported into `m`; true when anything changed.
bool Absorb(DeployMigrationRecord& m, const TabletMigration& t) {
  DeployMigrationRecord before = m;
  m.submitted = true;
  m.state = t.state;
  m.progress = t.progress;
  m.rows_copied = t.rows_copied;
  m.rows_estimated = t.rows_estimated;
  m.eta_seconds = t.eta_seconds;
  m.message = t.message;
  m.revert_window_ends = t.revert_window_ends;
  m.throttle_ratio = t.throttle_ratio;
  m.events_applied = t.events_applied;
  m.binlog_lag_bytes = t.binlog_lag_bytes;
  return before.throttle_ratio != m.throttle_ratio || before.events_applied != m.events_applied ||
         before.binlog_lag_bytes != m.binlog_lag_bytes || before.state != m.state ||
         before.progress != m.progress || before.rows_copied != m.rows_copied ||
         before.rows_estimated != m.rows_estimated || before.eta_seconds != m.eta_seconds ||
         before.message != m.message || before.revert_window_ends != m.revert_window_ends ||
         !before.submitted;
}

}  // namespace

void DeployRunner::Advance() {
  auto log = GetLogger("deploy");
  auto active = store_.ListDeployRequestsInStates(
      {ds::kQueued, ds::kRunning, ds::kPendingCutover, ds::kReverting, ds::kComplete});
  if (!active.ok()) {
    log->warn("cannot list deploy requests: {}", active.error().message);
    return;
  }
  std::map<std::string, int64_t> busy;  // keyspace -> the request on its tablets
  for (auto& request : *active) {
    if (IsOnTabletsState(request.state)) {
      Poll(request);
      if (IsOnTabletsState(request.state)) busy.emplace(request.keyspace, request.id);
    } else if (request.state == ds::kComplete) {
      CloseEndedRevertWindow(request);
    }
  }
  // Oldest first: one request per keyspace on the tablets at a time.
  for (auto& request : *active) {
    if (request.state != ds::kQueued) continue;
    auto running = busy.find(request.keyspace);
    if (running != busy.end()) {
      std::string waiting = "queued behind deploy request " + std::to_string(running->second);
      if (request.message != waiting) {
        request.message = waiting;
        (void)Save(request);
      }
      continue;
    }
    busy.emplace(request.keyspace, request.id);
    Start(request);
  }
}

void DeployRunner::Start(DeployRequestRecord request) {
  auto log = GetLogger("deploy");
  // The DDL was computed against main's definitions of the request's tables
  // when it was queued; an earlier request may have changed them since.
  auto current = catalog_.CurrentSchema(request.keyspace, request.into_branch);
  if (!current.ok()) {
    log->warn("{}: cannot read the schema of {}: {}", Label(request), request.into_branch,
              current.error().message);
    return;
  }
  auto parsed = ParseSchema(*current);
  if (!parsed.ok()) {
    log->warn("{}: cannot parse the schema of {}: {}", Label(request), request.into_branch,
              parsed.error().message);
    return;
  }
  auto recorded = ParseSchema(request.main_tables);
  const Schema was = recorded.ok() ? *recorded : Schema{};
  std::vector<std::string> changed;
  for (const auto& table : request.tables) {
    if (TablesSnapshot(*parsed, {table}) != TablesSnapshot(was, {table})) changed.push_back(table);
  }
  if (!changed.empty()) {
    std::string list;
    for (const auto& t : changed) list += (list.empty() ? "" : ", ") + t;
    request.state = ds::kFailed;
    request.message = "table " + list + " changed on " + request.into_branch +
                      " since this request was deployed; open a new deploy request";
    log->warn("{}: {}", Label(request), request.message);
    (void)Save(request);
    return;
  }
  request.state = ds::kRunning;
  request.message = "";
  if (!Save(request).ok()) return;
  log->info("{}: starting {} statement(s) on every shard", Label(request), request.ddl.size());
  Status submitted = SubmitPending(request, migration_purpose::kDeploy);
  if (!submitted.ok()) log->warn("{}: {}", Label(request), submitted.error().message);
  // A ratio set while the request was queued holds from the first chunk.
  if (!request.throttle_ratio.empty()) {
    std::vector<std::string> unreachable;
    auto migrations = Refresh(request, &unreachable);
    Status throttled = migrations.ok() ? SendThrottle(request, *migrations, /*every=*/false)
                                       : Status(migrations.error());
    if (!throttled.ok()) log->warn("{}: {}", Label(request), throttled.error().message);
  }
}

void DeployRunner::Poll(DeployRequestRecord& request) {
  auto log = GetLogger("deploy");
  const bool reverting = request.state == ds::kReverting;
  const char* purpose = reverting ? migration_purpose::kRevert : migration_purpose::kDeploy;
  if (Status s = SubmitPending(request, purpose); !s.ok())
    log->warn("{}: {}", Label(request), s.error().message);
  std::vector<std::string> unreachable;
  auto migrations = Refresh(request, &unreachable);
  if (!migrations.ok()) {
    log->warn("{}: {}", Label(request), migrations.error().message);
    return;
  }
  if (!reverting && !request.throttle_ratio.empty()) {
    if (Status s = SendThrottle(request, *migrations, /*every=*/false); !s.ok())
      log->warn("{}: {}", Label(request), s.error().message);
  }
  const DeployRequestRecord before = request;
  MigrationRollup rollup = RollUp(*migrations, purpose);
  if (reverting) {
    if (rollup.outcome == RollupOutcome::kFailed) {
      request.state = ds::kFailed;
      request.message = "revert failed: " + rollup.message;
    } else if (rollup.outcome == RollupOutcome::kComplete) {
      // The tablet marks the original reverted just after the revert
      // completes; wait for that too so the recorded states agree.
      bool originals_reverted = true;
      for (const auto& m : *migrations)
        if (m.purpose == migration_purpose::kDeploy && m.state != tablet_state::kReverted)
          originals_reverted = false;
      if (originals_reverted) {
        request.state = ds::kReverted;
        request.message = "";
        RebaseBranch(request);
      }
    }
  } else {
    switch (rollup.outcome) {
      case RollupOutcome::kFailed:
        if (Status s = CancelMigrations(request); !s.ok())
          log->warn("{}: cancelling the other migrations: {}", Label(request), s.error().message);
        request.state = ds::kFailed;
        request.message = rollup.message;
        break;
      case RollupOutcome::kComplete: {
        request.state = ds::kComplete;
        request.message = "";
        auto now = std::chrono::system_clock::now();
        request.completed_at = UtcTimestamp(now);
        bool revertible = true;
        for (const auto& m : *migrations)
          if (m.purpose == migration_purpose::kDeploy && m.revert_window_ends.empty())
            revertible = false;
        RebaseBranch(request);
        if (revertible) {
          request.revert_window_ends = UtcTimestamp(now + revert_window_);
        } else {
          request.state = ds::kClosed;
          request.message = "deployed; the tablets keep no revert window for this change";
        }
        break;
      }
      case RollupOutcome::kWaitingForCutover:
        if (request.cutover_requested || request.auto_apply) {
          if (Status s = CutOverReady(request); !s.ok())
            log->warn("{}: {}", Label(request), s.error().message);
          request.state = ds::kRunning;
        } else {
          request.state = ds::kPendingCutover;
          request.message = "every shard is ready to cut over; apply the request to complete it";
        }
        break;
      case RollupOutcome::kRunning:
      case RollupOutcome::kSubmitting:
        if (request.cutover_requested) {
          if (Status s = CutOverReady(request); !s.ok())
            log->warn("{}: {}", Label(request), s.error().message);
        }
        request.state = ds::kRunning;
        request.message = "";
        break;
    }
  }
  if (request.state == before.state && !unreachable.empty()) {
    std::string list;
    for (const auto& s : unreachable) list += (list.empty() ? "" : ", ") + s;
    request.message = "cannot reach the tablet of shard " + list + "; retrying";
  }
  if (request.state != before.state || request.message != before.message ||
      request.completed_at != before.completed_at) {
    if (request.state != before.state)
      log->info("{}: {} -> {} {}", Label(request), before.state, request.state, request.message);
    (void)Save(request);
  }
}

void DeployRunner::CloseEndedRevertWindow(DeployRequestRecord request) {
  if (request.revert_window_ends.empty() || UtcNow() < request.revert_window_ends) return;
  request.state = ds::kClosed;
  request.message = "the revert window ended at " + request.revert_window_ends + " UTC";
  GetLogger("deploy")->info("{}: {}", Label(request), request.message);
  (void)Save(request);
}

void DeployRunner::RebaseBranch(const DeployRequestRecord& request) {
  auto log = GetLogger("deploy");
  auto branch = store_.FindBranch(request.keyspace, request.branch);
  if (!branch.ok() || !branch->has_value()) return;  // deleted since: nothing to rebase
  auto main = catalog_.CurrentSchema(request.keyspace, request.into_branch);
  if (!main.ok()) {
    log->warn("{}: cannot rebase branch {}: {}", Label(request), request.branch,
              main.error().message);
    return;
  }
  // Table name -> CREATE text, for the old base and production now.
  auto by_name = [](const std::vector<std::string>& statements) {
    std::map<std::string, std::string> out;
    for (const auto& text : statements) {
      auto table = ParseTable(text);
      if (table.ok()) out[table->name] = text;
    }
    return out;
  };
  std::map<std::string, std::string> base = by_name((*branch)->base_schema);
  const std::map<std::string, std::string> now = by_name(*main);
  for (const auto& table : request.tables) {
    auto it = now.find(table);
    if (it == now.end()) {
      base.erase(table);
    } else {
      base[table] = it->second;
    }
  }
  BranchRecord rebased = **branch;
  rebased.base_schema.clear();
  for (const auto& [name, text] : base) rebased.base_schema.push_back(text);
  if (Status s = store_.UpdateBranch(rebased); !s.ok())
    log->warn("{}: cannot rebase branch {}: {}", Label(request), request.branch, s.error().message);
}

Status DeployRunner::Save(const DeployRequestRecord& request) {
  Status s = store_.SaveDeployRequest(MetadataStore::DeployRequestUpdate{request, {}, {}});
  if (!s.ok()) GetLogger("deploy")->warn("{}: {}", Label(request), s.error().message);
  return s;
}

Status DeployRunner::SubmitPending(const DeployRequestRecord& request, std::string_view purpose) {
  auto migrations = store_.ListDeployMigrations(request.id);
  if (!migrations.ok()) return migrations.error();
  std::map<std::string, std::set<std::string>> known;  // shard -> uuids its tablet has
  std::set<std::string> skipped;                       // shards to try again later
  Status result = Status::Ok();
  for (auto& m : *migrations) {
    if (m.purpose != purpose || m.submitted || m.state != kMigrationPending) continue;
    if (skipped.count(m.shard)) continue;
    if (!known.count(m.shard)) {
      auto shown = Command(request, m.shard, "MIGRATION SHOW");
      auto rows = shown.ok() ? ParseMigrationShow(*shown)
                             : Result<std::vector<TabletMigration>>(shown.error());
      if (!rows.ok()) {
        skipped.insert(m.shard);
        result = WithContext("shard " + m.shard, rows.error());
        continue;
      }
      for (const auto& t : *rows) known[m.shard].insert(t.uuid);
    }
    if (!known[m.shard].count(m.uuid)) {
      const std::string command = purpose == migration_purpose::kDeploy
                                      ? "MIGRATION SUBMIT '" + m.uuid + "' " +
                                            (request.auto_apply ? "" : "POSTPONE ") + m.ddl
                                      : "MIGRATION REVERT '" + m.reverts + "' '" + m.uuid + "'";
      auto sent = Command(request, m.shard, command);
      if (!sent.ok()) {
        if (IsUnavailable(sent.error())) {
          skipped.insert(m.shard);
          result = WithContext("shard " + m.shard, sent.error());
          continue;
        }
        // The tablet refused it: nothing later on this shard may run.
        m.state = tablet_state::kFailed;
        m.message = "the tablet refused it: " + sent.error().message;
        skipped.insert(m.shard);
        if (Status s = store_.UpdateDeployMigration(m); !s.ok()) return s;
        continue;
      }
      GetLogger("deploy")->info("{}: submitted {} {} on shard {}", Label(request), purpose, m.uuid,
                                m.shard);
    }
    m.submitted = true;
    m.state = tablet_state::kQueued;
    if (Status s = store_.UpdateDeployMigration(m); !s.ok()) return s;
  }
  return result;
}

Result<std::vector<DeployMigrationRecord>> DeployRunner::Refresh(
    const DeployRequestRecord& request, std::vector<std::string>* unreachable) {
  auto migrations = store_.ListDeployMigrations(request.id);
  if (!migrations.ok()) return migrations.error();
  std::map<std::string, std::map<std::string, TabletMigration>> shown;  // shard -> uuid -> row
  std::set<std::string> failed;
  for (auto& m : *migrations) {
    if (!m.submitted || failed.count(m.shard)) continue;
    if (!shown.count(m.shard)) {
      auto answer = Command(request, m.shard, "MIGRATION SHOW");
      auto rows = answer.ok() ? ParseMigrationShow(*answer)
                              : Result<std::vector<TabletMigration>>(answer.error());
      if (!rows.ok()) {
        failed.insert(m.shard);
        if (unreachable) unreachable->push_back(m.shard);
        continue;
      }
      auto& by_uuid = shown[m.shard];
      for (auto& t : *rows) by_uuid.emplace(t.uuid, std::move(t));
    }
    auto it = shown[m.shard].find(m.uuid);
    if (it == shown[m.shard].end()) continue;
    if (Absorb(m, it->second)) {
      if (Status s = store_.UpdateDeployMigration(m); !s.ok()) return s.error();
    }
  }
  return migrations;
}

Status DeployRunner::CutOverReady(const DeployRequestRecord& request) {
  auto migrations = store_.ListDeployMigrations(request.id);
  if (!migrations.ok()) return migrations.error();
  Status result = Status::Ok();
  for (const auto& m : *migrations) {
    if (m.purpose != migration_purpose::kDeploy || m.state != tablet_state::kReadyToComplete)
      continue;
    auto sent = Command(request, m.shard, "MIGRATION CUTOVER '" + m.uuid + "'");
    if (!sent.ok()) result = WithContext("shard " + m.shard + ": cut-over", sent.error());
  }
  return result;
}

Status DeployRunner::ForceCutOver(const DeployRequestRecord& request) {
  auto migrations = store_.ListDeployMigrations(request.id);
  if (!migrations.ok()) return migrations.error();
  Status result = Status::Ok();
  for (const auto& m : *migrations) {
    if (m.purpose != migration_purpose::kDeploy || !m.submitted || !IsUnfinished(m)) continue;
    auto sent = Command(request, m.shard, "MIGRATION FORCE_CUTOVER '" + m.uuid + "'");
    if (!sent.ok()) result = WithContext("shard " + m.shard + ": forced cut-over", sent.error());
  }
  return result;
}

Status DeployRunner::Throttle(const DeployRequestRecord& request) {
  std::vector<std::string> unreachable;
  auto migrations = Refresh(request, &unreachable);
  if (!migrations.ok()) return migrations.error();
  return SendThrottle(request, *migrations, /*every=*/true);
}

Status DeployRunner::SendThrottle(const DeployRequestRecord& request,
                                  std::vector<DeployMigrationRecord>& migrations, bool every) {
  const std::string& ratio = request.throttle_ratio;
  if (ratio.empty()) return Status::Ok();
  Status result = Status::Ok();
  for (auto& m : migrations) {
    if (m.purpose != migration_purpose::kDeploy || !m.submitted || !IsUnfinished(m)) continue;
    if (!every && m.throttle_ratio_sent == ratio) continue;
    // UNTHROTTLE also lifts a full THROTTLE: ratio 0 means copy at full speed.
    const std::string command = ratio == "0" ? "MIGRATION UNTHROTTLE '" + m.uuid + "'"
                                             : "MIGRATION THROTTLE '" + m.uuid + "' RATIO " + ratio;
    auto sent = Command(request, m.shard, command);
    if (!sent.ok()) {
      if (IsUnavailable(sent.error())) {
        result = WithContext("shard " + m.shard + ": throttle", sent.error());
        continue;  // sent again on the next pass
      }
      // It finished meanwhile; there is nothing left to throttle.
      GetLogger("deploy")->info("{}: throttle {} on {}: {}", Label(request), m.uuid, m.shard,
                                sent.error().message);
    }
    m.throttle_ratio_sent = ratio;
    if (Status s = store_.UpdateDeployMigration(m); !s.ok()) return s;
  }
  return result;
}

Status DeployRunner::CancelMigrations(const DeployRequestRecord& request) {
  auto migrations = store_.ListDeployMigrations(request.id);
  if (!migrations.ok()) return migrations.error();
  Status result = Status::Ok();
  for (auto& m : *migrations) {
    if (m.purpose != migration_purpose::kDeploy) continue;
    if (!m.submitted && m.state == kMigrationPending) {
      m.state = tablet_state::kCancelled;
      m.message = "cancelled before it was submitted";
    } else if (m.submitted && IsUnfinished(m)) {
      auto sent = Command(request, m.shard, "MIGRATION CANCEL '" + m.uuid + "'");
      if (!sent.ok()) {
        if (IsUnavailable(sent.error())) {
          result = WithContext("shard " + m.shard, sent.error());
        } else {
          // It finished meanwhile; the next read shows how.
          GetLogger("deploy")->info("{}: cancel {} on {}: {}", Label(request), m.uuid, m.shard,
                                    sent.error().message);
        }
        continue;
      }
      m.state = tablet_state::kCancelled;
    } else {
      continue;
    }
    if (Status s = store_.UpdateDeployMigration(m); !s.ok()) return s;
  }
  return result;
}

Status DeployRunner::SkipRevert(const DeployRequestRecord& request) {
  auto migrations = store_.ListDeployMigrations(request.id);
  if (!migrations.ok()) return migrations.error();
  Status result = Status::Ok();
  for (const auto& m : *migrations) {
    if (m.purpose != migration_purpose::kDeploy || m.state != tablet_state::kComplete) continue;
    auto sent = Command(request, m.shard, "MIGRATION SKIP REVERT '" + m.uuid + "'");
    if (!sent.ok() && IsUnavailable(sent.error()))
      result = WithContext("shard " + m.shard, sent.error());
  }
  return result;
}

const config::ShardConfig* DeployRunner::FindShard(const std::string& keyspace,
                                                   const std::string& shard) const {
  const config::KeyspaceConfig* ks = topology_.FindKeyspace(keyspace);
  if (ks == nullptr) return nullptr;
  for (const auto& s : ks->shards)
    if (s.name == shard) return &s;
  return nullptr;
}

std::string DeployRunner::Database(const DeployRequestRecord& request) {
  return BranchDatabaseName(request.keyspace, request.into_branch);
}

Result<ResultSet> DeployRunner::Command(const DeployRequestRecord& request,
                                        const std::string& shard, const std::string& command) {
  const config::ShardConfig* config = FindShard(request.keyspace, shard);
  if (config == nullptr)
    return Error::Internal("keyspace " + request.keyspace + " has no shard " + shard);
  return tablets_.Execute(*config, Database(request), command);
}

}  // namespace tessera::schema
