#include "cli/password_commands.h"

#include <iostream>
#include <memory>
#include <string>

#include "cli/api_client.h"
#include "config/loader.h"

namespace tessera::cli {
namespace {

using nlohmann::json;

struct PasswordFlags {
  std::string config = "config/examples/local.yaml";
  std::string keyspace;
  std::string branch;
  std::string role = "reader";
  std::string username;  // connect: empty = the branch's newest credential
};

std::string PasswordsPath(const PasswordFlags& f) {
  return "/api/keyspaces/" + PathSegment(f.keyspace) + "/branches/" + PathSegment(f.branch) +
         "/passwords";
}

std::string GateHost(const config::Topology& topology) {
  const auto& host = topology.vtgate.listen.host;
  return host == "0.0.0.0" || host.empty() ? "127.0.0.1" : host;
}

// Loads the config and makes the API client; prints the reason and sets the
// exit code on failure.
std::optional<std::pair<config::Topology, ApiClient>> Open(const PasswordFlags& flags,
                                                           CommandContext& context,
                                                           const std::string& verb) {
  auto topology = config::LoadTopology(flags.config);
  if (!topology.ok()) {
    std::cerr << "tessera " << verb << ": " << topology.error().message << "\n";
    context.exit_code = 1;
    return std::nullopt;
  }
  auto client = SchemadClient(*topology);
  if (!client.ok()) {
    std::cerr << "tessera " << verb << ": " << client.error().message << "\n";
    context.exit_code = 1;
    return std::nullopt;
  }
  return std::make_pair(std::move(topology).value(), std::move(client).value());
}

void CreatePassword(const PasswordFlags& flags, CommandContext& context) {
  auto opened = Open(flags, context, "password create");
  if (!opened) return;
  auto& [topology, client] = *opened;
  auto answer = client.Call("POST", PasswordsPath(flags), json{{"role", flags.role}});
  if (!answer.ok()) {
    std::cerr << "tessera password create: " << answer.error().message << "\n";
    context.exit_code = 1;
    return;
  }
  const std::string user = answer->value("username", "");
  const std::string password = answer->value("password", "");
  const std::string host = GateHost(topology);
  const std::string port = std::to_string(topology.vtgate.listen.port);
  std::cout << "created a " << answer->value("role", "") << " password for branch " << flags.branch
            << " of keyspace " << flags.keyspace << "\n"
            << "  username: " << user << "\n"
            << "  password: " << password << "\n"
            << "  host:     " << host << ":" << port << "\n"
            << "Save the password now: it is not stored and cannot be shown again.\n";
}

void Connect(const PasswordFlags& flags, CommandContext& context) {
  auto opened = Open(flags, context, "connect");
  if (!opened) return;
  auto& [topology, client] = *opened;
  std::string user = flags.username;
  if (user.empty()) {
    auto answer = client.Call("GET", PasswordsPath(flags));
    if (!answer.ok()) {
      std::cerr << "tessera connect: " << answer.error().message << "\n";
      context.exit_code = 1;
      return;
    }
    const json list = answer->value("passwords", json::array());
    if (list.empty()) {
      std::cerr << "tessera connect: branch " << flags.branch << " of keyspace " << flags.keyspace
                << " has no password yet; create one with:\n  tessera password create "
                << flags.keyspace << " " << flags.branch << " --role writer\n";
      context.exit_code = 1;
      return;
    }
    user = list.front().value("username", "");
  }
  const std::string host = GateHost(topology);
  const std::string port = std::to_string(topology.vtgate.listen.port);
  std::cout << "mariadb -h" << host << " -P" << port << " -u" << user << " -p " << flags.keyspace
            << "\n"
            << "mysql://" << user << "@" << host << ":" << port << "/" << flags.keyspace << "\n";
}

}  // namespace

void AddPasswordCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<PasswordFlags>();
  auto ctx = &context;
  CLI::App* password = app.add_subcommand("password", "manage passwords scoped to a branch");
  password->require_subcommand(1);
  CLI::App* create = password->add_subcommand("create", "create a password for a branch");
  CLI::App* connect =
      app.add_subcommand("connect", "print how to connect to a branch through vtgate");
  for (CLI::App* cmd : {create, connect}) {
    cmd->add_option("-c,--config", flags->config, "cluster config file")->capture_default_str();
    cmd->add_option("keyspace", flags->keyspace, "keyspace")->required();
    cmd->add_option("branch", flags->branch, "branch name")->required();
  }
  create->add_option("--role", flags->role, "reader, writer or admin")
      ->capture_default_str()
      ->check(CLI::IsMember({"reader", "writer", "admin"}));
  connect->add_option("--username", flags->username,
                      "account to use (default: the branch's newest password)");
  create->callback([flags, ctx] { CreatePassword(*flags, *ctx); });
  connect->callback([flags, ctx] { Connect(*flags, *ctx); });
}

}  // namespace tessera::cli
