// `tessera init-db`: creates each keyspace's database and schema on every
// shard server that lacks it, waiting for the servers to accept logins. For
// clusters whose MariaDB servers someone else runs (docker-compose).
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace tessera::cli {

void AddInitDbCommand(CLI::App& app, CommandContext& context);

}  // namespace tessera::cli
