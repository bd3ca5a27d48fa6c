#include "cli/branch_commands.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/api_client.h"
#include "cli/terminal_output.h"
#include "config/loader.h"

namespace tessera::cli {
namespace {

using nlohmann::json;

struct BranchFlags {
  std::string config = "config/examples/local.yaml";
  std::string keyspace;
  std::string branch;
  std::string from = "main";
  std::string toggle;  // safe-migrations: "enable" or "disable"
  bool with_data = false;
  bool no_wait = false;
  int wait_timeout_seconds = 24 * 3600;
};

std::string BranchPath(const BranchFlags& f) {
  return "/api/keyspaces/" + PathSegment(f.keyspace) + "/branches/" + PathSegment(f.branch);
}

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  std::ostringstream out;
  out.precision(unit == 0 ? 0 : 1);
  out << std::fixed << value << " " << units[unit];
  return out.str();
}

std::string Padded(std::string text, size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text;
}

// The data copy of a branch: a summary line with the total bar, rows and
// rows/s, one line per shard, and the failure if any. Nothing for branches
// that never copied data.
std::vector<std::string> DataCopyLines(const json& b) {
  const json data = b.value("data", json::object());
  const json shards = data.value("shards", json::array());
  if (shards.empty()) return {};
  const std::string state = JsonText(b, "data_state");
  std::vector<std::string> out;
  out.push_back("data " + Padded(state, 8) + " " + ProgressBar(data.value("progress", 0)) + "  " +
                std::to_string(data.value("rows_copied", uint64_t{0})) + "/" +
                std::to_string(data.value("rows_estimated", uint64_t{0})) + " rows  " +
                std::to_string(data.value("rows_per_second", uint64_t{0})) + " rows/s");
  for (const auto& shard : shards) {
    out.push_back("  shard " + Padded(JsonText(shard, "shard"), 6) + " " +
                  ProgressBar(shard.value("progress", 0)) + "  " + JsonText(shard, "state") + " (" +
                  std::to_string(shard.value("rows_copied", uint64_t{0})) + "/" +
                  std::to_string(shard.value("rows_estimated", uint64_t{0})) + " rows)");
  }
  if (data.contains("message") && data["message"].is_string())
    out.push_back("  error: " + data["message"].get<std::string>());
  return out;
}

void PrintBranch(const json& b) {
  std::cout << "branch:          " << JsonText(b, "name") << "\n"
            << "keyspace:        " << JsonText(b, "keyspace") << "\n"
            << "parent:          " << JsonText(b, "parent") << "\n"
            << "production:      " << JsonText(b, "production") << "\n"
            << "safe migrations: " << JsonText(b, "safe_migrations") << "\n"
            << "data:            " << JsonText(b, "data_state") << "\n"
            << "created at:      " << JsonText(b, "created_at") << " UTC\n"
            << "database:        " << JsonText(b, "database") << "\n";
}

// Runs one API call for a verb: loads the config, calls, prints with
// `render`; on failure prints "tessera branch <verb>: <reason>" and sets
// exit code 1.
template <class Render>
bool Run(const BranchFlags& flags, CommandContext& context, const std::string& verb,
         const std::string& method, const std::string& target, const std::optional<json>& body,
         Render render) {
  auto fail = [&](const std::string& message) {
    std::cerr << "tessera " << verb << ": " << message << "\n";
    context.exit_code = 1;
    return false;
  };
  auto topology = config::LoadTopology(flags.config);
  if (!topology.ok()) return fail(topology.error().message);
  auto client = SchemadClient(*topology);
  if (!client.ok()) return fail(client.error().message);
  auto answer = client->Call(method, target, body);
  if (!answer.ok()) return fail(answer.error().message);
  render(*answer);
  return true;
}

// Polls the branch until its data copy ends, redrawing the progress. Exit
// code 1 if the copy failed, the branch went away or the wait timed out.
void WaitForData(const BranchFlags& flags, CommandContext& context, const std::string& verb) {
  LiveLines live;
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(flags.wait_timeout_seconds);
  for (;;) {
    std::string state;
    json last;
    if (!Run(flags, context, verb, "GET", BranchPath(flags), std::nullopt, [&](const json& b) {
          state = b.value("data_state", "");
          last = b;
          live.Draw(DataCopyLines(b));
        }))
      return;
    if (state == "complete") {
      const json data = last.value("data", json::object());
      std::cout << "branch " << flags.branch
                << " has its data: " << data.value("rows_copied", uint64_t{0})
                << " row(s) copied from " << JsonText(last, "parent") << " ("
                << data.value("rows_per_second", uint64_t{0}) << " rows/s)\n";
      return;
    }
    if (state != "copying") {
      const json data = last.value("data", json::object());
      std::cerr << "tessera " << verb << ": data copy of branch " << flags.branch << " "
                << (state == "failed" ? "failed" : "ended in state " + state) << ": "
                << (data.contains("message") && data["message"].is_string()
                        ? data["message"].get<std::string>()
                        : std::string("no reason given"))
                << "\n";
      context.exit_code = 1;
      return;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      std::cerr << "tessera " << verb << ": the data copy of branch " << flags.branch
                << " is still running after " << flags.wait_timeout_seconds
                << " s; `tessera branch show " << flags.keyspace << " " << flags.branch
                << "` follows it\n";
      context.exit_code = 1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
}

void AddDataFlags(CLI::App* cmd, BranchFlags& flags, const char* what) {
  cmd->add_flag("--with-data", flags.with_data, what);
  cmd->add_flag("--no-wait", flags.no_wait,
                "with --with-data: return once the copy has started instead of showing its "
                "progress until it is complete");
  cmd->add_option("--wait-timeout", flags.wait_timeout_seconds,
                  "seconds to wait for the data copy at most")
      ->capture_default_str();
}

void AddConfigFlag(CLI::App* cmd, BranchFlags& flags) {
  cmd->add_option("-c,--config", flags.config, "cluster config file")->capture_default_str();
}

void AddKeyspaceBranchArgs(CLI::App* cmd, BranchFlags& flags) {
  AddConfigFlag(cmd, flags);
  cmd->add_option("keyspace", flags.keyspace, "keyspace")->required();
  cmd->add_option("branch", flags.branch, "branch name")->required();
}

}  // namespace

void AddBranchCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<BranchFlags>();
  CLI::App* branch = app.add_subcommand("branch", "create, inspect and delete database branches");
  branch->require_subcommand(1);
  auto& f = *flags;
  auto ctx = &context;

  CLI::App* create = branch->add_subcommand(
      "create", "create a branch from a parent's schema (and, with --with-data, its data)");
  AddKeyspaceBranchArgs(create, f);
  create->add_option("--from", f.from, "parent branch")->capture_default_str();
  AddDataFlags(create, f,
               "also copy the parent's data (one consistent snapshot per shard) in the "
               "background; the branch is usable for schema changes at once");
  create->callback([flags, ctx] {
    json body{{"name", flags->branch}, {"parent", flags->from}};
    if (flags->with_data) body["with_data"] = true;
    bool created = Run(
        *flags, *ctx, "branch create", "POST",
        "/api/keyspaces/" + PathSegment(flags->keyspace) + "/branches", body, [&](const json& b) {
          std::cout << "created branch " << JsonText(b, "name") << " of keyspace "
                    << JsonText(b, "keyspace") << " from " << JsonText(b, "parent") << " (database "
                    << JsonText(b, "database") << " on every shard)\n";
          if (flags->with_data)
            std::cout << "copying the data of " << JsonText(b, "parent") << " in the background\n";
        });
    if (created && flags->with_data && !flags->no_wait) WaitForData(*flags, *ctx, "branch create");
  });

  CLI::App* list = branch->add_subcommand("list", "list the branches of a keyspace");
  AddConfigFlag(list, f);
  list->add_option("keyspace", f.keyspace, "keyspace")->required();
  list->callback([flags, ctx] {
    Run(*flags, *ctx, "branch list", "GET",
        "/api/keyspaces/" + PathSegment(flags->keyspace) + "/branches", std::nullopt,
        [](const json& answer) {
          std::vector<std::vector<std::string>> rows;
          for (const auto& b : answer.at("branches")) {
            rows.push_back({JsonText(b, "name"), JsonText(b, "parent"), JsonText(b, "production"),
                            JsonText(b, "safe_migrations"), JsonText(b, "data_state"),
                            JsonText(b, "created_at")});
          }
          PrintTable({"NAME", "PARENT", "PRODUCTION", "SAFE MIGRATIONS", "DATA", "CREATED AT"},
                     rows);
        });
  });

  CLI::App* show = branch->add_subcommand("show", "show a branch: parent, base schema, size");
  AddKeyspaceBranchArgs(show, f);
  show->callback([flags, ctx] {
    Run(*flags, *ctx, "branch show", "GET", BranchPath(*flags), std::nullopt, [](const json& b) {
      PrintBranch(b);
      for (const auto& line : DataCopyLines(b)) std::cout << line << "\n";
      std::cout << "size:            " << HumanBytes(b.value("size_bytes", uint64_t{0})) << " over "
                << b.value("shards", json::array()).size() << " shard(s)\n";
      const json base = b.value("base_schema", json::array());
      std::cout << "base schema:     " << base.size() << " table(s)";
      std::cout << (base.empty() ? "\n" : ":\n");
      for (const auto& statement : base) std::cout << statement.get<std::string>() << ";\n";
    });
  });

  CLI::App* schema = branch->add_subcommand("schema", "print the branch's CREATE statements");
  AddKeyspaceBranchArgs(schema, f);
  schema->callback([flags, ctx] {
    Run(*flags, *ctx, "branch schema", "GET", BranchPath(*flags) + "/schema", std::nullopt,
        [](const json& answer) {
          for (const auto& statement : answer.at("statements"))
            std::cout << statement.get<std::string>() << ";\n\n";
        });
  });

  CLI::App* diff = branch->add_subcommand("diff", "show what the branch changed vs its parent");
  AddKeyspaceBranchArgs(diff, f);
  diff->callback([flags, ctx] {
    Run(*flags, *ctx, "branch diff", "GET", BranchPath(*flags) + "/diff", std::nullopt,
        [](const json& d) {
          const json ddl = d.value("ddl", json::array());
          if (ddl.empty()) {
            std::cout << "branch " << JsonText(d, "branch") << " has the same schema as "
                      << JsonText(d, "parent") << "\n";
            return;
          }
          PrintUnifiedDiff(d.value("unified", std::string()));
          std::cout << "\n-- DDL to apply to " << JsonText(d, "parent") << ":\n";
          for (const auto& statement : ddl) std::cout << statement.get<std::string>() << ";\n";
          const json lint = d.value("lint", json::array());
          if (!lint.empty()) std::cout << "\n-- lint:\n";
          for (const auto& finding : lint) {
            std::cout << JsonText(finding, "severity") << " [" << JsonText(finding, "code") << "] "
                      << JsonText(finding, "message") << "\n";
          }
        });
  });

  CLI::App* del = branch->add_subcommand("delete", "delete a branch and its databases");
  AddKeyspaceBranchArgs(del, f);
  del->callback([flags, ctx] {
    Run(*flags, *ctx, "branch delete", "DELETE", BranchPath(*flags), std::nullopt,
        [&](const json&) {
          std::cout << "deleted branch " << flags->branch << " of keyspace " << flags->keyspace
                    << "\n";
        });
  });

  CLI::App* reset = branch->add_subcommand(
      "reset", "reset a branch to its parent's schema (and, with --with-data, its data)");
  AddKeyspaceBranchArgs(reset, f);
  AddDataFlags(reset, f, "also copy the parent's current data, as branch create --with-data");
  reset->callback([flags, ctx] {
    json body = json::object();
    if (flags->with_data) body["with_data"] = true;
    bool reset_done = Run(*flags, *ctx, "branch reset", "POST", BranchPath(*flags) + "/reset", body,
                          [&](const json& b) {
                            std::cout << "reset branch " << JsonText(b, "name")
                                      << " to the schema of " << JsonText(b, "parent") << "\n";
                            if (flags->with_data)
                              std::cout << "copying the data of " << JsonText(b, "parent")
                                        << " in the background\n";
                          });
    if (reset_done && flags->with_data && !flags->no_wait)
      WaitForData(*flags, *ctx, "branch reset");
  });

  CLI::App* promote = branch->add_subcommand("promote", "make a branch a production branch");
  AddKeyspaceBranchArgs(promote, f);
  promote->callback([flags, ctx] {
    Run(*flags, *ctx, "branch promote", "POST", BranchPath(*flags) + "/promote", json::object(),
        [](const json& b) {
          std::cout << "branch " << JsonText(b, "name") << " is a production branch\n";
        });
  });

  CLI::App* safe = branch->add_subcommand("safe-migrations",
                                          "enable or disable safe migrations on a "
                                          "production branch");
  safe->add_option("action", f.toggle, "enable or disable")
      ->required()
      ->check(CLI::IsMember({"enable", "disable"}));
  AddKeyspaceBranchArgs(safe, f);
  safe->callback([flags, ctx] {
    const bool enable = flags->toggle == "enable";
    Run(*flags, *ctx, "branch safe-migrations", "POST", BranchPath(*flags) + "/safe-migrations",
        json{{"enabled", enable}}, [](const json& b) {
          std::cout << "safe migrations are "
                    << (b.value("safe_migrations", false) ? "enabled" : "disabled") << " on branch "
                    << JsonText(b, "name") << "\n";
        });
  });
}

}  // namespace tessera::cli
