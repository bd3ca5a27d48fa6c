// tessera: the command-line tool. Each verb group lives in its own file and
// registers itself on the CLI::App here.
#include <CLI/CLI.hpp>

#include "cli/branch_commands.h"
#include "cli/cluster_commands.h"
#include "cli/command_context.h"
#include "cli/deploy_request_commands.h"
#include "cli/init_db_command.h"
#include "cli/password_commands.h"

int main(int argc, char** argv) {
  CLI::App app{"tessera: run and manage a Tessera cluster"};
  app.require_subcommand(1);
  tessera::cli::CommandContext context;
  context.bin_dir = tessera::cli::ExecutableDir();
  tessera::cli::AddClusterCommands(app, context);
  tessera::cli::AddInitDbCommand(app, context);
  tessera::cli::AddBranchCommands(app, context);
  tessera::cli::AddDeployRequestCommands(app, context);
  tessera::cli::AddPasswordCommands(app, context);
  CLI11_PARSE(app, argc, argv);
  return context.exit_code;
}
