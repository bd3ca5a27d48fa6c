#include "cli/init_db_command.h"

#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/local/schema_bootstrap.h"
#include "config/loader.h"

namespace tessera::cli {
namespace {

struct InitDbFlags {
  std::string config = "config/examples/local.yaml";
  int wait_seconds = 120;
};

Status InitShard(const config::KeyspaceConfig& ks, const config::ShardConfig& shard,
                 std::chrono::seconds wait) {
  local::MariaDbLogin login{shard.mariadb.host, shard.mariadb.port, shard.mariadb.user,
                            shard.mariadb.password, ""};
  auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    auto result = local::EnsureKeyspaceDatabase(login, ks);
    if (result.ok()) {
      std::cout << ks.name << "/" << shard.name << ": "
                << (*result == local::Bootstrap::kCreated ? "created " : "already has ")
                << ks.DatabaseName() << "\n";
      return Status::Ok();
    }
    // Only connection failures (2xxx client errors) are worth waiting out.
    bool unreachable = result.error().code >= 2000 && result.error().code < 3000;
    if (!unreachable || std::chrono::steady_clock::now() >= deadline) return result.error();
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

void InitDb(const InitDbFlags& flags, CommandContext& context) {
  auto topology = config::LoadTopology(flags.config);
  if (!topology.ok()) {
    std::cerr << "tessera init-db: " << topology.error().message << "\n";
    context.exit_code = 1;
    return;
  }
  for (const auto& ks : topology->keyspaces) {
    for (const auto& shard : ks.shards) {
      if (Status s = InitShard(ks, shard, std::chrono::seconds(flags.wait_seconds)); !s.ok()) {
        std::cerr << "tessera init-db: " << s.error().message << "\n";
        context.exit_code = 1;
        return;
      }
    }
  }
}

}  // namespace

void AddInitDbCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<InitDbFlags>();
  CLI::App* cmd = app.add_subcommand(
      "init-db", "create each keyspace's database and schema on shard servers that lack it");
  cmd->add_option("-c,--config", flags->config, "cluster config file")->capture_default_str();
  cmd->add_option("--wait", flags->wait_seconds, "seconds to wait for servers to accept logins")
      ->capture_default_str();
  cmd->callback([flags, &context] { InitDb(*flags, context); });
}

}  // namespace tessera::cli
