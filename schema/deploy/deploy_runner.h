// DeployRunner: the tablet side of deploy requests. It submits a request's
// migrations to every shard of its keyspace, reads their progress back
// (MIGRATION SHOW), records it in the metadata store and advances the
// request's state from what it read:
//
//   queued          → running     when no other request of the keyspace is
//                                 running and main still has the table
//                                 definitions the DDL was computed against
//   running         → pending_cutover   (auto_apply off) all shards wait to cut over
//                   → complete    every migration complete on every shard
//                   → failed      a migration failed; the others are cancelled
//   complete        → closed      the revert window is over
//   reverting       → reverted    every revert migration complete
//
// Everything it decides is in the store before it acts on a tablet (a
// migration row exists before its SUBMIT), and every tablet command is
// idempotent from its side (a SUBMIT of a uuid the tablet already has is
// skipped), so a schemad restart at any point resumes with the next pass.
//
// Not thread-safe: the caller serializes all calls (DeployRequests holds its
// lifecycle lock around them). A tablet that cannot be reached leaves its
// migrations as they were recorded and is tried again on the next pass.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "config/topology.h"
#include "schema/branches/branch_catalog.h"
#include "schema/deploy/migration_tablets.h"
#include "schema/store/metadata_store.h"

namespace tessera::schema {

class DeployRunner {
 public:
  // All references must outlive the runner.
  DeployRunner(const config::Topology& topology, BranchCatalog& catalog, MetadataStore& store,
               MigrationTablets& tablets, std::chrono::seconds revert_window)
      : topology_(topology),
        catalog_(catalog),
        store_(store),
        tablets_(tablets),
        revert_window_(revert_window) {}

  // One pass over every request with work left: polls running and reverting
  // requests, closes ended revert windows, starts the oldest queued request
  // of each idle keyspace. Failures are logged and retried next pass.
  void Advance();

  // Sends every unsubmitted migration of `purpose`, shard by shard in the
  // order recorded. A tablet's refusal marks that migration failed (the next
  // poll fails the request); an unreachable tablet leaves it for later.
  Status SubmitPending(const DeployRequestRecord& request, std::string_view purpose);
  // CUTOVER for every deploy migration a tablet holds in ready_to_complete.
  Status CutOverReady(const DeployRequestRecord& request);
  // FORCE_CUTOVER for every submitted, unfinished deploy migration: each
  // tablet cuts over as soon as its copy has caught up, throttled or not,
  // killing the sessions that hold locks on the table. Error naming the
  // shards a tablet refused or could not be reached on.
  Status ForceCutOver(const DeployRequestRecord& request);
  // Sends the request's throttle ratio to every submitted, unfinished deploy
  // migration now ("0": UNTHROTTLE, which also lifts a full THROTTLE). Each
  // pass does the same for migrations the tablet has not accepted it for yet
  // (submitted later, or on a tablet that could not be reached), so the
  // ratio holds for the whole request. Error naming the shards that could
  // not be reached.
  Status Throttle(const DeployRequestRecord& request);
  // CANCEL for every submitted, unfinished deploy migration; unsubmitted
  // ones are recorded cancelled. Error if a tablet cannot be reached.
  Status CancelMigrations(const DeployRequestRecord& request);
  // SKIP REVERT for every complete deploy migration.
  Status SkipRevert(const DeployRequestRecord& request);
  // Reads every shard's MIGRATION SHOW, records what changed for the
  // request's submitted migrations and returns all of them. Shards that
  // cannot be reached keep their recorded rows; `unreachable` lists them.
  Result<std::vector<DeployMigrationRecord>> Refresh(const DeployRequestRecord& request,
                                                     std::vector<std::string>* unreachable);

  std::chrono::seconds revert_window() const { return revert_window_; }

 private:
  void Start(DeployRequestRecord request);
  // Updates `request` to the state it advanced to.
  void Poll(DeployRequestRecord& request);
  void CloseEndedRevertWindow(DeployRequestRecord request);
  // After a deploy or its revert: the branch's base schema takes production's
  // current definitions of the request's tables, so that the change it made
  // is neither deployed twice nor reported as a conflict with itself.
  void RebaseBranch(const DeployRequestRecord& request);
  Status Save(const DeployRequestRecord& request);
  // THROTTLE ... RATIO (or UNTHROTTLE) for the unfinished deploy migrations
  // in `migrations`: all of them with `every`, otherwise those whose
  // throttle_ratio_sent differs from the request's. Records what was sent.
  Status SendThrottle(const DeployRequestRecord& request,
                      std::vector<DeployMigrationRecord>& migrations, bool every);

  const config::ShardConfig* FindShard(const std::string& keyspace, const std::string& shard) const;
  // The database the request's migrations run in: the `into` branch's.
  static std::string Database(const DeployRequestRecord& request);
  // Sends `command` to the tablet of `shard`.
  Result<ResultSet> Command(const DeployRequestRecord& request, const std::string& shard,
                            const std::string& command);

  const config::Topology& topology_;
  BranchCatalog& catalog_;
  MetadataStore& store_;
  MigrationTablets& tablets_;
  std::chrono::seconds revert_window_;
};

}  // namespace tessera::schema
