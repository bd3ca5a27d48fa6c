// JSON views of the schema service's values, as the API returns them.
// Secrets never appear: a credential's JSON has no password hash.
#pragma once

#include <nlohmann/json.hpp>

#include "config/topology.h"
#include "schema/branches/branch_diff.h"
#include "schema/deploy/deploy_requests.h"
#include "schema/store/branch_record.h"
#include "schema/store/credential_record.h"

namespace tessera::schema {

// {"name", "sharded", "shards": [..]}
nlohmann::json KeyspaceJson(const config::KeyspaceConfig& keyspace);
// {"keyspace", "name", "parent" (null for none), "production", "safe_migrations",
//  "data_state" (creating | schema-only | copying | complete | failed | production),
//  "data": BranchDataJson, "created_at", "database"}
nlohmann::json BranchJson(const BranchRecord& branch);
// The branch's data copy: {"rows_copied", "rows_estimated", "progress" (0-100),
//  "rows_per_second" (average since the start), "elapsed_seconds", "message" (why it
//  failed; null otherwise), "shards": [{"shard", "state", "rows_copied", "rows_estimated",
//  "progress"}]}; zeros and no shards for a branch never copied.
nlohmann::json BranchDataJson(const BranchRecord& branch);
// {"username", "role", "keyspace", "branch", "created_at"}
nlohmann::json CredentialJson(const CredentialRecord& credential);
// {"keyspace", "branch", "parent", "ddl": [..], "unified", "lint": [{code, severity, table,
// message}]}
nlohmann::json DiffJson(const BranchDiff& diff);
// A deploy request as lists show it: {"id", "keyspace", "branch", "into", "state", "notes",
//  "auto_apply", "throttle_ratio", "approved", "message", "tables", "created_at",
//  "updated_at", "deployed_at", "completed_at", "revert_window_ends"} (times and the ratio
//  null while unset; the ratio is a number from 0 to 1).
nlohmann::json DeployRequestSummaryJson(const DeployRequestRecord& request);
// The summary plus "ddl", "unified", "lint", "deployable", "blockers", "conflicts",
// "revertible", "cutover_requested", "reviews", "progress" (0-100 over all shards) and
// "shards": [{"shard", "state", "progress", "migrations": [{"uuid", "table", "ddl", "state",
// "progress", "rows_copied", "rows_estimated", "eta_seconds", "events_applied",
// "binlog_lag_bytes" (null when not tailing), "throttle_ratio" (the tablet's),
// "message"}]}], and the same
// for the revert's migrations in "revert_shards" (empty until reverted).
nlohmann::json DeployRequestJson(const DeployRequestView& view);

}  // namespace tessera::schema
