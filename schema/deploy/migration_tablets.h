// MigrationTablets: the one door from the deploy lifecycle to the tablets.
// Sends one MIGRATION command (vttablet/onlineddl/migration_commands.h) to the
// tablet of a shard and returns its answer. Blocking; callable from any
// thread. Unit tests substitute a fake.
#pragma once

#include <string>

#include "common/error.h"
#include "common/result_set.h"
#include "config/topology.h"

namespace tessera::schema {

class MigrationTablets {
 public:
  virtual ~MigrationTablets() = default;

  // Runs `command` on `shard`'s tablet in `database`. An unreachable tablet
  // is an error whose message contains "is unavailable" (see IsUnavailable).
  virtual Result<ResultSet> Execute(const config::ShardConfig& shard, const std::string& database,
                                    const std::string& command) = 0;
};

// True for the error of a tablet that could not be reached (worth retrying),
// false for an answer of the tablet (a refusal).
bool IsUnavailable(const Error& error);

}  // namespace tessera::schema
