// Writes of a reference table (a copy on every shard) keep every copy
// identical: a write of the reference table alone reaches every shard, and a
// multi-table write that would change it on some shards only is refused and
// changes nothing. A multi-table DELETE naming its one table by alias or name
// runs like DELETE FROM. Every copy is read straight from each shard's MariaDB.
#include <mysql.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

class ReferenceWriteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestKeyspace customer;
    customer.name = "customer";
    customer.sharded = true;
    customer.shards = {"-40", "40-80", "80-c0", "c0-"};
    customer.sharded_tables = {{"customer", "customer_id"}, {"corder", "customer_id"}};
    customer.reference_tables = {"country"};
    customer.schema = {
        "CREATE TABLE customer (customer_id BIGINT PRIMARY KEY, email VARCHAR(64), "
        "country_id INT)",
        "CREATE TABLE corder (order_id BIGINT PRIMARY KEY, customer_id BIGINT, sku VARCHAR(64))",
        "CREATE TABLE country (country_id INT PRIMARY KEY, name VARCHAR(64))",
    };
    auto cluster = TestCluster::Start({customer});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(cluster_, nullptr);
    GateClient c(cluster_->vtgate_port(), "app", "app", "customer");
    ASSERT_TRUE(c.connected()) << c.error();
    for (const char* table : {"customer", "corder", "country"})
      ASSERT_TRUE(c.Exec(std::string("DELETE FROM ") + table)) << c.error();
    std::string customers = "INSERT INTO customer (customer_id, email, country_id) VALUES ";
    std::string orders = "INSERT INTO corder (order_id, customer_id, sku) VALUES ";
    for (int id = 1; id <= 20; ++id) {
      const std::string n = std::to_string(id);
      customers +=
          (id > 1 ? "," : "") + ("(" + n + ",'c" + n + "@x'," + std::to_string(id % 3) + ")");
      orders += (id > 1 ? "," : "") + ("(" + n + "," + n + ",'sku" + n + "')");
    }
    ASSERT_TRUE(c.Exec(customers)) << c.error();
    ASSERT_TRUE(c.Exec(orders)) << c.error();
    ASSERT_TRUE(
        c.Exec("INSERT INTO country (country_id, name) VALUES (0, 'north'), (1, 'south'), "
               "(2, 'east')"))
        << c.error();
  }

  // Each shard's copy of country, one "id:name;..." string per shard.
  static std::vector<std::string> Copies() {
    std::vector<std::string> out;
    for (const auto& shard : cluster_->shards()) {
      auto direct = cluster_->ConnectShard(shard);
      EXPECT_TRUE(direct.ok()) << direct.error().message;
      if (!direct.ok()) continue;
      auto rows = (*direct)->Query("SELECT country_id, name FROM country ORDER BY country_id");
      EXPECT_TRUE(rows.ok()) << rows.error().message;
      if (!rows.ok()) continue;
      std::string copy;
      for (const auto& row : *rows)
        copy += row[0].value_or("NULL") + ":" + row[1].value_or("NULL") + ";";
      out.push_back(copy);
    }
    return out;
  }

  // Every shard's copy of country is exactly `expected`.
  static void ExpectEveryCopy(const std::string& expected, const std::string& after) {
    const std::vector<std::string> copies = Copies();
    EXPECT_EQ(copies.size(), 4u);
    for (size_t i = 0; i < copies.size(); ++i)
      EXPECT_EQ(copies[i], expected) << "shard " << i << " after: " << after;
  }

  static TestCluster* cluster_;
};
TestCluster* ReferenceWriteTest::cluster_ = nullptr;

constexpr const char* kInitial = "0:north;1:south;2:east;";

TEST_F(ReferenceWriteTest, WritesOfTheReferenceTableAloneReachEveryCopy) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  struct Step {
    const char* sql;
    const char* copy_after;
  };
  const Step steps[] = {
      {"INSERT INTO country (country_id, name) VALUES (3, 'west')",
       "0:north;1:south;2:east;3:west;"},
      {"UPDATE country SET name = 'far west' WHERE country_id = 3",
       "0:north;1:south;2:east;3:far west;"},
      {"REPLACE INTO country (country_id, name) VALUES (3, 'west')",
       "0:north;1:south;2:east;3:west;"},
      {"DELETE FROM country WHERE country_id = 3", kInitial},
      // The rows come from the shards of a sharded table; each copy gets all.
      {"INSERT INTO country (country_id, name) SELECT customer_id + 100, email FROM customer "
       "WHERE customer_id IN (1, 2, 7)",
       "0:north;1:south;2:east;101:c1@x;102:c2@x;107:c7@x;"},
      {"REPLACE INTO country (country_id, name) SELECT customer_id + 100, sku FROM corder "
       "WHERE customer_id IN (2, 7)",
       "0:north;1:south;2:east;101:c1@x;102:sku2;107:sku7;"},
      // An uncorrelated subquery on a sharded table runs first.
      {"UPDATE country SET name = 'picked' WHERE name IN (SELECT email FROM customer)",
       "0:north;1:south;2:east;101:picked;102:sku2;107:sku7;"},
      {"DELETE FROM country WHERE country_id IN (SELECT customer_id + 100 FROM corder)", kInitial},
  };
  for (const Step& step : steps) {
    EXPECT_TRUE(c.Exec(step.sql)) << step.sql << ": " << c.error();
    ExpectEveryCopy(step.copy_after, step.sql);
  }
}

TEST_F(ReferenceWriteTest, MultiTableWritesOfTheReferenceTableAreRefusedAndChangeNothing) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  const char* const refused[] = {
      "UPDATE customer c JOIN country k ON k.country_id = c.country_id SET k.name = 'z' "
      "WHERE c.customer_id = 1",
      "UPDATE customer c JOIN country k ON k.country_id = c.country_id "
      "SET c.email = 'z', k.name = 'z' WHERE c.customer_id = 1",
      "UPDATE country k JOIN customer c ON k.country_id = c.country_id SET k.name = 'z'",
      "UPDATE customer c JOIN country k ON k.country_id = c.country_id SET name = 'z' "
      "WHERE c.customer_id = 1",
      "DELETE k FROM customer c JOIN country k ON k.country_id = c.country_id "
      "WHERE c.customer_id = 1",
      "DELETE c, k FROM customer c JOIN country k ON k.country_id = c.country_id "
      "WHERE c.customer_id = 1",
      "DELETE FROM country WHERE EXISTS (SELECT 1 FROM customer c "
      "WHERE c.country_id = country.country_id AND c.customer_id = 1)",
  };
  for (const char* sql : refused) {
    EXPECT_FALSE(c.Exec(sql)) << sql;
    EXPECT_EQ(c.error_code(), 1235u) << sql << ": " << c.error();
    EXPECT_NE(c.error().find("country"), std::string::npos) << c.error();
    ExpectEveryCopy(kInitial, sql);
  }
  auto one = c.Rows("SELECT email FROM customer WHERE customer_id = 1");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0][0], "c1@x");
}

TEST_F(ReferenceWriteTest, WritesOfTheShardedTableMayReadTheReferenceTable) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  ASSERT_TRUE(
      c.Exec("UPDATE customer c JOIN country k ON k.country_id = c.country_id "
             "SET c.email = k.name WHERE c.customer_id = 4"))
      << c.error();
  auto four = c.Rows("SELECT email FROM customer WHERE customer_id = 4");
  ASSERT_EQ(four.size(), 1u);
  EXPECT_EQ(four[0][0], "south");
  ASSERT_TRUE(
      c.Exec("DELETE c FROM customer c JOIN country k ON k.country_id = c.country_id "
             "WHERE c.customer_id = 5 AND k.name = 'east'"))
      << c.error();
  EXPECT_EQ(mysql_affected_rows(c.get()), 1u);
  EXPECT_TRUE(c.Rows("SELECT * FROM customer WHERE customer_id = 5").empty());
  ExpectEveryCopy(kInitial, "writes of customer");
}

TEST_F(ReferenceWriteTest, DeleteNamingItsOneTableByAliasOrNameRunsAsDeleteFrom) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  const char* const deletes[] = {
      "DELETE c FROM customer c WHERE c.customer_id = 7",
      "DELETE customer FROM customer WHERE customer_id = 8",
      "DELETE FROM c USING customer c WHERE c.customer_id = 9",
  };
  for (const char* sql : deletes) {
    ASSERT_TRUE(c.Exec(sql)) << sql << ": " << c.error();
    EXPECT_EQ(mysql_affected_rows(c.get()), 1u) << sql;
  }
  auto left = c.Rows("SELECT customer_id FROM customer WHERE customer_id IN (6, 7, 8, 9, 10)");
  ASSERT_EQ(left.size(), 2u);

  EXPECT_FALSE(c.Exec("DELETE x FROM customer c WHERE c.customer_id = 10"));
  EXPECT_EQ(c.error_code(), 1109u) << c.error();
  EXPECT_EQ(c.sqlstate(), "42S02");
  EXPECT_FALSE(
      c.Exec("DELETE c, o FROM customer c JOIN corder o ON o.customer_id = "
             "c.customer_id WHERE c.customer_id = 10"));
  EXPECT_EQ(c.error_code(), 1235u) << c.error();
  EXPECT_NE(c.error().find("multi-table"), std::string::npos) << c.error();
  EXPECT_EQ(c.Rows("SELECT * FROM corder WHERE customer_id = 10").size(), 1u);
}

}  // namespace
}  // namespace tessera::testing
