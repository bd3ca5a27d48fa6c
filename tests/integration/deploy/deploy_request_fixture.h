// The deploy-request suite's fixture: one cluster (MariaDB per shard, a
// vttablet per shard running the online DDL executor, vtgate) and the real
// schemad binary started on the cluster's config plus a `schemad:` section,
// shared by every test of the suite; helpers that drive schemad's HTTP API,
// the tessera CLI and each shard's MariaDB directly.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "cli/local/net_probe.h"
#include "cli/local/process.h"
#include "cli/local/temp_dir.h"
#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/http_call.h"
#include "tests/integration/support/run_shell.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::deploy_it {

using nlohmann::json;
using std::chrono::seconds;

inline constexpr const char* kToken = "deploy-integration-token-0123";
// Short, so that a window can be seen to end; long enough to revert in.
inline constexpr int kRevertWindowSeconds = 20;

using testing::CommandResult;
using testing::HttpResult;
using testing::RunShell;

inline HttpResult Http(uint16_t port, const std::string& method, const std::string& target,
                       const std::optional<json>& body = std::nullopt) {
  return testing::HttpCall(port, method, target, body, std::string("Bearer ") + kToken);
}

inline std::string ErrorMessage(const HttpResult& r) {
  if (r.body.is_object() && r.body.contains("error")) return r.body["error"].value("message", "");
  return r.raw;
}

// customer_id -> email, as committed.
using Rows = std::map<long long, std::string>;

class DeployRequestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cluster = testing::TestCluster::Start(testing::ExampleKeyspaces());
    if (!cluster.ok()) {
      setup_error_ = "cluster: " + cluster.error().message;
      return;
    }
    cluster_ = std::move(cluster).value().release();
    dir_ = new local::TempDir("tessera-deploy-it-");
    auto port = local::PickFreePort();
    if (!port.ok()) {
      setup_error_ = "no free port";
      return;
    }
    port_ = *port;
    std::ifstream in(cluster_->config_path());
    std::stringstream yaml;
    yaml << in.rdbuf();
    config_path_ = dir_->Sub("schemad.yaml");
    std::ofstream(config_path_) << yaml.str() << "schemad:\n  host: 127.0.0.1\n  port: " << port_
                                << "\n  token: " << kToken
                                << "\n  revert_window: " << kRevertWindowSeconds << "s\n";
    setup_error_ = StartSchemad();
  }

  static void TearDownTestSuite() {
    StopSchemad(false);
    delete cluster_;
    cluster_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  // "" on success.
  static std::string StartSchemad() {
    // A schemad killed a moment ago may still hold the port.
    auto free_by = std::chrono::steady_clock::now() + seconds(10);
    while (local::CanConnect("127.0.0.1", port_, std::chrono::milliseconds(200)) &&
           std::chrono::steady_clock::now() < free_by)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto pid = local::SpawnDetached(
        {testing::BinaryDir() + "/schemad", "--config", config_path_, "--deploy-poll-ms", "200"},
        dir_->Sub("schemad.log"));
    if (!pid.ok()) return pid.error().message;
    schemad_pid_ = *pid;
    auto deadline = std::chrono::steady_clock::now() + seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!local::IsProcessAlive(schemad_pid_))
        return "schemad exited:\n" + local::FileTail(dir_->Sub("schemad.log"));
      if (local::CanConnect("127.0.0.1", port_, std::chrono::milliseconds(200))) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "schemad did not listen:\n" + local::FileTail(dir_->Sub("schemad.log"));
  }

  // `kill`: SIGKILL, as a crash; otherwise a clean stop.
  static void StopSchemad(bool kill) {
    if (schemad_pid_ <= 0) return;
    if (kill) ::kill(schemad_pid_, SIGKILL);
    (void)local::StopProcess(schemad_pid_, seconds(10));
    schemad_pid_ = -1;
  }

  void SetUp() override { ASSERT_EQ(setup_error_, "") << setup_error_; }

  static std::string Log() { return local::FileTail(dir_->Sub("schemad.log"), 40); }

  static HttpResult Api(const std::string& method, const std::string& path,
                        const std::optional<json>& body = std::nullopt) {
    return Http(port_, method, "/api/keyspaces/customer" + path, body);
  }

  static std::string RequestPath(long long id, const std::string& action = "") {
    return "/deploy-requests/" + std::to_string(id) + (action.empty() ? "" : "/" + action);
  }

  // Runs `sql` on every customer shard's MariaDB.
  static void OnEveryShard(const std::string& sql) {
    for (const auto& shard : cluster_->shards()) {
      if (shard.keyspace != "customer") continue;
      auto client = cluster_->ConnectShard(shard);
      ASSERT_TRUE(client.ok()) << client.error().message;
      Status s = (*client)->Execute(sql);
      ASSERT_TRUE(s.ok()) << shard.name << ": " << sql << ": " << s.error().message;
    }
  }

  // SHOW CREATE TABLE of `table` in vt_customer on each customer shard.
  static std::vector<std::string> MainCreateTable(const std::string& table) {
    std::vector<std::string> out;
    for (const auto& shard : cluster_->shards()) {
      if (shard.keyspace != "customer") continue;
      auto client = cluster_->ConnectShard(shard);
      EXPECT_TRUE(client.ok());
      if (!client.ok()) continue;
      auto rows = (*client)->Query("SHOW CREATE TABLE " + table);
      EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message);
      if (rows.ok() && !rows->empty()) out.push_back((*rows)[0][1].value_or(""));
    }
    return out;
  }

  // The first row `sql` answers on each customer shard's MariaDB, by shard
  // name (NULL as "NULL").
  static std::map<std::string, std::vector<std::string>> FirstRowOnEveryShard(
      const std::string& sql) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& shard : cluster_->shards()) {
      if (shard.keyspace != "customer") continue;
      auto client = cluster_->ConnectShard(shard);
      EXPECT_TRUE(client.ok()) << shard.name;
      if (!client.ok()) continue;
      auto rows = (*client)->Query(sql);
      EXPECT_TRUE(rows.ok()) << shard.name << ": " << sql;
      if (!rows.ok() || rows->empty()) continue;
      for (const auto& cell : rows->front()) out[shard.name].push_back(cell.value_or("NULL"));
    }
    return out;
  }

  // Every customer row of every shard, read directly from MariaDB.
  static Rows ShardRows() {
    Rows out;
    for (const auto& shard : cluster_->shards()) {
      if (shard.keyspace != "customer") continue;
      auto client = cluster_->ConnectShard(shard);
      EXPECT_TRUE(client.ok());
      if (!client.ok()) continue;
      auto rows = (*client)->Query("SELECT customer_id, email FROM customer");
      EXPECT_TRUE(rows.ok()) << (rows.ok() ? "" : rows.error().message);
      if (!rows.ok()) continue;
      for (const auto& r : *rows) {
        long long id = std::stoll(r[0].value_or("0"));
        EXPECT_EQ(out.count(id), 0u) << "customer " << id << " is on two shards";
        out[id] = r[1].value_or("NULL");
      }
    }
    return out;
  }

  // Count and an order-independent checksum over (customer_id, email).
  static std::string Checksum(const Rows& rows) {
    uint64_t sum = 0;
    for (const auto& [id, email] : rows)
      sum += std::hash<std::string>{}(std::to_string(id) + "|" + email);
    return std::to_string(rows.size()) + "/" + std::to_string(sum);
  }

  static void ExpectRowsEqual(const Rows& expected, const std::string& when) {
    Rows actual = ShardRows();
    EXPECT_EQ(Checksum(actual), Checksum(expected)) << when;
    int shown = 0;
    for (const auto& [id, email] : expected) {
      auto it = actual.find(id);
      if (it == actual.end() || it->second != email) {
        if (++shown <= 10)
          ADD_FAILURE() << when << ": customer " << id << " is "
                        << (it == actual.end() ? "missing" : it->second) << ", committed " << email;
      }
    }
    for (const auto& [id, email] : actual) {
      if (!expected.count(id) && ++shown <= 10)
        ADD_FAILURE() << when << ": customer " << id << " was never committed";
    }
  }

  // Polls the request until its state is one of `states` (or a final state
  // that is not one of them); returns the last answer.
  static json WaitForState(long long id, const std::vector<std::string>& states,
                           seconds timeout = seconds(240)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    json last;
    while (std::chrono::steady_clock::now() < deadline) {
      auto r = Api("GET", RequestPath(id));
      if (r.status == 200) {
        last = r.body;
        std::string state = last.value("state", "");
        for (const auto& s : states)
          if (state == s) return last;
        if (state == "failed" || state == "cancelled") break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ADD_FAILURE() << "deploy request " << id << " did not reach " << states.front() << ": "
                  << last.dump(2) << "\n"
                  << Log();
    return last;
  }

  static void CreateBranch(const std::string& name) {
    auto r = Http(port_, "POST", "/api/keyspaces/customer/branches", json{{"name", name}});
    ASSERT_EQ(r.status, 201u) << r.raw;
  }

  static std::string BranchDatabase(const std::string& branch) {
    std::string db = "vt_customer__" + branch;
    for (auto& c : db)
      if (c == '-') c = '_';
    return db;
  }

  static long long OpenRequest(const json& body) {
    auto r = Api("POST", "/deploy-requests", body);
    EXPECT_EQ(r.status, 201u) << r.raw;
    return r.body.is_object() ? r.body.value("id", 0LL) : 0;
  }

  // Seeds `n` customers through vtgate, 500 per statement; returns what was
  // committed.
  static Rows Seed(long long first, int n) {
    Rows rows;
    testing::GateClient gate(cluster_->vtgate_port(), "app", "app", "customer");
    EXPECT_TRUE(gate.connected()) << gate.error();
    for (long long start = first; start < first + n; start += 500) {
      Rows batch;
      std::string sql = "INSERT INTO customer (customer_id, email) VALUES ";
      for (long long id = start; id < std::min(start + 500, first + n); ++id) {
        batch[id] = "seed" + std::to_string(id) + "@example.com";
        sql += (id == start ? "(" : ", (") + std::to_string(id) + ", '" + batch[id] + "')";
      }
      if (!gate.Exec(sql)) {
        ADD_FAILURE() << gate.error();
        break;
      }
      rows.merge(batch);
    }
    return rows;
  }

  static inline testing::TestCluster* cluster_ = nullptr;
  static inline local::TempDir* dir_ = nullptr;
  static inline std::string config_path_;
  static inline uint16_t port_ = 0;
  static inline pid_t schemad_pid_ = -1;
  static inline std::string setup_error_;
};

}  // namespace tessera::deploy_it
