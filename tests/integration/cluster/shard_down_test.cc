// Fault cases on a real cluster: with one shard's tablet, or one shard's
// MariaDB, gone, a query that needs that shard gets a clean error naming the
// shard (never a partial answer), while queries on the other shards, and on
// other keyspaces, go on working.
#include <chrono>
#include <memory>
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

class ShardDownTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cluster = TestCluster::Start(ExampleKeyspaces());
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value();
    client_ = std::make_unique<GateClient>(cluster_->vtgate_port(), "app", "app", "customer");
    ASSERT_TRUE(client_->connected()) << client_->error();
    // Ids on each shard: low on -80, high on 80-.
    vtgate::HashVindex hash;
    for (uint64_t id = 1; low_.size() < 2 || high_.size() < 2; ++id) {
      auto& side = static_cast<unsigned char>(hash.MapUint64(id)[0]) < 0x80 ? low_ : high_;
      if (side.size() < 2) side.push_back(std::to_string(id));
    }
    for (const auto& id : {low_[0], high_[0]}) {
      ASSERT_TRUE(client_->Exec("INSERT INTO customer (customer_id, email) VALUES (" + id + ", 'e" +
                                id + "')"))
          << client_->error();
    }
    ASSERT_TRUE(
        client_->Exec("INSERT INTO commerce.product (sku, description, price) VALUES "
                      "('sku-1', 'one', 10)"))
        << client_->error();
  }

  // The checks every fault shares; `why` is part of the error for -80.
  void ExpectOnlyShardLowFails(const std::string& why) {
    GateClient& c = *client_;
    // The other shard answers point reads and writes.
    EXPECT_EQ(c.Rows("SELECT email FROM customer WHERE customer_id = " + high_[0]),
              (std::vector<std::vector<std::string>>{{"e" + high_[0]}}))
        << c.error();
    EXPECT_TRUE(
        c.Exec("INSERT INTO customer (customer_id, email) VALUES (" + high_[1] + ", 'late')"))
        << c.error();
    // So does the other keyspace.
    EXPECT_EQ(c.Rows("SELECT description FROM commerce.product WHERE sku = 'sku-1'"),
              (std::vector<std::vector<std::string>>{{"one"}}))
        << c.error();
    // What needs the missing shard fails, naming it; a scatter gives no partial rows.
    for (const std::string& sql :
         {"SELECT email FROM customer WHERE customer_id = " + low_[0],
          std::string("SELECT COUNT(*) FROM customer"), std::string("SELECT * FROM customer"),
          "INSERT INTO customer (customer_id, email) VALUES (" + low_[1] + ", 'x')",
          std::string("UPDATE customer SET email = 'all'")}) {
      SCOPED_TRACE(sql);
      auto rows = c.Rows(sql);
      EXPECT_TRUE(rows.empty());
      EXPECT_EQ(c.error_code(), 1105u) << c.error();
      EXPECT_NE(c.error().find("customer/-80"), std::string::npos) << c.error();
      EXPECT_NE(c.error().find(why), std::string::npos) << c.error();
    }
    // The session survives its failed statements.
    EXPECT_EQ(c.Rows("SELECT 1"), (std::vector<std::vector<std::string>>{{"1"}})) << c.error();
  }

  std::unique_ptr<TestCluster> cluster_;
  std::unique_ptr<GateClient> client_;
  std::vector<std::string> low_, high_;
};

TEST_F(ShardDownTest, ATabletThatIsDownFailsOnlyTheQueriesThatNeedIt) {
  cluster_->KillTablet("customer", "-80");
  ExpectOnlyShardLowFails("unavailable");
}

TEST_F(ShardDownTest, AMariaDbThatIsDownFailsOnlyTheQueriesThatNeedIt) {
  const TestCluster::Shard* shard = cluster_->FindShard("customer", "-80");
  ASSERT_NE(shard, nullptr);
  ASSERT_TRUE(shard->mariadb->Stop().ok());
  ExpectOnlyShardLowFails("");
}

}  // namespace
}  // namespace tessera
