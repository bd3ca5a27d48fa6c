// MigrationRollup: where a deploy request's migrations of one purpose
// (deploy or revert) stand as a whole, from the states last read from the
// tablets (pure). The lifecycle turns the outcome into the request's state.
//
//   kFailed             some migration failed or was cancelled on its tablet
//                       (`message` names shard, table and the tablet's reason)
//   kSubmitting         some migration has not reached its tablet yet
//   kComplete           every migration is complete on every shard
//   kWaitingForCutover  nothing is copying: every shard with unfinished work
//                       has a migration waiting in ready_to_complete (a tablet
//                       runs one migration at a time, so later ones queue
//                       behind it)
//   kRunning            anything else
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/store/deploy_migration_record.h"

namespace tessera::schema {

enum class RollupOutcome { kSubmitting, kRunning, kWaitingForCutover, kComplete, kFailed };

struct MigrationRollup {
  RollupOutcome outcome = RollupOutcome::kRunning;
  std::string message;
};

MigrationRollup RollUp(const std::vector<DeployMigrationRecord>& migrations,
                       std::string_view purpose);

// One shard's share of a request, for people: the least advanced state of
// its migrations and their mean progress (complete counts as 100).
struct ShardProgress {
  std::string shard;
  std::string state;
  int progress = 0;
  std::vector<DeployMigrationRecord> migrations;  // in statement order
};

// Shards in the order their migrations were recorded.
std::vector<ShardProgress> ProgressByShard(const std::vector<DeployMigrationRecord>& migrations,
                                           std::string_view purpose);

}  // namespace tessera::schema
