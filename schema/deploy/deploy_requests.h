// DeployRequests: the deploy-request lifecycle as people drive it (the API's
// verbs), on top of the metadata store, the branch catalog and a
// DeployRunner for the tablet side. States and the actions allowed in each
// are in deploy_action.h; a refused action is a Conflict naming the state.
//
//   Create      open a request from a branch into its parent (one unfinished
//               request per branch); its diff is computed against the
//               parent's current schema (request_diff.h)
//   Get         the request with its diff, lint, checks (deployable and why
//               not), reviews and per-shard migration progress; while open
//               the diff follows the branch
//   Review      approve and/or comment (open, approved)
//   Deploy      checks again, freezes the DDL, records one migration uuid per
//               statement on every shard, and queues it; the runner starts it
//   Apply       cut over a request waiting in pending_cutover; with `force`,
//               also a running one, throttled or not, killing the sessions
//               that block the table swap (FORCE_CUTOVER on every shard)
//   Throttle    queued/running/pending_cutover: the share of the time the
//               row copies pause on every shard (0 to 1; 0 copies at full
//               speed), kept with the request so that it holds for
//               migrations submitted later and tablets reached later
//   Cancel      queued/running/pending_cutover; refused once any shard cut over
//   Close       an open request, without deploying
//   Revert      within the revert window: revert migrations in reverse
//               statement order on every shard
//   SkipRevert  end the revert window now
//   Advance     one pass of the runner (the poller calls it)
//
// Thread-safe: every action and Advance hold one lifecycle lock, so a request
// never changes under an action; List only reads.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "config/topology.h"
#include "schema/branches/branch_catalog.h"
#include "schema/branches/branch_diff.h"
#include "schema/deploy/deploy_diff.h"
#include "schema/deploy/deploy_runner.h"
#include "schema/deploy/duplicate_count.h"
#include "schema/deploy/migration_tablets.h"
#include "schema/store/metadata_store.h"

namespace tessera::schema {

struct DeploySettings {
  // Deploy needs an approving review first.
  bool approval_required = false;
  // How long a complete request can be reverted (the tablets keep their own
  // window too, --revert-window-seconds; the shorter one wins in practice).
  std::chrono::seconds revert_window{30 * 60};
};

struct NewDeployRequest {
  std::string branch;
  std::string into;  // "" for the branch's parent
  std::string notes;
  bool auto_apply = true;
};

// A request as the API shows it.
struct DeployRequestView {
  DeployRequestRecord request;
  std::vector<BranchLintFinding> lint;
  // Only meaningful while open/approved: may it be deployed now, and if not,
  // why (no change, lint errors, conflicts).
  bool deployable = false;
  std::vector<std::string> blockers;
  std::vector<std::string> conflicts;
  bool revertible = false;  // complete, inside its revert window
  std::vector<DeployMigrationRecord> migrations;
  std::vector<DeployReviewRecord> reviews;
};

class DeployRequests {
 public:
  // All references must outlive this object.
  DeployRequests(const config::Topology& topology, BranchCatalog& catalog, MetadataStore& store,
                 MigrationTablets& tablets, DeploySettings settings);

  Result<DeployRequestView> Create(const std::string& keyspace, const NewDeployRequest& request);
  // Oldest first, as stored (no diff is recomputed).
  Result<std::vector<DeployRequestRecord>> List(const std::string& keyspace);
  Result<DeployRequestView> Get(const std::string& keyspace, int64_t id);
  Result<DeployRequestView> Review(const std::string& keyspace, int64_t id, bool approve,
                                   const std::string& comment);
  Result<DeployRequestView> Deploy(const std::string& keyspace, int64_t id);
  Result<DeployRequestView> Apply(const std::string& keyspace, int64_t id, bool force = false);
  // `permille`: the ratio in thousandths, 0 to 1000 (common/throttle_ratio.h).
  Result<DeployRequestView> Throttle(const std::string& keyspace, int64_t id, uint32_t permille);
  Result<DeployRequestView> Cancel(const std::string& keyspace, int64_t id);
  Result<DeployRequestView> Close(const std::string& keyspace, int64_t id);
  Result<DeployRequestView> Revert(const std::string& keyspace, int64_t id);
  Result<DeployRequestView> SkipRevert(const std::string& keyspace, int64_t id);

  void Advance();

  const DeploySettings& settings() const { return settings_; }

 private:
  // The request `id` of `keyspace`; NotFound otherwise.
  Result<DeployRequestRecord> Load(const std::string& keyspace, int64_t id);
  // Re-reads the request and builds its view; recomputes the diff of an
  // open/approved request (saving it when it changed).
  Result<DeployRequestView> View(const std::string& keyspace, int64_t id);
  // DiffForDeploy, with add_unique_key findings checked against the
  // production data (counts at most `max_age` old).
  Result<DeployDiff> CheckedDiff(const std::string& keyspace, const std::string& branch,
                                 const std::string& into, std::chrono::seconds max_age);
  Status Save(const DeployRequestRecord& request,
              std::vector<DeployMigrationRecord> new_migrations = {},
              std::optional<DeployReviewRecord> review = std::nullopt);

  BranchCatalog& catalog_;
  MetadataStore& store_;
  DeploySettings settings_;
  DeployRunner runner_;
  DuplicateCounter duplicates_;
  std::mutex lifecycle_;
};

}  // namespace tessera::schema
