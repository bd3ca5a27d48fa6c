// MigrationStore: migrations of one shard, durable in the shard's sidecar
// database `_tessera` (table `schema_migrations`), next to the tables they
// change. Every write is one statement, so a crash leaves either the old or
// the new row. Command-side writes (flags) and executor-side writes
// (progress) touch disjoint columns, so neither overwrites the other.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/onlineddl/migration.h"

namespace tessera::vttablet::onlineddl {

inline constexpr const char* kSidecarDatabase = "_tessera";

class MigrationStore {
 public:
  explicit MigrationStore(BlockingConnection& connection) : connection_(connection) {}

  // Creates the sidecar database and table when missing.
  Status EnsureSchema();

  // A new migration; an error when the uuid exists.
  Status Insert(const Migration& migration);
  Result<std::optional<Migration>> Load(const std::string& uuid);
  // All migrations (newest first), or those in `states` when given.
  Result<std::vector<Migration>> List(const std::vector<MigrationState>& states = {});

  // Executor side.
  Status SaveProgress(const Migration& migration);
  Status SetState(const std::string& uuid, MigrationState state, const std::string& message);

  // Command side. `column` is one of the request columns.
  Status SetRequest(const std::string& uuid, const std::string& column, uint64_t value);

 private:
  BlockingConnection& connection_;
};

}  // namespace tessera::vttablet::onlineddl
