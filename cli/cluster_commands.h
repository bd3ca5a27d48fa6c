// `tessera up | down | status`: the local cluster verbs.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace tessera::cli {

// Registers the verbs on `app`; their callbacks set `context.exit_code`.
void AddClusterCommands(CLI::App& app, CommandContext& context);

}  // namespace tessera::cli
