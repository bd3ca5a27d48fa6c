// `tessera branch create|list|show|schema|diff|delete|reset|promote|
// safe-migrations`: the branch verbs. Each calls the schemad API named by the
// config file (--config, default config/examples/local.yaml), prints the
// answer for people (tables for lists, a colored unified diff on a terminal)
// and exits non-zero with the reason on stderr when anything fails.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace tessera::cli {

void AddBranchCommands(CLI::App& app, CommandContext& context);

}  // namespace tessera::cli
