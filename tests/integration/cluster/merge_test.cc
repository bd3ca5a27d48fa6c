// Cross-shard SELECTs that vtgate must finish itself (ORDER BY, LIMIT,
// DISTINCT, aggregates) return exactly what one MariaDB returns for the same
// rows: the same data is loaded into the sharded `customer.corder` and into
// an unsharded table of `commerce`, and every query runs against both.
#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

class MergeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cluster = TestCluster::Start(ExampleKeyspaces());
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
    GateClient c(cluster_->vtgate_port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(
        c.Exec("CREATE TABLE commerce.corder_single (order_id BIGINT PRIMARY KEY, "
               "customer_id BIGINT, sku VARCHAR(128), price BIGINT)"))
        << c.error();
    const char* skus[] = {"apple", "Banana", "cherry", "Date", "elder", NULL, "fig", "Grape"};
    std::string values;
    for (int i = 1; i <= 60; ++i) {
      const char* sku = skus[i % 8];
      if (i > 1) values += ",";
      values += "(" + std::to_string(i) + "," + std::to_string(i * 7 % 23) + "," +
                (sku ? "'" + std::string(sku) + "'" : "NULL") + "," +
                (i % 11 == 0 ? "NULL" : std::to_string((i * 37) % 101 - 20)) + ")";
    }
    ASSERT_TRUE(
        c.Exec("INSERT INTO customer.corder (order_id, customer_id, sku, price) VALUES " + values))
        << c.error();
    ASSERT_TRUE(c.Exec(
        "INSERT INTO commerce.corder_single (order_id, customer_id, sku, price) VALUES " + values))
        << c.error();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  // Runs `query` (with {t} as the table) on the sharded and the single table.
  static void ExpectSame(const std::string& query) {
    GateClient c(cluster_->vtgate_port());
    auto with = [&](const std::string& table) {
      std::string q = query;
      q.replace(q.find("{t}"), 3, table);
      return q;
    };
    auto sharded = c.Rows(with("customer.corder"));
    std::string sharded_error = c.error();
    auto single = c.Rows(with("commerce.corder_single"));
    EXPECT_TRUE(sharded_error.empty()) << query << ": " << sharded_error;
    EXPECT_FALSE(single.empty()) << query << ": " << c.error();
    EXPECT_EQ(sharded, single) << query;
  }

  static TestCluster* cluster_;
};
TestCluster* MergeTest::cluster_ = nullptr;

TEST_F(MergeTest, OrderBy) {
  ExpectSame("SELECT order_id, sku FROM {t} ORDER BY sku, order_id");
  ExpectSame("SELECT order_id, sku FROM {t} ORDER BY sku DESC, order_id DESC");
  ExpectSame("SELECT order_id FROM {t} ORDER BY price, order_id");
  ExpectSame("SELECT order_id AS o, price FROM {t} ORDER BY 2 DESC, o");
  ExpectSame("SELECT * FROM {t} ORDER BY customer_id, order_id");
  ExpectSame("SELECT order_id FROM {t} WHERE customer_id IN (1, 2, 3, 4, 5) ORDER BY order_id");
}

TEST_F(MergeTest, Limit) {
  ExpectSame("SELECT order_id FROM {t} ORDER BY order_id LIMIT 5");
  ExpectSame("SELECT order_id, sku FROM {t} ORDER BY sku, order_id LIMIT 7, 4");
  ExpectSame("SELECT order_id FROM {t} ORDER BY price DESC, order_id DESC LIMIT 3 OFFSET 10");
  ExpectSame("SELECT * FROM {t} ORDER BY order_id DESC LIMIT 2");
}

TEST_F(MergeTest, Aggregates) {
  ExpectSame("SELECT COUNT(*), SUM(price), MIN(price), MAX(price) FROM {t}");
  ExpectSame("SELECT MIN(sku), MAX(sku), COUNT(sku) FROM {t}");
  ExpectSame("SELECT COUNT(*), SUM(price) FROM {t} WHERE customer_id > 1000");
  ExpectSame("SELECT SUM(price) FROM {t} WHERE order_id BETWEEN 10 AND 40");
}

TEST_F(MergeTest, Distinct) {
  ExpectSame("SELECT DISTINCT sku FROM {t} ORDER BY sku");
  ExpectSame("SELECT DISTINCT customer_id FROM {t} ORDER BY customer_id DESC");
  ExpectSame("SELECT DISTINCT sku, customer_id % 3 FROM {t} ORDER BY sku, 2");
}

}  // namespace
}  // namespace tessera::testing
