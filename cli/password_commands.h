// `tessera password create <ks> <branch> --role reader|writer|admin` and
// `tessera connect <ks> <branch>`: credentials scoped to a branch, and how to
// connect with them through vtgate. Both call the schemad API named by the
// config file; a new password is printed once and never again.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace tessera::cli {

void AddPasswordCommands(CLI::App& app, CommandContext& context);

}  // namespace tessera::cli
