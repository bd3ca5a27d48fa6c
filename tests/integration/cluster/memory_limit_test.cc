// The cap on rows one query may hold in vtgate memory, on a real 2-shard
// cluster: `vtgate.max_memory_rows` in the config (and --max-memory-rows,
// which overrides it). A query that would hold more fails with 1105 naming
// the limit; queries under it, and the session, go on working.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera {
namespace {

using testing::ExampleKeyspaces;
using testing::GateClient;
using testing::TestCluster;
using Rows = std::vector<std::vector<std::string>>;

class MemoryLimitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestCluster::ConfigExtras extras;
    extras.vtgate = "  max_memory_rows: 1000\n";  // overridden by the flag below
    extras.vtgate_flags = {"--max-memory-rows", "20"};
    auto cluster = TestCluster::Start(ExampleKeyspaces(), false, extras);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
    GateClient c(cluster_->vtgate_port(), "app", "app", "customer");
    ASSERT_TRUE(c.connected()) << c.error();
    // 30 customers over both shards, 30 distinct emails; 30 orders over 5 skus.
    std::string values;
    for (int id = 1; id <= 30; ++id) {
      if (!values.empty()) values += ", ";
      values += "(" + std::to_string(id) + ", 'user" + std::to_string(id) + "@example.com')";
    }
    ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES " + values)) << c.error();
    std::string orders;
    for (int id = 1; id <= 30; ++id) {
      if (!orders.empty()) orders += ", ";
      orders += "(" + std::to_string(100 + id) + ", " + std::to_string(id) + ", 'sku-" +
                std::to_string(id % 5) + "')";
    }
    ASSERT_TRUE(c.Exec("INSERT INTO corder (order_id, customer_id, sku) VALUES " + orders))
        << c.error();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(cluster_, nullptr);
    client_ = std::make_unique<GateClient>(cluster_->vtgate_port(), "app", "app", "customer");
    ASSERT_TRUE(client_->connected()) << client_->error();
  }

  // `sql` fails with 1105 naming the limit of 20 rows.
  void ExpectOverLimit(const std::string& sql) {
    SCOPED_TRACE(sql);
    auto rows = client_->Rows(sql);
    EXPECT_TRUE(rows.empty());
    EXPECT_EQ(client_->error_code(), 1105u) << client_->error();
    EXPECT_NE(client_->error().find("the limit of 20"), std::string::npos) << client_->error();
  }

  static TestCluster* cluster_;
  std::unique_ptr<GateClient> client_;
};

TestCluster* MemoryLimitTest::cluster_ = nullptr;

TEST_F(MemoryLimitTest, QueriesHoldingMoreRowsThanTheLimitFail) {
  ExpectOverLimit("SELECT customer_id FROM customer ORDER BY email");
  ExpectOverLimit("SELECT DISTINCT email FROM customer");
  ExpectOverLimit("SELECT COUNT(DISTINCT email) FROM customer");
  ExpectOverLimit("SELECT GROUP_CONCAT(email ORDER BY email) FROM customer");
  ExpectOverLimit("SELECT email, COUNT(*) FROM customer GROUP BY email");
  // A join vtgate runs itself (orders joined on sku, not the vindex column).
  ExpectOverLimit(
      "SELECT a.order_id, b.order_id FROM corder a JOIN corder b ON a.sku = b.sku "
      "ORDER BY a.order_id");
  // The session goes on.
  EXPECT_EQ(client_->Rows("SELECT 1"), (Rows{{"1"}})) << client_->error();
}

TEST_F(MemoryLimitTest, QueriesUnderTheLimitWork) {
  EXPECT_EQ(client_->Rows("SELECT COUNT(*) FROM customer"), (Rows{{"30"}})) << client_->error();
  EXPECT_EQ(client_->Rows("SELECT COUNT(DISTINCT sku) FROM corder"), (Rows{{"5"}}))
      << client_->error();
  EXPECT_EQ(client_->Rows("SELECT sku, COUNT(*) FROM corder GROUP BY sku ORDER BY sku"),
            (Rows{{"sku-0", "6"}, {"sku-1", "6"}, {"sku-2", "6"}, {"sku-3", "6"}, {"sku-4", "6"}}))
      << client_->error();
  EXPECT_EQ(client_->Rows("SELECT customer_id FROM customer ORDER BY customer_id LIMIT 3"),
            (Rows{{"1"}, {"2"}, {"3"}}))
      << client_->error();
  // A scatter with nothing to sort, group or join is not capped.
  EXPECT_EQ(client_->Rows("SELECT customer_id FROM customer").size(), 30u) << client_->error();
}

}  // namespace
}  // namespace tessera
