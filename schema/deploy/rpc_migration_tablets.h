// RpcMigrationTablets: MigrationTablets over the tablet RPC (vtgate's
// TabletClient). Each call runs a private io_context on the calling thread
// with a fresh client, so calls from several threads never share state; the
// cost is one TCP connection per command, negligible next to a migration.
#pragma once

#include <chrono>

#include "schema/deploy/migration_tablets.h"

namespace tessera::schema {

class RpcMigrationTablets : public MigrationTablets {
 public:
  explicit RpcMigrationTablets(std::chrono::milliseconds timeout = std::chrono::seconds(30))
      : timeout_(timeout) {}

  Result<ResultSet> Execute(const config::ShardConfig& shard, const std::string& database,
                            const std::string& command) override;

 private:
  std::chrono::milliseconds timeout_;
};

}  // namespace tessera::schema
