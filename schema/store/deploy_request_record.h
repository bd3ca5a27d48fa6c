// DeployRequestRecord: one row of _tessera.deploy_requests, a request to
// apply a branch's schema change to its parent (production) branch. The
// lifecycle that moves `state` lives in schema/deploy/; the store only keeps
// what a step wrote, so a schemad restart resumes from these rows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::schema {

namespace deploy_state {
// Before deploy: the request can still follow its branch.
inline constexpr const char* kOpen = "open";
inline constexpr const char* kApproved = "approved";
// Deploying: the DDL is frozen and migrations are recorded.
inline constexpr const char* kQueued = "queued";
inline constexpr const char* kRunning = "running";
inline constexpr const char* kPendingCutover = "pending_cutover";
inline constexpr const char* kReverting = "reverting";
// Deployed, revert window open.
inline constexpr const char* kComplete = "complete";
// Final states.
inline constexpr const char* kReverted = "reverted";
inline constexpr const char* kClosed = "closed";
inline constexpr const char* kCancelled = "cancelled";
inline constexpr const char* kFailed = "failed";
}  // namespace deploy_state

struct DeployRequestRecord {
  int64_t id = 0;  // assigned by the store
  std::string keyspace;
  std::string branch;
  std::string into_branch;
  std::string state = deploy_state::kOpen;
  std::string notes;
  // The statements to run, in order: recomputed while the request is open,
  // frozen when it is deployed.
  std::vector<std::string> ddl;
  std::string unified;              // unified diff of the changed tables' CREATE texts
  std::string lint_json;            // JSON array of lint findings, as the API shows them
  std::vector<std::string> tables;  // tables the request changes, sorted
  // Main's CREATE TABLE texts of `tables` when the request was queued: the
  // request only starts while main still has exactly these.
  std::vector<std::string> main_tables;
  bool auto_apply = true;  // false: migrations wait for `apply` to cut over
  bool approved = false;
  bool cutover_requested = false;  // `apply` was called
  std::string message;             // why it failed / was refused, or what it waits for
  // The share of the time the request's row copies pause ("0" to "1",
  // common/throttle_ratio.h); "" while nobody set one through the request.
  std::string throttle_ratio;
  // "YYYY-MM-DD HH:MM:SS" UTC; "" while unset.
  std::string created_at;
  std::string updated_at;
  std::string deployed_at;
  std::string completed_at;
  std::string revert_window_ends;
};

}  // namespace tessera::schema
