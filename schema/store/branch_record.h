// BranchRecord: one row of _tessera.branches, the durable description of a
// branch of a keyspace. The branch's databases (one per shard) are named by
// BranchDatabaseName (schema/branches/branch_name.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::schema {

// What the branch's databases hold besides the schema.
namespace data_state {
inline constexpr const char* kCreating = "creating";          // databases being made
inline constexpr const char* kSchemaOnly = "schema-only";     // tables copied empty
inline constexpr const char* kProductionData = "production";  // the keyspace's own data
// A copy of the parent's data (one consistent snapshot per shard):
inline constexpr const char* kCopying = "copying";    // running in schemad's background
inline constexpr const char* kComplete = "complete";  // every shard copied
inline constexpr const char* kFailed = "failed";  // stopped; BranchDataProgress::message says why
}  // namespace data_state

// One shard's part of a data copy.
struct ShardDataProgress {
  std::string shard;
  std::string state;  // copying | complete | failed
  uint64_t rows_copied = 0;
  uint64_t rows_estimated = 0;  // information_schema.TABLES.TABLE_ROWS at the start
};

// The last known progress of the branch's data copy; all zero and empty for
// branches never copied. Saved about once a second while copying.
struct BranchDataProgress {
  std::string message;  // why the copy failed; "" otherwise
  uint64_t rows_copied = 0;
  uint64_t rows_estimated = 0;
  uint64_t elapsed_ms = 0;
  std::vector<ShardDataProgress> shards;
};

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
  BranchDataProgress data;
};

}  // namespace tessera::schema
