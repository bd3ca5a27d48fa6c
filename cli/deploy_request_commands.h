// `tessera deploy-request create|list|show|diff|deploy|apply|cancel|close|
// revert|skip-revert|review`: the deploy-request verbs. Each calls the schemad
// API named by the config file (--config, default
// config/examples/local.yaml), prints the answer for people (a table for
// lists, a colored unified diff on a terminal, per-shard progress bars while
// `deploy --wait` waits) and exits non-zero with the reason on stderr when
// anything fails, including a deploy that ends failed or cancelled.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace tessera::cli {

void AddDeployRequestCommands(CLI::App& app, CommandContext& context);

}  // namespace tessera::cli
