#include "cli/deploy_request_commands.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
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

struct DeployRequestFlags {
  std::string config = "config/examples/local.yaml";
  std::string keyspace;
  std::string branch;
  std::string id;
  std::string into = "main";
  std::string notes;
  std::string comment;
  std::string ratio;
  bool disable_auto_apply = false;
  bool wait = false;
  bool approve = false;
  bool force = false;
  int wait_timeout_seconds = 3600;
};

std::string RequestsPath(const DeployRequestFlags& f) {
  return "/api/keyspaces/" + PathSegment(f.keyspace) + "/deploy-requests";
}

std::string RequestPath(const DeployRequestFlags& f) {
  return RequestsPath(f) + "/" + PathSegment(f.id);
}

// One line per shard: name, bar, state, rows, binlog events applied and,
// while the tablet tails the binlog, how far behind it is.
std::vector<std::string> ShardLines(const json& shards) {
  std::vector<std::string> out;
  for (const auto& shard : shards) {
    uint64_t copied = 0;
    uint64_t estimated = 0;
    uint64_t events = 0;
    std::optional<uint64_t> lag;
    for (const auto& m : shard.value("migrations", json::array())) {
      copied += m.value("rows_copied", uint64_t{0});
      estimated += m.value("rows_estimated", uint64_t{0});
      events += m.value("events_applied", uint64_t{0});
      if (m.contains("binlog_lag_bytes") && m["binlog_lag_bytes"].is_number())
        lag = std::max(lag.value_or(0), m["binlog_lag_bytes"].get<uint64_t>());
    }
    std::string name = JsonText(shard, "shard");
    name.resize(std::max<size_t>(name.size(), 6), ' ');
    out.push_back("  " + name + " " + ProgressBar(shard.value("progress", 0)) + "  " +
                  JsonText(shard, "state") + " (" + std::to_string(copied) + "/" +
                  std::to_string(estimated) + " rows, " + std::to_string(events) +
                  " binlog events applied" +
                  (lag ? ", " + std::to_string(*lag) + " bytes of binlog behind" : "") + ")");
  }
  return out;
}

void PrintRequest(const json& d) {
  std::cout << "deploy request " << JsonText(d, "id") << ": " << JsonText(d, "branch") << " -> "
            << JsonText(d, "into") << " (keyspace " << JsonText(d, "keyspace") << ")\n"
            << "state:        " << JsonText(d, "state") << "\n";
  if (!d.value("message", std::string()).empty())
    std::cout << "message:      " << JsonText(d, "message") << "\n";
  std::cout << "auto apply:   " << JsonText(d, "auto_apply") << "\n"
            << "approved:     " << JsonText(d, "approved") << "\n";
  if (d.contains("throttle_ratio") && !d["throttle_ratio"].is_null())
    std::cout << "throttle:     " << JsonText(d, "throttle_ratio") << "\n";
  if (!d.value("notes", std::string()).empty())
    std::cout << "notes:        " << JsonText(d, "notes") << "\n";
  std::cout << "created at:   " << JsonText(d, "created_at") << " UTC\n";
  if (!d["deployed_at"].is_null())
    std::cout << "deployed at:  " << JsonText(d, "deployed_at") << " UTC\n";
  if (!d["completed_at"].is_null())
    std::cout << "completed at: " << JsonText(d, "completed_at") << " UTC\n";
  if (d.value("state", "") == "complete" && !d["revert_window_ends"].is_null())
    std::cout << "revertible until " << JsonText(d, "revert_window_ends") << " UTC\n";
  const std::string state = d.value("state", "");
  if (state == "open" || state == "approved") {
    std::cout << "deployable:   " << JsonText(d, "deployable") << "\n";
    for (const auto& b : d.value("blockers", json::array()))
      std::cout << "  - " << b.get<std::string>() << "\n";
  }
  const json ddl = d.value("ddl", json::array());
  std::cout << "\n-- DDL (" << ddl.size() << " statement(s)):\n";
  for (const auto& statement : ddl) std::cout << statement.get<std::string>() << ";\n";
  const json lint = d.value("lint", json::array());
  if (!lint.empty()) std::cout << "\n-- lint:\n";
  for (const auto& f : lint) {
    std::cout << JsonText(f, "severity") << " [" << JsonText(f, "code") << "] "
              << JsonText(f, "table") << ": " << JsonText(f, "message") << "\n";
  }
  const json reviews = d.value("reviews", json::array());
  if (!reviews.empty()) std::cout << "\n-- reviews:\n";
  for (const auto& r : reviews) {
    std::cout << JsonText(r, "created_at")
              << (r.value("approved", false) ? " approved" : " commented")
              << (r.value("comment", std::string()).empty() ? "" : ": " + JsonText(r, "comment"))
              << "\n";
  }
  const json shards = d.value("shards", json::array());
  if (!shards.empty()) {
    std::cout << "\n-- migrations:\n";
    for (const auto& line : ShardLines(shards)) std::cout << line << "\n";
  }
  const json reverts = d.value("revert_shards", json::array());
  if (!reverts.empty()) {
    std::cout << "\n-- revert:\n";
    for (const auto& line : ShardLines(reverts)) std::cout << line << "\n";
  }
}

// Loads the config and calls the API; on failure prints
// "tessera deploy-request <verb>: <reason>", sets exit code 1, returns nullopt.
std::optional<json> Call(const DeployRequestFlags& flags, CommandContext& context,
                         const std::string& verb, const std::string& method,
                         const std::string& target, const std::optional<json>& body) {
  auto fail = [&](const std::string& message) -> std::optional<json> {
    std::cerr << "tessera deploy-request " << verb << ": " << message << "\n";
    context.exit_code = 1;
    return std::nullopt;
  };
  auto topology = config::LoadTopology(flags.config);
  if (!topology.ok()) return fail(topology.error().message);
  auto client = SchemadClient(*topology);
  if (!client.ok()) return fail(client.error().message);
  auto answer = client->Call(method, target, body);
  if (!answer.ok()) return fail(answer.error().message);
  return *answer;
}

bool IsSettled(const std::string& state) {
  return state != "queued" && state != "running" && state != "reverting";
}

// Polls the request until it settles, drawing per-shard progress. Sets a
// non-zero exit code if it ends failed or cancelled.
void WaitForDeploy(const DeployRequestFlags& flags, CommandContext& context) {
  LiveLines progress;
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(flags.wait_timeout_seconds);
  for (;;) {
    auto d = Call(flags, context, "deploy", "GET", RequestPath(flags), std::nullopt);
    if (!d) return;
    const std::string state = d->value("state", "");
    std::vector<std::string> lines = {"deploy request " + flags.id + ": " + state +
                                      (d->value("message", std::string()).empty()
                                           ? ""
                                           : " (" + d->value("message", std::string()) + ")")};
    const json shards = state == "reverting" ? d->value("revert_shards", json::array())
                                             : d->value("shards", json::array());
    for (auto& line : ShardLines(shards)) lines.push_back(line);
    progress.Draw(lines);
    if (IsSettled(state)) {
      if (state == "failed" || state == "cancelled") {
        std::cerr << "tessera deploy-request deploy: deploy request " << flags.id << " " << state
                  << ": " << d->value("message", std::string()) << "\n";
        context.exit_code = 1;
      } else if (state == "pending_cutover") {
        std::cout << "every shard is ready; run `tessera deploy-request apply " << flags.keyspace
                  << " " << flags.id << "` to cut over\n";
      }
      return;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      std::cerr << "tessera deploy-request deploy: still " << state << " after "
                << flags.wait_timeout_seconds << " s\n";
      context.exit_code = 1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

void AddConfigFlag(CLI::App* cmd, DeployRequestFlags& flags) {
  cmd->add_option("-c,--config", flags.config, "cluster config file")->capture_default_str();
}

void AddKeyspaceIdArgs(CLI::App* cmd, DeployRequestFlags& flags) {
  AddConfigFlag(cmd, flags);
  cmd->add_option("keyspace", flags.keyspace, "keyspace")->required();
  cmd->add_option("id", flags.id, "deploy request number")->required();
}

}  // namespace

void AddDeployRequestCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<DeployRequestFlags>();
  CLI::App* dr = app.add_subcommand("deploy-request",
                                    "open, review, deploy and revert schema changes of a branch");
  dr->alias("dr");
  dr->require_subcommand(1);
  auto& f = *flags;
  auto ctx = &context;

  CLI::App* create = dr->add_subcommand("create", "open a deploy request from a branch");
  AddConfigFlag(create, f);
  create->add_option("keyspace", f.keyspace, "keyspace")->required();
  create->add_option("branch", f.branch, "branch with the schema change")->required();
  create->add_option("--into", f.into, "branch to deploy into")->capture_default_str();
  create->add_option("--notes", f.notes, "notes for reviewers");
  create->add_flag("--disable-auto-apply", f.disable_auto_apply,
                   "wait for `apply` before cutting over (all shards together)");
  create->callback([flags, ctx] {
    auto d = Call(*flags, *ctx, "create", "POST", RequestsPath(*flags),
                  json{{"branch", flags->branch},
                       {"into", flags->into},
                       {"notes", flags->notes},
                       {"auto_apply", !flags->disable_auto_apply}});
    if (!d) return;
    std::cout << "opened deploy request " << JsonText(*d, "id") << ": " << JsonText(*d, "branch")
              << " -> " << JsonText(*d, "into") << "\n";
    if (!d->value("deployable", false)) {
      std::cout << "not deployable yet:\n";
      for (const auto& b : d->value("blockers", json::array()))
        std::cout << "  - " << b.get<std::string>() << "\n";
    }
  });

  CLI::App* list = dr->add_subcommand("list", "list the deploy requests of a keyspace");
  AddConfigFlag(list, f);
  list->add_option("keyspace", f.keyspace, "keyspace")->required();
  list->callback([flags, ctx] {
    auto answer = Call(*flags, *ctx, "list", "GET", RequestsPath(*flags), std::nullopt);
    if (!answer) return;
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : answer->at("deploy_requests")) {
      std::string tables;
      for (const auto& t : d.value("tables", json::array()))
        tables += (tables.empty() ? "" : ",") + t.get<std::string>();
      rows.push_back({JsonText(d, "id"), JsonText(d, "branch"), JsonText(d, "into"),
                      JsonText(d, "state"), JsonText(d, "approved"), tables.empty() ? "-" : tables,
                      JsonText(d, "created_at")});
    }
    PrintTable({"ID", "BRANCH", "INTO", "STATE", "APPROVED", "TABLES", "CREATED AT"}, rows);
  });

  CLI::App* show = dr->add_subcommand("show", "show a deploy request: state, DDL, lint, progress");
  AddKeyspaceIdArgs(show, f);
  show->callback([flags, ctx] {
    auto d = Call(*flags, *ctx, "show", "GET", RequestPath(*flags), std::nullopt);
    if (d) PrintRequest(*d);
  });

  CLI::App* diff = dr->add_subcommand("diff", "show the schema diff of a deploy request");
  AddKeyspaceIdArgs(diff, f);
  diff->callback([flags, ctx] {
    auto d = Call(*flags, *ctx, "diff", "GET", RequestPath(*flags), std::nullopt);
    if (!d) return;
    const std::string unified = d->value("unified", std::string());
    if (unified.empty()) {
      std::cout << "deploy request " << flags->id << " changes nothing\n";
      return;
    }
    PrintUnifiedDiff(unified);
  });

  CLI::App* deploy = dr->add_subcommand("deploy", "deploy a deploy request to production");
  AddKeyspaceIdArgs(deploy, f);
  deploy->add_flag("--wait", f.wait, "wait for the deployment, showing per-shard progress");
  deploy->add_option("--wait-timeout", f.wait_timeout_seconds, "seconds --wait waits at most")
      ->capture_default_str();
  deploy->callback([flags, ctx] {
    auto d = Call(*flags, *ctx, "deploy", "POST", RequestPath(*flags) + "/deploy", json::object());
    if (!d) return;
    std::cout << "deploy request " << flags->id << " is " << JsonText(*d, "state") << "\n";
    if (flags->wait) WaitForDeploy(*flags, *ctx);
  });

  CLI::App* apply =
      dr->add_subcommand("apply",
                         "cut over a deploy request waiting for apply (or, with --force, "
                         "a running one)");
  AddKeyspaceIdArgs(apply, f);
  apply->add_flag("--force", f.force,
                  "cut over as soon as each shard has caught up, even when throttled, killing "
                  "the sessions that hold locks on the table");
  apply->callback([flags, ctx] {
    auto d = Call(*flags, *ctx, "apply", "POST", RequestPath(*flags) + "/apply",
                  json{{"force", flags->force}});
    if (!d) return;
    std::cout << "deploy request " << flags->id << ": "
              << (flags->force ? "forcing the cut-over" : "cutting over") << " (state "
              << JsonText(*d, "state") << ")\n";
  });

  CLI::App* throttle = dr->add_subcommand(
      "throttle",
      "slow down the row copies of a deployment on every shard: they pause RATIO of the time");
  AddKeyspaceIdArgs(throttle, f);
  throttle->add_option("ratio", f.ratio, "0 to 1 (0: full speed, 1: stopped)")->required();
  throttle->callback([flags, ctx] {
    auto d = Call(*flags, *ctx, "throttle", "POST", RequestPath(*flags) + "/throttle",
                  json{{"ratio", flags->ratio}});
    if (!d) return;
    const std::string ratio = JsonText(*d, "throttle_ratio");
    std::cout << "deploy request " << flags->id << ": "
              << (ratio == "0" ? std::string("row copies run at full speed")
                               : "row copies pause " + ratio + " of the time")
              << " on every shard (state " << JsonText(*d, "state") << ")\n";
  });

  struct Simple {
    const char* verb;
    const char* help;
    const char* done;
  };
  for (const Simple& s : {
           Simple{"cancel", "cancel a queued or running deployment", "cancelled"},
           Simple{"close", "close an open deploy request without deploying", "closed"},
           Simple{"revert", "revert a deployed request within its revert window", "reverting"},
           Simple{"skip-revert", "close the revert window of a deployed request now",
                  "closed; it can no longer be reverted"},
       }) {
    CLI::App* cmd = dr->add_subcommand(s.verb, s.help);
    AddKeyspaceIdArgs(cmd, f);
    const std::string verb = s.verb;
    const std::string done = s.done;
    cmd->callback([flags, ctx, verb, done] {
      auto d = Call(*flags, *ctx, verb, "POST", RequestPath(*flags) + "/" + verb, json::object());
      if (!d) return;
      std::cout << "deploy request " << flags->id << ": " << done << " (state "
                << JsonText(*d, "state") << ")\n";
    });
  }

  CLI::App* review = dr->add_subcommand("review", "approve or comment on a deploy request");
  AddKeyspaceIdArgs(review, f);
  review->add_flag("--approve", f.approve, "approve the deploy request");
  review->add_option("--comment", f.comment, "review comment");
  review->callback([flags, ctx] {
    if (!flags->approve && flags->comment.empty()) {
      std::cerr << "tessera deploy-request review: give --approve, --comment or both\n";
      ctx->exit_code = 1;
      return;
    }
    json body{{"approve", flags->approve}};
    if (!flags->comment.empty()) body["comment"] = flags->comment;
    auto d = Call(*flags, *ctx, "review", "POST", RequestPath(*flags) + "/review", body);
    if (!d) return;
    std::cout << "deploy request " << flags->id << " "
              << (flags->approve ? "approved" : "commented") << " (state " << JsonText(*d, "state")
              << ")\n";
  });
}

}  // namespace tessera::cli
