// DeployRequestRecord: one row of _tessera.deploy_requests, a request to
// apply a branch's schema change to another (production) branch.
#pragma once

#include <cstdint>
#include <string>

namespace tessera::schema {

namespace deploy_state {
// A request in any of these states still refers to its branch.
inline constexpr const char* kOpen = "open";
inline constexpr const char* kQueued = "queued";
inline constexpr const char* kInProgress = "in_progress";
inline constexpr const char* kPendingCutover = "pending_cutover";
// Terminal states.
inline constexpr const char* kComplete = "complete";
inline constexpr const char* kClosed = "closed";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kReverted = "reverted";
}  // namespace deploy_state

struct DeployRequestRecord {
  int64_t id = 0;  // assigned by the store
  std::string keyspace;
  std::string branch;
  std::string into_branch;
  std::string state = deploy_state::kOpen;
  std::string notes;
  std::string ddl;  // the statements to run, ";\n"-separated
  std::string created_at;
  std::string updated_at;
};

}  // namespace tessera::schema
