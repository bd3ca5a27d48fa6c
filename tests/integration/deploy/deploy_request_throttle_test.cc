// A deploy request's throttle ratio (POST .../throttle, `tessera
// deploy-request throttle`): set while the request is queued, it reaches
// every shard's migration once they are submitted, holds the copies, and
// lifting it lets them finish with every row.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/deploy/deploy_request_fixture.h"

namespace tessera::deploy_it {
namespace {

TEST_F(DeployRequestTest, ThrottleRatioHoldsOnEveryShardFromQueuedToCutOver) {
  // A small request waits for its cut-over and holds the keyspace's queue, so
  // that the throttled request is certainly still queued (no migration on any
  // tablet yet) when its ratio is set.
  OnEveryShard("CREATE TABLE throttle_gate (id bigint PRIMARY KEY)");
  OnEveryShard("CREATE TABLE throttle_probe (id bigint PRIMARY KEY, v varchar(32))");
  // Even ids only: rows added later fall between them, inside the copy's range.
  OnEveryShard("INSERT INTO throttle_probe SELECT 2 * seq, CONCAT('v', seq) FROM seq_1_to_200000");
  CreateBranch("gate");
  OnEveryShard("ALTER TABLE " + BranchDatabase("gate") + ".throttle_gate ADD COLUMN g int");
  CreateBranch("slow-copy");
  OnEveryShard("ALTER TABLE " + BranchDatabase("slow-copy") +
               ".throttle_probe ADD COLUMN w int NOT NULL DEFAULT 7");
  long long gate = OpenRequest(json{{"branch", "gate"}, {"auto_apply", false}});
  long long id = OpenRequest(json{{"branch", "slow-copy"}});
  ASSERT_GT(gate, 0);
  ASSERT_GT(id, 0);

  // Before it is deployed there is no copy to throttle.
  auto early = Api("POST", RequestPath(id, "throttle"), json{{"ratio", 0.5}});
  EXPECT_EQ(early.status, 409u) << early.raw;
  EXPECT_NE(ErrorMessage(early).find("it is open (throttle needs queued or running or "
                                     "pending_cutover)"),
            std::string::npos)
      << early.raw;

  ASSERT_EQ(Api("POST", RequestPath(gate, "deploy")).status, 200u);
  ASSERT_EQ(WaitForState(gate, {"pending_cutover"})["state"], "pending_cutover");
  ASSERT_EQ(Api("POST", RequestPath(id, "deploy")).status, 200u);
  auto queued = Api("POST", RequestPath(id, "throttle"), json{{"ratio", 1}});
  ASSERT_EQ(queued.status, 200u) << queued.raw;
  EXPECT_EQ(queued.body["state"], "queued");
  EXPECT_EQ(queued.body["throttle_ratio"], 1);
  EXPECT_EQ(queued.body["shards"][0]["migrations"][0]["state"], "pending") << queued.raw;

  // Bad ratios are refused and change nothing.
  for (const json& bad : {json(1.5), json(-0.1), json("half"), json(0.0001), json(true),
                          json(nullptr), json("0,5")}) {
    auto r = Api("POST", RequestPath(id, "throttle"), json{{"ratio", bad}});
    EXPECT_EQ(r.status, 400u) << bad.dump() << ": " << r.raw;
    EXPECT_NE(ErrorMessage(r).find("\"ratio\""), std::string::npos) << r.raw;
  }
  EXPECT_EQ(Api("POST", RequestPath(id, "throttle"), json::object()).status, 400u);
  EXPECT_EQ(Api("GET", RequestPath(id)).body["throttle_ratio"], 1);

  // Once the gate is out of the way the request starts; its migrations are
  // submitted only now, and each takes the ratio: every shard's copy stands.
  ASSERT_EQ(Api("POST", RequestPath(gate, "apply")).status, 200u);
  ASSERT_EQ(WaitForState(gate, {"complete"})["state"], "complete");
  auto copied = [&](const json& request) {
    std::map<std::string, uint64_t> rows;
    for (const auto& shard : request["shards"])
      for (const auto& m : shard["migrations"]) rows[shard["shard"]] = m.value("rows_copied", 0ULL);
    return rows;
  };
  auto all_held = [&](const json& request) {
    if (request["shards"].size() < 2) return false;
    for (const auto& shard : request["shards"])
      for (const auto& m : shard["migrations"])
        if (m["state"] != "running" || m["throttle_ratio"] != 1) return false;
    return true;
  };
  json held;
  auto deadline = std::chrono::steady_clock::now() + seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    held = Api("GET", RequestPath(id)).body;
    if (all_held(held)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(all_held(held)) << held.dump(2) << "\n" << Log();
  std::this_thread::sleep_for(seconds(1));  // a chunk already under way ends
  const auto before = copied(Api("GET", RequestPath(id)).body);
  std::this_thread::sleep_for(seconds(2));
  json still = Api("GET", RequestPath(id)).body;
  EXPECT_EQ(copied(still), before) << still.dump(2);
  EXPECT_EQ(still["state"], "running");
  for (const auto& [shard, rows] : before) EXPECT_LT(rows, 150000u) << shard;
  // The table grows past the row count the migrations estimated at their
  // start, ahead of where the copies stand: they copy the new rows too.
  OnEveryShard("INSERT INTO throttle_probe SELECT 2 * seq + 1, 'odd' FROM seq_150000_to_199999");
  // Held copies still apply the binlog: the request shows each shard's
  // migration applying those 50,000 inserts, and how far behind it reads.
  auto applied_all = [](const json& request) {
    for (const auto& shard : request["shards"])
      for (const auto& m : shard["migrations"])
        if (m.value("events_applied", 0ULL) < 50000 || !m["binlog_lag_bytes"].is_number())
          return false;
    return true;
  };
  json applying;
  deadline = std::chrono::steady_clock::now() + seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    applying = Api("GET", RequestPath(id)).body;
    if (applied_all(applying)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(applied_all(applying)) << applying.dump(2);
  EXPECT_EQ(copied(applying), before) << "the copy moved while held";

  // The CLI sets a partial ratio: the copies move again, slowly.
  auto tessera = [](const std::string& args) {
    return RunShell(testing::BinaryDir() + "/tessera deploy-request " + args + " --config " +
                    config_path_);
  };
  auto wrong = tessera("throttle customer " + std::to_string(id) + " 2");
  EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
  EXPECT_NE(wrong.output.find("tessera deploy-request throttle: "), std::string::npos)
      << wrong.output;
  EXPECT_NE(wrong.output.find("\"ratio\" must be a number from 0 to 1"), std::string::npos)
      << wrong.output;
  auto partial = tessera("throttle customer " + std::to_string(id) + " 0.25");
  ASSERT_EQ(partial.exit_code, 0) << partial.output;
  EXPECT_NE(partial.output.find("row copies pause 0.25 of the time on every shard"),
            std::string::npos)
      << partial.output;
  auto show = tessera("show customer " + std::to_string(id));
  EXPECT_NE(show.output.find("throttle:     0.25"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find(" binlog events applied"), std::string::npos) << show.output;
  bool moved = false;
  deadline = std::chrono::steady_clock::now() + seconds(60);
  while (!moved && std::chrono::steady_clock::now() < deadline) {
    json now = Api("GET", RequestPath(id)).body;
    auto rows = copied(now);
    moved = now["state"] == "complete";
    for (const auto& [shard, n] : rows) moved = moved || n > before.at(shard);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(moved) << Log();

  // Ratio 0: full speed to the cut-over, every row copied.
  auto full = tessera("throttle customer " + std::to_string(id) + " 0");
  EXPECT_EQ(full.exit_code, 0) << full.output;
  EXPECT_NE(full.output.find("row copies run at full speed"), std::string::npos) << full.output;
  json done = WaitForState(id, {"complete"});
  ASSERT_EQ(done["state"], "complete");
  EXPECT_EQ(done["throttle_ratio"], 0);
  // Progress never shows more rows copied than estimated.
  for (const auto& shard : done["shards"]) {
    for (const auto& m : shard["migrations"]) {
      EXPECT_GE(m.value("rows_estimated", 0ULL), m.value("rows_copied", 0ULL)) << m.dump();
      EXPECT_GE(m.value("rows_copied", 0ULL), 250000u) << m.dump();
    }
  }
  for (const auto& create : MainCreateTable("throttle_probe"))
    EXPECT_NE(create.find("`w` int(11) NOT NULL DEFAULT 7"), std::string::npos) << create;
  const auto counts = FirstRowOnEveryShard("SELECT COUNT(*), SUM(w = 7) FROM throttle_probe");
  EXPECT_EQ(counts.size(), 2u);
  for (const auto& [shard, row] : counts)
    EXPECT_EQ(row, (std::vector<std::string>{"250000", "250000"})) << shard;
  // Nothing left to throttle once it is deployed.
  auto late = Api("POST", RequestPath(id, "throttle"), json{{"ratio", 0.5}});
  EXPECT_EQ(late.status, 409u) << late.raw;
  EXPECT_NE(ErrorMessage(late).find("it is complete"), std::string::npos) << late.raw;
}

}  // namespace
}  // namespace tessera::deploy_it
