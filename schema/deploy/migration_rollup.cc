#include "schema/deploy/migration_rollup.h"

#include <map>

#include "schema/deploy/tablet_migration.h"

namespace tessera::schema {
namespace {

bool Is(const DeployMigrationRecord& m, const char* state) {
  return m.state == state;
}

bool IsBroken(const DeployMigrationRecord& m) {
  return Is(m, tablet_state::kFailed) || Is(m, tablet_state::kCancelled);
}

}  // namespace

MigrationRollup RollUp(const std::vector<DeployMigrationRecord>& migrations,
                       std::string_view purpose) {
  MigrationRollup out;
  bool all_complete = true;
  bool any_unsubmitted = false;
  // Per shard: has unfinished work, has a ready_to_complete one, is copying.
  struct ShardWork {
    bool unfinished = false;
    bool ready = false;
    bool copying = false;
  };
  std::map<std::string, ShardWork> shards;
  for (const auto& m : migrations) {
    if (m.purpose != purpose) continue;
    if (IsBroken(m)) {
      out.outcome = RollupOutcome::kFailed;
      out.message = "shard " + m.shard + ", table " + m.table + ": migration " + m.uuid + " " +
                    m.state + (m.message.empty() ? "" : ": " + m.message);
      return out;
    }
    if (!m.submitted) any_unsubmitted = true;
    if (Is(m, tablet_state::kComplete)) continue;
    all_complete = false;
    ShardWork& work = shards[m.shard];
    work.unfinished = true;
    if (Is(m, tablet_state::kReadyToComplete)) work.ready = true;
    if (Is(m, tablet_state::kRunning)) work.copying = true;
  }
  if (any_unsubmitted) {
    out.outcome = RollupOutcome::kSubmitting;
    return out;
  }
  if (all_complete) {
    out.outcome = RollupOutcome::kComplete;
    return out;
  }
  bool waiting = true;
  for (const auto& [shard, work] : shards) {
    if (work.unfinished && (!work.ready || work.copying)) waiting = false;
  }
  out.outcome = waiting ? RollupOutcome::kWaitingForCutover : RollupOutcome::kRunning;
  return out;
}

std::vector<ShardProgress> ProgressByShard(const std::vector<DeployMigrationRecord>& migrations,
                                           std::string_view purpose) {
  std::vector<ShardProgress> out;
  for (const auto& m : migrations) {
    if (m.purpose != purpose) continue;
    ShardProgress* shard = nullptr;
    for (auto& s : out)
      if (s.shard == m.shard) shard = &s;
    if (shard == nullptr) {
      out.push_back(ShardProgress{m.shard, "", 0, {}});
      shard = &out.back();
    }
    shard->migrations.push_back(m);
  }
  // Least advanced first: a shard is as far as its slowest migration.
  const char* const order[] = {tablet_state::kFailed,   tablet_state::kCancelled,
                               kMigrationPending,       tablet_state::kQueued,
                               tablet_state::kRunning,  tablet_state::kReadyToComplete,
                               tablet_state::kComplete, tablet_state::kReverted};
  for (auto& shard : out) {
    int total = 0;
    for (const auto& m : shard.migrations)
      total += Is(m, tablet_state::kComplete) || Is(m, tablet_state::kReverted) ? 100 : m.progress;
    shard.progress =
        shard.migrations.empty() ? 0 : total / static_cast<int>(shard.migrations.size());
    for (const char* state : order) {
      bool found = false;
      for (const auto& m : shard.migrations) found = found || Is(m, state);
      if (found) {
        shard.state = state;
        break;
      }
    }
    if (shard.state.empty()) shard.state = shard.migrations.front().state;
  }
  return out;
}

}  // namespace tessera::schema
