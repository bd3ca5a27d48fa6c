// transaction_mode twopc on a real cluster: a transaction across shards
// commits on all of them or on none, also when a tablet or vtgate is killed
// in the middle of the two-phase commit; the resolver finishes the rest.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"
#include "vtgate/vindexes/hash_vindex.h"

namespace tessera {
namespace {

using testing::ExampleKeyspaces;
using testing::GateClient;
using testing::TestCluster;
using Rows = std::vector<std::vector<std::string>>;

class TwoPcTest : public ::testing::Test {
 protected:
  // `vtgate_flags` after the resolver's short test timings.
  // Tablets let go of a prepared branch idle for `tablet_idle_ms`.
  void StartCluster(std::vector<std::string> vtgate_flags = {},
                    const std::string& tablet_idle_ms = "1500") {
    TestCluster::ConfigExtras extras;
    extras.vtgate_flags = {"--twopc-abandon-age-ms", "1000", "--twopc-resolve-interval-ms", "200"};
    extras.vtgate_flags.insert(extras.vtgate_flags.end(), vtgate_flags.begin(), vtgate_flags.end());
    // Prepared branches whose coordinator is gone are let go of soon.
    extras.tablet_flags = {"--transaction-timeout-ms", tablet_idle_ms};
    auto cluster = TestCluster::Start(ExampleKeyspaces(), false, extras);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value();
    vtgate::HashVindex hash;
    for (uint64_t id = 1; low_.size() < 4 || high_.size() < 4; ++id) {
      auto& side = static_cast<unsigned char>(hash.MapUint64(id)[0]) < 0x80 ? low_ : high_;
      if (side.size() < 4) side.push_back(std::to_string(id));
    }
  }

  std::unique_ptr<GateClient> Connect() {
    auto client = std::make_unique<GateClient>(cluster_->vtgate_port(), "app", "app", "customer");
    EXPECT_TRUE(client->connected()) << client->error();
    return client;
  }

  // A query straight on a shard's MariaDB.
  std::vector<std::vector<std::optional<std::string>>> OnShard(const std::string& shard,
                                                               const std::string& sql) {
    const std::string keyspace = shard == "0" ? "commerce" : "customer";
    auto client = cluster_->ConnectShard(*cluster_->FindShard(keyspace, shard));
    EXPECT_TRUE(client.ok()) << client.error().message;
    if (!client.ok()) return {};
    auto rows = (*client)->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.error().message;
    return rows.ok() ? *rows : std::vector<std::vector<std::optional<std::string>>>{};
  }
  size_t PreparedBranches(const std::string& shard) { return OnShard(shard, "XA RECOVER").size(); }
  size_t Records(const std::string& shard) {
    auto tables = OnShard(shard,
                          "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                          "'_tessera' AND table_name = 'twopc_transactions'");
    if (tables.empty() || tables[0][0] == "0") return 0;
    auto rows = OnShard(shard, "SELECT COUNT(*) FROM _tessera.twopc_transactions");
    return rows.empty() ? 0 : std::stoul(*rows[0][0]);
  }
  std::string CustomerEmail(const std::string& shard, const std::string& id) {
    auto rows = OnShard(shard, "SELECT email FROM customer WHERE customer_id = " + id);
    return rows.empty() ? "(none)" : rows[0][0].value_or("NULL");
  }
  // Waits up to `limit` for `done`.
  static bool Eventually(const std::function<bool()>& done,
                         std::chrono::seconds limit = std::chrono::seconds(20)) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return done();
  }
  // Waits up to 10 s for the commit decision on the log shard (-80, the
  // first one the test transactions write).
  bool AwaitCommitDecision() {
    return Eventually(
        [&] {
          return Records("-80") == 1 &&
                 OnShard("-80", "SELECT state FROM _tessera.twopc_transactions")[0][0] == "commit";
        },
        std::chrono::seconds(10));
  }
  // The outcome of a COMMIT run on another thread.
  struct BackgroundCommit {
    bool committed = false;
    std::string error;
    std::thread thread;
  };
  // Runs COMMIT on `c` in a thread; the caller joins `thread`.
  static void StartCommit(GateClient& c, BackgroundCommit& out) {
    out.thread = std::thread([&c, &out] {
      out.committed = c.Exec("COMMIT");
      out.error = c.error();
    });
  }
  // BEGIN and one insert on each customer shard; the transaction stays open.
  static void WriteOnBothShards(GateClient& c, const std::string& low, const std::string& high,
                                const std::string& email) {
    ASSERT_TRUE(c.Exec("SET transaction_mode = 'twopc'")) << c.error();
    ASSERT_TRUE(c.Exec("BEGIN")) << c.error();
    for (const auto& id : {low, high}) {
      ASSERT_TRUE(
          c.Exec("INSERT INTO customer (customer_id, email) VALUES (" + id + ", '" + email + "')"))
          << c.error();
    }
  }

  std::unique_ptr<TestCluster> cluster_;
  std::vector<std::string> low_, high_;  // customer ids on -80 and on 80-
};

TEST_F(TwoPcTest, CommitsAndRollsBackAcrossShards) {
  StartCluster();
  auto client = Connect();
  GateClient& c = *client;
  EXPECT_FALSE(c.Exec("SET transaction_mode = 'threepc'"));
  EXPECT_EQ(c.error_code(), 1231u) << c.error();

  // Two shards of one keyspace and an unsharded keyspace in one transaction.
  WriteOnBothShards(c, low_[0], high_[0], "both");
  ASSERT_TRUE(
      c.Exec("INSERT INTO commerce.product (sku, description, price) VALUES ('s1', 'x', 1)"))
      << c.error();
  // The branches are XA transactions, not visible outside before commit.
  EXPECT_EQ(CustomerEmail("-80", low_[0]), "(none)");
  ASSERT_TRUE(c.Exec("COMMIT")) << c.error();
  EXPECT_EQ(CustomerEmail("-80", low_[0]), "both");
  EXPECT_EQ(CustomerEmail("80-", high_[0]), "both");
  EXPECT_EQ(OnShard("0", "SELECT description FROM product WHERE sku = 's1'").size(), 1u);
  for (const std::string shard : {"-80", "80-", "0"}) {
    EXPECT_EQ(PreparedBranches(shard), 0u) << shard;
    EXPECT_EQ(Records(shard), 0u) << shard;
  }

  // ROLLBACK undoes every shard; a savepoint works inside the branches.
  WriteOnBothShards(c, low_[1], high_[1], "gone");
  ASSERT_TRUE(c.Exec("ROLLBACK")) << c.error();
  EXPECT_EQ(CustomerEmail("-80", low_[1]), "(none)");
  EXPECT_EQ(CustomerEmail("80-", high_[1]), "(none)");
  WriteOnBothShards(c, low_[1], high_[1], "kept");
  ASSERT_TRUE(c.Exec("SAVEPOINT s")) << c.error();
  ASSERT_TRUE(c.Exec("UPDATE customer SET email = 'undone' WHERE customer_id IN (" + low_[1] +
                     ", " + high_[1] + ")"))
      << c.error();
  ASSERT_TRUE(c.Exec("ROLLBACK TO SAVEPOINT s")) << c.error();
  ASSERT_TRUE(c.Exec("COMMIT")) << c.error();
  EXPECT_EQ(
      c.Rows("SELECT email FROM customer WHERE customer_id IN (" + low_[1] + ", " + high_[1] + ")"),
      (Rows{{"kept"}, {"kept"}}));

  // One shard: a one-phase XA commit, nothing left behind.
  ASSERT_TRUE(c.Exec("BEGIN")) << c.error();
  ASSERT_TRUE(c.Exec("UPDATE customer SET email = 'one' WHERE customer_id = " + low_[1]));
  ASSERT_TRUE(c.Exec("COMMIT")) << c.error();
  EXPECT_EQ(CustomerEmail("-80", low_[1]), "one");

  // An autocommit write to several shards is one distributed transaction.
  ASSERT_TRUE(c.Exec("UPDATE customer SET email = 'all'")) << c.error();
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM customer WHERE email = 'all'"), (Rows{{"4"}}));
  for (const std::string shard : {"-80", "80-"}) {
    EXPECT_EQ(PreparedBranches(shard), 0u) << shard;
    EXPECT_EQ(Records(shard), 0u) << shard;
  }
}

TEST_F(TwoPcTest, AShardLostBeforePrepareRollsBackEveryShard) {
  StartCluster();
  auto client = Connect();
  GateClient& c = *client;
  WriteOnBothShards(c, low_[0], high_[0], "lost");
  cluster_->KillTablet("customer", "80-");
  EXPECT_FALSE(c.Exec("COMMIT"));
  EXPECT_NE(c.error().find("prepare failed on customer/80-"), std::string::npos) << c.error();
  ASSERT_TRUE(cluster_->RestartTablet("customer", "80-").ok());
  EXPECT_EQ(CustomerEmail("-80", low_[0]), "(none)");
  EXPECT_EQ(CustomerEmail("80-", high_[0]), "(none)");
  EXPECT_TRUE(Eventually([&] { return Records("-80") == 0; }));
  EXPECT_EQ(PreparedBranches("-80"), 0u);
  EXPECT_EQ(PreparedBranches("80-"), 0u);
  // The session goes on.
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM customer"), (Rows{{"0"}})) << c.error();
}

TEST_F(TwoPcTest, ATabletKilledBetweenPrepareAndCommitIsCommittedWhenItReturns) {
  // The branch on -80 stays with its tablet through the pause.
  StartCluster({"--twopc-test-pause", "after-decision:3000"}, "10000");
  auto client = Connect();
  GateClient& c = *client;
  WriteOnBothShards(c, low_[0], high_[0], "decided");
  BackgroundCommit commit;
  StartCommit(c, commit);
  ASSERT_TRUE(AwaitCommitDecision());
  cluster_->KillTablet("customer", "80-");
  commit.thread.join();
  // Decided, so the commit succeeded, with a warning about the pending part.
  EXPECT_TRUE(commit.committed) << commit.error;
  auto warnings = c.Rows("SHOW WARNINGS");
  ASSERT_EQ(warnings.size(), 1u) << ::testing::PrintToString(warnings);
  EXPECT_NE(warnings[0][2].find("customer/80-"), std::string::npos) << warnings[0][2];
  EXPECT_EQ(CustomerEmail("-80", low_[0]), "decided");
  // The branch on 80- outlived its tablet, prepared.
  EXPECT_EQ(PreparedBranches("80-"), 1u);
  EXPECT_EQ(CustomerEmail("80-", high_[0]), "(none)");
  // SHOW UNRESOLVED TRANSACTIONS lists it; the shard that is down is a warning.
  auto other = Connect();
  auto unresolved = other->Rows("SHOW UNRESOLVED TRANSACTIONS FOR customer");
  ASSERT_EQ(unresolved.size(), 1u) << other->error() << ::testing::PrintToString(unresolved);
  EXPECT_EQ(unresolved[0][0].rfind("tsr-", 0), 0u) << unresolved[0][0];
  EXPECT_EQ(unresolved[0][1], "commit");
  EXPECT_EQ(unresolved[0][2], "customer/-80");
  EXPECT_EQ(unresolved[0][3], "customer/-80,customer/80-");
  auto down = other->Rows("SHOW WARNINGS");
  ASSERT_EQ(down.size(), 1u) << ::testing::PrintToString(down);
  EXPECT_NE(down[0][2].find("cannot read the transaction log of customer/80-"), std::string::npos)
      << down[0][2];
  EXPECT_EQ(other->Rows("SHOW UNRESOLVED TRANSACTIONS FOR commerce").size(), 0u) << other->error();
  EXPECT_TRUE(other->Rows("SHOW UNRESOLVED TRANSACTIONS FOR nowhere").empty());
  EXPECT_EQ(other->error_code(), 1049u) << other->error();

  ASSERT_TRUE(cluster_->RestartTablet("customer", "80-").ok());
  EXPECT_TRUE(Eventually([&] { return CustomerEmail("80-", high_[0]) == "decided"; }))
      << cluster_->LogTail("vtgate");
  EXPECT_TRUE(Eventually([&] { return Records("-80") == 0; }));
  EXPECT_EQ(PreparedBranches("80-"), 0u);
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM customer WHERE email = 'decided'"), (Rows{{"2"}}));
  EXPECT_EQ(c.Rows("SHOW UNRESOLVED TRANSACTIONS").size(), 0u) << c.error();
}

TEST_F(TwoPcTest, APreparedBranchSurvivesAMariaDbCrash) {
  StartCluster({"--twopc-test-pause", "after-decision:3000"}, "30000");
  auto client = Connect();
  GateClient& c = *client;
  WriteOnBothShards(c, low_[1], high_[1], "crashed");
  BackgroundCommit commit;
  StartCommit(c, commit);
  ASSERT_TRUE(AwaitCommitDecision());
  // Decided, both branches prepared: the 80- MariaDB crashes before its commit.
  EXPECT_EQ(PreparedBranches("80-"), 1u);
  ASSERT_TRUE(cluster_->RestartMariaDb("customer", "80-").ok());
  commit.thread.join();
  EXPECT_TRUE(commit.committed) << commit.error;
  // The prepared branch came back with the server, and the resolver commits it.
  EXPECT_TRUE(Eventually([&] { return CustomerEmail("80-", high_[1]) == "crashed"; }))
      << cluster_->LogTail("vtgate");
  EXPECT_EQ(CustomerEmail("-80", low_[1]), "crashed");
  EXPECT_TRUE(Eventually([&] { return Records("-80") == 0; }));
  EXPECT_EQ(PreparedBranches("80-"), 0u);
}

TEST_F(TwoPcTest, AVtgateKilledAfterTheDecisionCommitsOnRestart) {
  StartCluster({"--twopc-test-pause", "after-decision:4000"}, "6000");
  auto client = Connect();
  WriteOnBothShards(*client, low_[0], high_[0], "survived");
  std::thread commit([&] { (void)client->Exec("COMMIT"); });
  ASSERT_TRUE(AwaitCommitDecision());
  cluster_->KillVtgate();
  commit.join();
  EXPECT_EQ(CustomerEmail("-80", low_[0]), "(none)");
  EXPECT_EQ(CustomerEmail("80-", high_[0]), "(none)");

  ASSERT_TRUE(cluster_->RestartVtgate({"--twopc-test-pause"}).ok());
  EXPECT_TRUE(Eventually([&] {
    return CustomerEmail("-80", low_[0]) == "survived" &&
           CustomerEmail("80-", high_[0]) == "survived";
  })) << cluster_->LogTail("vtgate+");
  EXPECT_TRUE(Eventually([&] { return Records("-80") == 0; }));
  EXPECT_EQ(PreparedBranches("-80"), 0u);
  EXPECT_EQ(PreparedBranches("80-"), 0u);
}

TEST_F(TwoPcTest, AVtgateKilledBeforeTheDecisionRollsBackOnRestart) {
  StartCluster({"--twopc-test-pause", "after-prepare:4000"}, "6000");
  auto client = Connect();
  WriteOnBothShards(*client, low_[0], high_[0], "undecided");
  std::thread commit([&] { (void)client->Exec("COMMIT"); });
  ASSERT_TRUE(
      Eventually([&] { return PreparedBranches("-80") == 1 && PreparedBranches("80-") == 1; },
                 std::chrono::seconds(10)));
  cluster_->KillVtgate();
  commit.join();

  ASSERT_TRUE(cluster_->RestartVtgate({"--twopc-test-pause"}).ok());
  EXPECT_TRUE(Eventually([&] {
    return PreparedBranches("-80") == 0 && PreparedBranches("80-") == 0 && Records("-80") == 0;
  })) << cluster_->LogTail("vtgate+");
  EXPECT_EQ(CustomerEmail("-80", low_[0]), "(none)");
  EXPECT_EQ(CustomerEmail("80-", high_[0]), "(none)");
  // The rows are free again: nothing holds their locks.
  auto again = Connect();
  ASSERT_TRUE(again->Exec("INSERT INTO customer (customer_id, email) VALUES (" + low_[0] +
                          ", 'n'), (" + high_[0] + ", 'n')"))
      << again->error();
}

}  // namespace
}  // namespace tessera
