// JSON views of the schema service's values, as the API returns them.
// Secrets never appear: a credential's JSON has no password hash.
#pragma once

#include <nlohmann/json.hpp>

#include "config/topology.h"
#include "schema/branches/branch_diff.h"
#include "schema/store/branch_record.h"
#include "schema/store/credential_record.h"

namespace tessera::schema {

// {"name", "sharded", "shards": [..]}
nlohmann::json KeyspaceJson(const config::KeyspaceConfig& keyspace);
// {"keyspace", "name", "parent" (null for none), "production", "safe_migrations",
//  "data_state", "created_at", "database"}
nlohmann::json BranchJson(const BranchRecord& branch);
// {"username", "role", "keyspace", "branch", "created_at"}
nlohmann::json CredentialJson(const CredentialRecord& credential);
// {"keyspace", "branch", "parent", "ddl": [..], "unified", "lint": [{code, severity, table,
// message}]}
nlohmann::json DiffJson(const BranchDiff& diff);

}  // namespace tessera::schema
