// Cross-shard SELECTs that vtgate must finish itself (ORDER BY, LIMIT,
// DISTINCT, aggregates, GROUP BY, HAVING) return exactly what one MariaDB returns for the same
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
  static void ExpectSame(const std::string& query, bool may_be_empty = false) {
    GateClient c(cluster_->vtgate_port());
    auto with = [&](const std::string& table) {
      std::string q = query;
      q.replace(q.find("{t}"), 3, table);
      return q;
    };
    auto sharded = c.Rows(with("customer.corder"));
    std::string sharded_error = c.error();
    auto single = c.Rows(with("commerce.corder_single"));
    std::string single_error = c.error();
    EXPECT_TRUE(sharded_error.empty()) << query << ": " << sharded_error;
    EXPECT_TRUE(single_error.empty()) << query << ": " << single_error;
    if (!may_be_empty) {
      EXPECT_FALSE(single.empty()) << query;
    }
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

TEST_F(MergeTest, GroupBy) {
  ExpectSame("SELECT sku, COUNT(*), SUM(price), MIN(price), MAX(price) FROM {t} GROUP BY sku");
  ExpectSame("SELECT customer_id, COUNT(*) FROM {t} GROUP BY customer_id");
  ExpectSame("SELECT customer_id % 3, COUNT(price), SUM(price) FROM {t} GROUP BY customer_id % 3");
  ExpectSame("SELECT customer_id % 3 AS m, sku, COUNT(*) FROM {t} GROUP BY m, sku");
  ExpectSame("SELECT sku, MIN(order_id), MAX(order_id) FROM {t} GROUP BY 1");
  ExpectSame("SELECT COUNT(*), SUM(price) FROM {t} GROUP BY sku");
  ExpectSame("SELECT MAX(sku), MIN(sku), COUNT(sku) FROM {t} GROUP BY customer_id % 4");
  ExpectSame("SELECT price, COUNT(*) FROM {t} GROUP BY price");
  ExpectSame("SELECT price % 7, MIN(sku), MAX(customer_id) FROM {t} GROUP BY 1");
  ExpectSame("SELECT sku, SUM(price) FROM {t} WHERE price IS NULL GROUP BY sku");
  ExpectSame("SELECT sku, COUNT(*) FROM {t} WHERE customer_id > 1000 GROUP BY sku", true);
  ExpectSame("SELECT sku, 5, COUNT(*) FROM {t} WHERE order_id < 30 GROUP BY sku");
}

TEST_F(MergeTest, GroupByWithOrderAndLimit) {
  ExpectSame("SELECT sku, COUNT(*) FROM {t} GROUP BY sku ORDER BY COUNT(*) DESC, sku");
  ExpectSame("SELECT sku, COUNT(*) AS c FROM {t} GROUP BY sku ORDER BY c, sku DESC LIMIT 3");
  ExpectSame("SELECT sku, SUM(price) FROM {t} GROUP BY sku ORDER BY 2 DESC, 1 LIMIT 2, 3");
  ExpectSame("SELECT sku FROM {t} GROUP BY sku ORDER BY sku DESC");
  ExpectSame("SELECT sku, COUNT(*) FROM {t} GROUP BY sku ORDER BY MAX(price), sku");
  ExpectSame("SELECT customer_id, COUNT(*) FROM {t} GROUP BY customer_id LIMIT 5");
  ExpectSame("SELECT customer_id, MIN(sku) FROM {t} GROUP BY customer_id ORDER BY 2, 1 LIMIT 6");
  ExpectSame("SELECT COUNT(*), MAX(price) FROM {t} ORDER BY 1 LIMIT 1");
  ExpectSame("SELECT customer_id % 4, MIN(sku) FROM {t} GROUP BY 1 ORDER BY MIN(sku) DESC, 1");
  ExpectSame("SELECT COUNT(*), SUM(price) FROM {t} ORDER BY MAX(price)");
}

TEST_F(MergeTest, Avg) {
  ExpectSame("SELECT AVG(price) FROM {t}");
  ExpectSame("SELECT AVG(price), COUNT(*), AVG(order_id) FROM {t} WHERE order_id > 17");
  ExpectSame("SELECT sku, AVG(price) FROM {t} GROUP BY sku");
  ExpectSame("SELECT customer_id % 5, AVG(price), AVG(-order_id) FROM {t} GROUP BY 1");
  ExpectSame("SELECT AVG(price) FROM {t} WHERE customer_id > 1000");
  ExpectSame("SELECT AVG(price * 1.5), AVG(price / 7) FROM {t} GROUP BY sku");
  ExpectSame("SELECT sku, AVG(price) AS a FROM {t} GROUP BY sku ORDER BY a DESC, sku");
  ExpectSame("SELECT customer_id, AVG(price) FROM {t} GROUP BY customer_id ORDER BY AVG(price), 1");
  ExpectSame("SELECT AVG(CAST(price AS DECIMAL(10,3))) FROM {t} GROUP BY customer_id % 2");
  ExpectSame("SELECT AVG(price + 0.0), SUM(price * 2.25) FROM {t}");
  ExpectSame("SELECT customer_id % 3, AVG(price * 1e0) FROM {t} GROUP BY 1");
}

TEST_F(MergeTest, DistinctAggregates) {
  ExpectSame("SELECT COUNT(DISTINCT sku) FROM {t}");
  ExpectSame(
      "SELECT COUNT(DISTINCT customer_id), SUM(DISTINCT customer_id), AVG(DISTINCT customer_id) "
      "FROM {t}");
  ExpectSame("SELECT sku, COUNT(DISTINCT customer_id), COUNT(*) FROM {t} GROUP BY sku");
  ExpectSame(
      "SELECT customer_id % 3, COUNT(DISTINCT price), SUM(DISTINCT price), MAX(price), "
      "AVG(price) FROM {t} GROUP BY 1");
  ExpectSame("SELECT COUNT(DISTINCT price % 5) FROM {t} GROUP BY sku");
  ExpectSame("SELECT customer_id % 4, COUNT(DISTINCT sku) FROM {t} GROUP BY 1 ORDER BY 2, 1");
  ExpectSame("SELECT COUNT(DISTINCT sku), COUNT(*) FROM {t} WHERE customer_id > 1000");
  ExpectSame("SELECT SUM(DISTINCT price), AVG(DISTINCT price) FROM {t} WHERE price < 0");
}

TEST_F(MergeTest, Having) {
  ExpectSame("SELECT sku, COUNT(*) FROM {t} GROUP BY sku HAVING COUNT(*) > 7");
  ExpectSame("SELECT sku, SUM(price) AS s FROM {t} GROUP BY sku HAVING s > 100 OR s IS NULL");
  ExpectSame(
      "SELECT customer_id, COUNT(*) FROM {t} GROUP BY customer_id "
      "HAVING MAX(price) >= 50 AND MIN(price) < 0");
  ExpectSame("SELECT customer_id FROM {t} GROUP BY customer_id HAVING AVG(price) > 30.5");
  ExpectSame("SELECT sku FROM {t} GROUP BY sku HAVING COUNT(DISTINCT customer_id) < 8");
  ExpectSame("SELECT sku, SUM(price) FROM {t} GROUP BY sku HAVING SUM(price) > -5");
  ExpectSame("SELECT customer_id, COUNT(*) FROM {t} GROUP BY customer_id HAVING customer_id > 10");
  ExpectSame(
      "SELECT sku, COUNT(*) AS c FROM {t} GROUP BY sku HAVING NOT c = 8 ORDER BY c DESC, sku "
      "LIMIT 4");
  ExpectSame("SELECT COUNT(*) FROM {t} HAVING COUNT(*) > 1000", true);
  ExpectSame("SELECT COUNT(*), SUM(price) FROM {t} HAVING SUM(price) <> 0");
  // The same shape with another value reuses the cached plan.
  ExpectSame("SELECT sku, COUNT(*) FROM {t} GROUP BY sku HAVING COUNT(*) > 3");
  ExpectSame(
      "SELECT sku, MIN(price), MAX(sku) FROM {t} GROUP BY sku "
      "HAVING sku IS NULL OR MIN(price) < -10");
}

TEST_F(MergeTest, GroupConcatVarianceAndExpressionsOverAggregates) {
  ExpectSame("SELECT sku, GROUP_CONCAT(order_id ORDER BY order_id) FROM {t} GROUP BY sku");
  ExpectSame(
      "SELECT customer_id % 3, GROUP_CONCAT(DISTINCT sku ORDER BY sku DESC SEPARATOR '/') FROM {t} "
      "GROUP BY 1");
  ExpectSame("SELECT COUNT(DISTINCT sku), COUNT(DISTINCT price) FROM {t}");
  ExpectSame("SELECT COUNT(DISTINCT sku, customer_id) FROM {t}");
  ExpectSame("SELECT sku, COUNT(*) + 1 AS n FROM {t} GROUP BY sku ORDER BY n, sku");
  ExpectSame("SELECT sku FROM {t} GROUP BY sku HAVING MIN(sku) = 'apple'");
  ExpectSame("SELECT VAR_POP(price), STDDEV_SAMP(price), VARIANCE(customer_id) FROM {t}");
  ExpectSame("SELECT sku, STD(price), VAR_SAMP(price) FROM {t} GROUP BY sku");
  ExpectSame(
      "SELECT sku, price IS NULL, COUNT(*), SUM(price) FROM {t} GROUP BY sku, price IS NULL "
      "WITH ROLLUP");
}

TEST_F(MergeTest, GroupConcatIsCutAtTheSessionsMaxLength) {
  GateClient c(cluster_->vtgate_port());
  ASSERT_TRUE(c.Exec("SET SESSION group_concat_max_len = 10")) << c.error();
  for (const char* table : {"customer.corder", "commerce.corder_single"}) {
    const std::string query =
        std::string("SELECT GROUP_CONCAT(order_id ORDER BY order_id) FROM ") + table;
    auto rows = c.Rows(query);
    ASSERT_EQ(rows.size(), 1u) << query << ": " << c.error();
    EXPECT_EQ(rows[0][0], "1,2,3,4,5,") << query;
    auto warnings = c.Rows("SHOW WARNINGS");
    ASSERT_EQ(warnings.size(), 1u) << query;
    EXPECT_EQ(warnings[0][1], "1260") << query;
  }
}

// Shapes vtgate does not merge run whole on one shard over copied rows.
TEST_F(MergeTest, ShapesNotMergedRunOverCopiedRows) {
  GateClient c(cluster_->vtgate_port());
  auto plan = c.Rows("VEXPLAIN PLAN SELECT order_id FROM customer.corder HAVING order_id > 3");
  ASSERT_FALSE(plan.empty()) << c.error();
  EXPECT_EQ(plan[0][0].rfind("Materialize keyspace=customer", 0), 0u) << plan[0][0];
  ExpectSame("SELECT sku, sku = 'a', COUNT(*) FROM {t} GROUP BY sku WITH ROLLUP");
  ExpectSame("SELECT sku, JSON_LENGTH(JSON_ARRAYAGG(order_id)) FROM {t} GROUP BY sku ORDER BY sku");
  ExpectSame("SELECT order_id FROM {t} HAVING order_id > 3 ORDER BY order_id");
}

}  // namespace
}  // namespace tessera::testing
