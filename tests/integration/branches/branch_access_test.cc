// Branches seen through vtgate, end to end with real processes (MariaDB per
// shard, vttablets, vtgate, schemad, and the tessera CLI): branch-scoped
// passwords reach their branch only and only within their role, `USE
// keyspace@branch` for config accounts, safe migrations refusing direct DDL,
// and online DDL submitted, listed and reverted through vtgate.
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "cli/local/process.h"
#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera {
namespace {

using testing::GateClient;
using testing::TestCluster;

class BranchAccessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<local::TempDir>("tessera-branch-it-");
    auto cluster = TestCluster::Start(testing::ExampleKeyspaces(), /*with_schemad=*/true);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value();
  }
  static void TearDownTestSuite() {
    cluster_.reset();
    dir_.reset();
  }

  // Runs the tessera CLI against the cluster; returns its output.
  std::string Cli(std::vector<std::string> args, int expected_exit = 0) {
    std::vector<std::string> argv = {testing::BinaryDir() + "/tessera"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--config");
    argv.push_back(cluster_->config_path());
    std::string log = dir_->Sub("cli-" + std::to_string(++cli_runs_) + ".log");
    auto code = local::RunAndWait(argv, log);
    std::ifstream in(log);
    std::stringstream out;
    out << in.rdbuf();
    EXPECT_TRUE(code.ok());
    if (code.ok()) {
      EXPECT_EQ(code.value(), expected_exit) << out.str();
    }
    return out.str();
  }

  // "username: x" / "password: y" from `tessera password create`.
  static std::string Field(const std::string& text, const std::string& name) {
    size_t at = text.find(name + ":");
    if (at == std::string::npos) return "";
    size_t start = text.find_first_not_of(' ', at + name.size() + 1);
    size_t end = text.find('\n', start);
    return text.substr(start, end - start);
  }

  // Logs in as a branch credential; vtgate learns new credentials within a
  // second or so.
  std::unique_ptr<GateClient> LoginAs(const std::string& user, const std::string& password,
                                      const char* db = "customer") {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    for (;;) {
      auto client =
          std::make_unique<GateClient>(cluster_->vtgate_port(), user.c_str(), password.c_str(), db);
      if (client->connected() || std::chrono::steady_clock::now() > deadline) return client;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }

  std::string ShardValue(const std::string& shard, const std::string& sql) {
    auto conn = cluster_->ConnectShard(*cluster_->FindShard("customer", shard));
    EXPECT_TRUE(conn.ok());
    if (!conn.ok()) return "";
    auto rows = conn.value()->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << (rows.ok() ? "" : rows.error().message);
    if (!rows.ok() || rows.value().empty()) return "";
    return rows.value()[0][0].value_or("NULL");
  }

  static inline std::unique_ptr<local::TempDir> dir_;
  static inline std::unique_ptr<TestCluster> cluster_;
  int cli_runs_ = 0;
};

TEST_F(BranchAccessTest, BranchPasswordsReachTheirBranchOnlyWithinTheirRole) {
  GateClient app(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(app.connected()) << app.error();
  ASSERT_TRUE(
      app.Exec("INSERT INTO customer (customer_id, email) VALUES (1, 'main@x'), (2, 'm2@x')"))
      << app.error();

  std::string created = Cli({"branch", "create", "customer", "dev"});
  ASSERT_NE(created.find("dev"), std::string::npos) << created;
  std::string writer_out = Cli({"password", "create", "customer", "dev", "--role", "writer"});
  std::string reader_out = Cli({"password", "create", "customer", "dev", "--role", "reader"});
  std::string writer = Field(writer_out, "username"), writer_pw = Field(writer_out, "password");
  std::string reader = Field(reader_out, "username"), reader_pw = Field(reader_out, "password");
  ASSERT_FALSE(writer.empty()) << writer_out;
  ASSERT_FALSE(reader_pw.empty()) << reader_out;

  auto dev = LoginAs(writer, writer_pw);
  ASSERT_TRUE(dev->connected()) << dev->error();
  // The branch starts with main's schema and none of its rows.
  EXPECT_EQ(dev->Rows("SELECT COUNT(*) FROM customer"),
            (std::vector<std::vector<std::string>>{{"0"}}));
  ASSERT_TRUE(
      dev->Exec("INSERT INTO customer (customer_id, email) VALUES (10, 'dev@x'), (11, 'd2@x')"))
      << dev->error();
  EXPECT_EQ(dev->Rows("SELECT email FROM customer ORDER BY customer_id"),
            (std::vector<std::vector<std::string>>{{"dev@x"}, {"d2@x"}}));
  // The rows live in the branch databases, and main does not see them.
  int on_shards = std::stoi(ShardValue("-80", "SELECT COUNT(*) FROM vt_customer__dev.customer")) +
                  std::stoi(ShardValue("80-", "SELECT COUNT(*) FROM vt_customer__dev.customer"));
  EXPECT_EQ(on_shards, 2);
  EXPECT_EQ(app.Rows("SELECT email FROM customer ORDER BY customer_id"),
            (std::vector<std::vector<std::string>>{{"main@x"}, {"m2@x"}}));
  // Main's later writes never reach the branch.
  ASSERT_TRUE(app.Exec("INSERT INTO customer (customer_id, email) VALUES (3, 'later@x')"));
  EXPECT_EQ(dev->Rows("SELECT COUNT(*) FROM customer"),
            (std::vector<std::vector<std::string>>{{"2"}}));

  // Another keyspace, or another branch, is out of reach.
  EXPECT_FALSE(dev->Exec("USE commerce"));
  EXPECT_EQ(dev->error_code(), 1044u) << dev->error();
  EXPECT_FALSE(dev->Exec("SELECT * FROM commerce.product"));
  EXPECT_EQ(dev->error_code(), 1044u) << dev->error();
  EXPECT_FALSE(dev->Exec("USE `customer@main`"));
  EXPECT_EQ(dev->error_code(), 1044u) << dev->error();
  GateClient wrong_db(cluster_->vtgate_port(), writer.c_str(), writer_pw.c_str(), "commerce");
  EXPECT_FALSE(wrong_db.connected());

  // Writers may change a development branch's schema; readers may only read.
  EXPECT_TRUE(dev->Exec("ALTER TABLE customer ADD COLUMN nickname VARCHAR(20)")) << dev->error();
  auto ro = LoginAs(reader, reader_pw);
  ASSERT_TRUE(ro->connected()) << ro->error();
  EXPECT_EQ(ro->Rows("SELECT COUNT(*) FROM customer"),
            (std::vector<std::vector<std::string>>{{"2"}}));
  EXPECT_FALSE(ro->Exec("INSERT INTO customer (customer_id, email) VALUES (12, 'no@x')"));
  EXPECT_EQ(ro->error_code(), 1142u) << ro->error();
  EXPECT_FALSE(ro->Exec("DELETE FROM customer WHERE customer_id = 10"));
  EXPECT_EQ(ro->error_code(), 1142u) << ro->error();
  EXPECT_FALSE(ro->Exec("ALTER TABLE customer ADD COLUMN nope INT"));
  EXPECT_EQ(ro->error_code(), 1142u) << ro->error();
  // A wrong password is refused like any other.
  GateClient bad(cluster_->vtgate_port(), writer.c_str(), "not-the-password", "customer");
  EXPECT_FALSE(bad.connected());
  EXPECT_EQ(bad.error_code(), 1045u);

  // Config accounts can target a branch explicitly.
  ASSERT_TRUE(app.Exec("USE `customer@dev`")) << app.error();
  EXPECT_EQ(app.Rows("SELECT COUNT(*) FROM customer"),
            (std::vector<std::vector<std::string>>{{"2"}}));
  auto branches = app.Rows("SHOW BRANCHES");
  bool saw_main = false, saw_dev = false;
  for (const auto& row : branches) {
    saw_main = saw_main || row[0] == "main";
    saw_dev = saw_dev || row[0] == "dev";
  }
  EXPECT_TRUE(saw_main && saw_dev);
  ASSERT_TRUE(app.Exec("USE customer"));
  EXPECT_EQ(app.Rows("SELECT COUNT(*) FROM customer"),
            (std::vector<std::vector<std::string>>{{"3"}}));
  EXPECT_FALSE(app.Exec("USE `customer@nope`"));
  EXPECT_EQ(app.error_code(), 1049u);
}

TEST_F(BranchAccessTest, SafeMigrationsRefuseDirectDdlAndOnlineDdlRunsThroughVtgate) {
  GateClient app(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(app.connected()) << app.error();
  for (int i = 100; i < 140; ++i)
    ASSERT_TRUE(app.Exec("INSERT INTO customer (customer_id, email) VALUES (" + std::to_string(i) +
                         ", 'c" + std::to_string(i) + "@x')"));

  Cli({"branch", "safe-migrations", "enable", "customer", "main"});
  // vtgate picks the flag up from the metadata store within a second or so.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  bool refused = false;
  while (!refused && std::chrono::steady_clock::now() < deadline) {
    // A probe that changes nothing, so it needs no undo if it still went through.
    refused = !app.Exec("ALTER TABLE customer COMMENT = ''");
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(refused) << "DDL was never refused; vtgate log:\n" << cluster_->LogTail("vtgate");
  EXPECT_EQ(app.error_code(), 1105u) << app.error();
  EXPECT_NE(app.error().find("deploy request"), std::string::npos) << app.error();

  // Online DDL: a migration on every shard, visible with SHOW MIGRATIONS.
  ASSERT_TRUE(app.Exec("SET @@ddl_strategy = 'online'")) << app.error();
  auto submitted = app.Rows("ALTER TABLE customer ADD COLUMN tier INT NOT NULL DEFAULT 1");
  ASSERT_EQ(submitted.size(), 1u) << app.error();
  const std::string uuid = submitted[0][0];
  auto wait_complete = [&](const std::string& id) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::vector<std::vector<std::string>> rows;
    while (std::chrono::steady_clock::now() < until) {
      rows = app.Rows("SHOW MIGRATIONS LIKE '" + id + "'");
      size_t complete = 0;
      for (const auto& r : rows) complete += r[6] == "complete" ? 1 : 0;
      if (rows.size() == 2 && complete == 2) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "migration " << id << " did not complete on both shards: " << rows.size()
                  << " rows; " << app.error();
    return false;
  };
  ASSERT_TRUE(wait_complete(uuid));
  // THROTTLE RATIO reaches every shard's tablet, which judges the ratio and
  // the migration's state.
  EXPECT_FALSE(app.Exec("ALTER MIGRATION '" + uuid + "' THROTTLE RATIO 2"));
  EXPECT_NE(app.error().find("RATIO must be a number from 0 to 1"), std::string::npos)
      << app.error();
  EXPECT_FALSE(app.Exec("ALTER MIGRATION '" + uuid + "' THROTTLE RATIO 0.5"));
  EXPECT_NE(app.error().find("is complete"), std::string::npos) << app.error();
  EXPECT_FALSE(app.Exec("ALTER MIGRATION '" + uuid + "' CANCEL RATIO 0.5"));
  EXPECT_EQ(app.error_code(), 1064u) << app.error();
  EXPECT_EQ(app.Rows("SELECT COUNT(*) FROM customer WHERE tier = 1 AND customer_id >= 100"),
            (std::vector<std::vector<std::string>>{{"40"}}));
  auto reverted = app.Rows("REVERT MIGRATION '" + uuid + "'");
  ASSERT_EQ(reverted.size(), 1u) << app.error();
  ASSERT_TRUE(wait_complete(reverted[0][0]));
  EXPECT_FALSE(app.Exec("SELECT tier FROM customer LIMIT 1"));
  EXPECT_EQ(app.Rows("SELECT COUNT(*) FROM customer WHERE customer_id >= 100"),
            (std::vector<std::vector<std::string>>{{"40"}}));
  EXPECT_FALSE(app.Exec("ALTER MIGRATION '" + uuid + "' CUTOVER"));  // it is reverted
  EXPECT_FALSE(app.Exec("SHOW MIGRATIONS LIKE"));
  EXPECT_EQ(app.error_code(), 1064u);
  ASSERT_TRUE(app.Exec("SET @@ddl_strategy = 'direct'"));
  Cli({"branch", "safe-migrations", "disable", "customer", "main"});
}

}  // namespace
}  // namespace tessera
