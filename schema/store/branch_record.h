// BranchRecord: one row of _tessera.branches, the durable description of a
// branch of a keyspace. The branch's databases (one per shard) are named by
// BranchDatabaseName (schema/branches/branch_name.h).
#pragma once

#include <string>
#include <vector>

namespace tessera::schema {

// What the branch's databases hold besides the schema.
namespace data_state {
inline constexpr const char* kCreating = "creating";          // databases being made
inline constexpr const char* kSchemaOnly = "schema-only";     // tables copied empty
inline constexpr const char* kProductionData = "production";  // the keyspace's own data
}  // namespace data_state

struct BranchRecord {
  std::string keyspace;
  std::string name;
  std::string parent;  // "" for main
  bool production = false;
  bool safe_migrations = false;
  // The parent's CREATE TABLE statements when the branch was made (or last
  // reset), sorted by table name.
  std::vector<std::string> base_schema;
  std::string created_at;  // "YYYY-MM-DD HH:MM:SS" UTC
  std::string data_state = data_state::kCreating;
};

}  // namespace tessera::schema
