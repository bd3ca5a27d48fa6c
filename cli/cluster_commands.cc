#include "cli/cluster_commands.h"

#include <iomanip>
#include <iostream>
#include <memory>

#include "cli/local/local_cluster.h"
#include "config/loader.h"

namespace tessera::cli {
namespace {

struct ClusterFlags {
  std::string config = "config/examples/local.yaml";
  std::string state_dir;  // empty: the config's state_dir
};

void AddFlags(CLI::App& cmd, ClusterFlags& flags) {
  cmd.add_option("-c,--config", flags.config, "cluster config file")->capture_default_str();
  cmd.add_option("--state-dir", flags.state_dir,
                 "data, logs and pid files (default: the config's state_dir, relative to the "
                 "current directory)");
}

// Loads the config and builds the cluster; prints the error and returns null
// on failure.
std::unique_ptr<local::LocalCluster> OpenCluster(const ClusterFlags& flags,
                                                 const CommandContext& context, const char* verb) {
  auto topology = config::LoadTopology(flags.config);
  if (!topology.ok()) {
    std::cerr << "tessera " << verb << ": " << topology.error().message << "\n";
    return nullptr;
  }
  local::LocalClusterOptions options;
  options.state_dir = flags.state_dir.empty() ? topology->state_dir : flags.state_dir;
  options.bin_dir = context.bin_dir;
  options.config_path = flags.config;
  return std::make_unique<local::LocalCluster>(std::move(topology).value(), options, std::cout);
}

void PrintStatus(const std::vector<local::ComponentStatus>& rows) {
  std::cout << std::left << std::setw(28) << "COMPONENT" << std::setw(22) << "ADDRESS"
            << std::setw(9) << "PID"
            << "HEALTH\n";
  for (const auto& row : rows) {
    std::cout << std::setw(28) << row.display << std::setw(22)
              << (row.host + ":" + std::to_string(row.port)) << std::setw(9)
              << (row.pid ? std::to_string(row.pid) : "-") << local::HealthName(row.health) << "\n";
  }
}

void Up(const ClusterFlags& flags, CommandContext& context) {
  auto cluster = OpenCluster(flags, context, "up");
  if (!cluster) {
    context.exit_code = 1;
    return;
  }
  if (Status s = cluster->Up(); !s.ok()) {
    std::cerr << "tessera up: " << s.error().message << "\n";
    context.exit_code = 1;
    return;
  }
  const auto& listen = cluster->topology().vtgate.listen;
  std::string host = listen.host == "0.0.0.0" ? "127.0.0.1" : listen.host;
  std::cout << "cluster is up. Connect with:\n  mariadb -h" << host << " -P" << listen.port << " -u"
            << cluster->topology().users.front().name << " -p\n";
}

void Down(const ClusterFlags& flags, CommandContext& context) {
  auto cluster = OpenCluster(flags, context, "down");
  if (!cluster) {
    context.exit_code = 1;
    return;
  }
  if (Status s = cluster->Down(); !s.ok()) {
    std::cerr << "tessera down: " << s.error().message << "\n";
    context.exit_code = 1;
    return;
  }
  std::cout << "cluster is down\n";
}

void ShowStatus(const ClusterFlags& flags, CommandContext& context) {
  auto cluster = OpenCluster(flags, context, "status");
  if (!cluster) {
    context.exit_code = 1;
    return;
  }
  PrintStatus(cluster->Inspect());
}

}  // namespace

void AddClusterCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<ClusterFlags>();
  CLI::App* up = app.add_subcommand("up", "start the local cluster (idempotent)");
  CLI::App* down = app.add_subcommand("down", "stop the local cluster; data is kept");
  CLI::App* status = app.add_subcommand("status", "show each component's pid and health");
  for (CLI::App* cmd : {up, down, status}) AddFlags(*cmd, *flags);
  up->callback([flags, &context] { Up(*flags, context); });
  down->callback([flags, &context] { Down(*flags, context); });
  status->callback([flags, &context] { ShowStatus(*flags, context); });
}

}  // namespace tessera::cli
