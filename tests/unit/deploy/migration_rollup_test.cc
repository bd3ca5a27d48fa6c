// RollUp and ProgressByShard: a request's migrations across shards as one
// outcome.
#include <gtest/gtest.h>

#include "schema/deploy/migration_rollup.h"

namespace tessera::schema {
namespace {

DeployMigrationRecord M(const std::string& shard, int seq, const std::string& state,
                        int progress = 0, bool submitted = true) {
  DeployMigrationRecord m;
  m.uuid = "u" + std::to_string(seq);
  m.shard = shard;
  m.seq = seq;
  m.table = "t" + std::to_string(seq);
  m.state = state;
  m.progress = progress;
  m.submitted = submitted;
  return m;
}

TEST(MigrationRollupTest, Outcomes) {
  EXPECT_EQ(RollUp({M("-80", 0, "complete"), M("80-", 0, "complete")}, "deploy").outcome,
            RollupOutcome::kComplete);
  EXPECT_EQ(RollUp({M("-80", 0, "complete"), M("80-", 0, "running")}, "deploy").outcome,
            RollupOutcome::kRunning);
  EXPECT_EQ(RollUp({M("-80", 0, "pending", 0, false), M("80-", 0, "queued")}, "deploy").outcome,
            RollupOutcome::kSubmitting);
  auto failed = RollUp({M("-80", 0, "complete"), M("80-", 0, "failed")}, "deploy");
  EXPECT_EQ(failed.outcome, RollupOutcome::kFailed);
  EXPECT_EQ(failed.message.rfind("shard 80-, table t0: migration u0 failed", 0), 0u)
      << failed.message;
  // Revert migrations are not looked at for the deploy outcome.
  auto revert = M("-80", 0, "failed");
  revert.purpose = "revert";
  EXPECT_EQ(RollUp({M("-80", 0, "complete"), revert}, "deploy").outcome, RollupOutcome::kComplete);
}

TEST(MigrationRollupTest, WaitingForCutoverNeedsEveryShard) {
  EXPECT_EQ(RollUp({M("-80", 0, "ready_to_complete"), M("80-", 0, "ready_to_complete")}, "deploy")
                .outcome,
            RollupOutcome::kWaitingForCutover);
  EXPECT_EQ(RollUp({M("-80", 0, "ready_to_complete"), M("80-", 0, "running")}, "deploy").outcome,
            RollupOutcome::kRunning);
  // A second table queues behind the postponed first on the same tablet.
  EXPECT_EQ(RollUp({M("-80", 0, "ready_to_complete"), M("-80", 1, "queued"),
                    M("80-", 0, "ready_to_complete"), M("80-", 1, "queued")},
                   "deploy")
                .outcome,
            RollupOutcome::kWaitingForCutover);
}

TEST(MigrationRollupTest, ProgressByShard) {
  auto shards = ProgressByShard({M("-80", 0, "complete"), M("80-", 0, "running", 40),
                                 M("-80", 1, "running", 50), M("80-", 1, "queued")},
                                "deploy");
  ASSERT_EQ(shards.size(), 2u);
  EXPECT_EQ(shards[0].shard, "-80");
  EXPECT_EQ(shards[0].state, "running");
  EXPECT_EQ(shards[0].progress, 75);
  EXPECT_EQ(shards[1].shard, "80-");
  EXPECT_EQ(shards[1].state, "queued");
  EXPECT_EQ(shards[1].progress, 20);
  EXPECT_EQ(shards[1].migrations.size(), 2u);
}

}  // namespace
}  // namespace tessera::schema
