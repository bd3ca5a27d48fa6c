// Joins across shards return exactly what one MariaDB returns: the same rows
// are loaded into an unsharded keyspace and into a 4-shard keyspace whose
// tables are sharded by different columns (so their joins are not
// co-located), and every query runs against both.
#include <algorithm>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

const char* const kSchema[] = {
    "CREATE TABLE customer (customer_id BIGINT PRIMARY KEY, email VARCHAR(64), region_id INT)",
    "CREATE TABLE corder (order_id BIGINT PRIMARY KEY, customer_id BIGINT, sku VARCHAR(64), "
    "price DECIMAL(10,2))",
    "CREATE TABLE product (pid BIGINT PRIMARY KEY, sku VARCHAR(64), title VARCHAR(64))",
    "CREATE TABLE region (region_id INT PRIMARY KEY, name VARCHAR(32))",
    "CREATE TABLE archive (order_id BIGINT PRIMARY KEY, customer_id BIGINT, sku VARCHAR(64), "
    "price DECIMAL(10,2))",
    "CREATE TABLE imported (order_id BIGINT PRIMARY KEY, sku VARCHAR(64))",
};

class JoinTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestKeyspace single;
    single.name = "single";
    single.shards = {"0"};
    // shipment is in the VSchema but created by a test, through vtgate.
    single.unsharded_tables = {"customer", "corder",   "product", "region",
                               "archive",  "imported", "shipment"};
    TestKeyspace sharded;
    sharded.name = "sharded";
    sharded.sharded = true;
    sharded.shards = {"-40", "40-80", "80-c0", "c0-"};
    sharded.sharded_tables = {{"customer", "customer_id"}, {"corder", "order_id"},
                              {"product", "pid"},          {"archive", "customer_id"},
                              {"imported", "order_id"},    {"shipment", "shipment_id"}};
    sharded.reference_tables = {"region"};
    for (const char* ddl : kSchema) {
      single.schema.push_back(ddl);
      sharded.schema.push_back(ddl);
    }
    auto cluster = TestCluster::Start({single, sharded});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();

    const char* emails[] = {"ann@x", "Bob@x", "bob@x", nullptr, "cid@y", "Apple", "dee@y"};
    std::string customers;
    for (int i = 1; i <= 40; ++i) {
      const char* email = emails[i % 7];
      if (i > 1) customers += ",";
      customers += "(" + std::to_string(i) + "," +
                   (email ? "'" + std::string(email) + "'" : "NULL") + "," +
                   (i % 9 == 0 ? "NULL" : std::to_string(i % 4)) + ")";
    }
    const char* skus[] = {"apple", "Banana", "cherry", nullptr, "APPLE", "date"};
    std::string orders;
    for (int i = 1; i <= 150; ++i) {
      const char* sku = skus[i % 6];
      if (i > 1) orders += ",";
      // Some orders belong to no customer (ids above 40).
      orders += "(" + std::to_string(i) + "," + std::to_string(i * 7 % 47) + "," +
                (sku ? "'" + std::string(sku) + "'" : "NULL") + "," +
                (i % 13 == 0 ? "NULL" : std::to_string(i * 3 % 50) + (i % 2 ? ".50" : ".00")) + ")";
    }
    std::string products =
        "(1,'apple','Red apple'),(2,'Banana','Banana'),(3,'cherry',NULL),"
        "(4,'fig','Fig'),(5,'APPLE','Green apple')";
    std::string regions = "(0,'north'),(1,'south'),(2,'east')";
    GateClient c(cluster_->vtgate_port());
    ASSERT_TRUE(c.connected());
    for (const char* ks : {"single", "sharded"}) {
      std::string k = ks;
      ASSERT_TRUE(c.Exec("INSERT INTO " + k + ".customer (customer_id, email, region_id) VALUES " +
                         customers))
          << c.error();
      ASSERT_TRUE(c.Exec("INSERT INTO " + k +
                         ".corder (order_id, customer_id, sku, price) VALUES " + orders))
          << c.error();
      ASSERT_TRUE(c.Exec("INSERT INTO " + k + ".product (pid, sku, title) VALUES " + products))
          << c.error();
      ASSERT_TRUE(c.Exec("INSERT INTO " + k + ".region (region_id, name) VALUES " + regions))
          << c.error();
    }
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  static std::string With(std::string query, const std::string& keyspace) {
    for (size_t at = query.find("{k}"); at != std::string::npos; at = query.find("{k}"))
      query.replace(at, 3, keyspace);
    return query;
  }

  // Runs `query` ({k} standing for the keyspace) on both keyspaces. Rows are
  // compared in order when `ordered`, else as multisets.
  // `fold_case`: a group's or MIN/MAX's representative among values equal
  // under the collation ('apple', 'APPLE') is whichever MariaDB meets first,
  // so compare such results case-insensitively.
  static void ExpectSame(const std::string& query, bool ordered = false, bool may_be_empty = false,
                         bool fold_case = false) {
    GateClient c(cluster_->vtgate_port());
    auto sharded = c.Rows(With(query, "sharded"));
    std::string sharded_error = c.error();
    auto single = c.Rows(With(query, "single"));
    std::string single_error = c.error();
    EXPECT_TRUE(sharded_error.empty()) << query << ": " << sharded_error;
    EXPECT_TRUE(single_error.empty()) << query << ": " << single_error;
    if (!may_be_empty) {
      EXPECT_FALSE(single.empty()) << query;
    }
    if (fold_case) {
      for (auto* rows : {&sharded, &single})
        for (auto& row : *rows)
          for (auto& cell : row)
            std::transform(cell.begin(), cell.end(), cell.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    }
    if (!ordered) {
      std::sort(sharded.begin(), sharded.end());
      std::sort(single.begin(), single.end());
    }
    EXPECT_EQ(sharded, single) << query;
  }

  static void ExpectRefused(const std::string& query, const std::string& naming) {
    GateClient c(cluster_->vtgate_port());
    EXPECT_FALSE(c.Exec(With(query, "sharded"))) << query;
    EXPECT_EQ(c.error_code(), 1235u) << query << ": " << c.error();
    EXPECT_NE(c.error().find(naming), std::string::npos) << c.error();
  }

  static TestCluster* cluster_;
};
TestCluster* JoinTest::cluster_ = nullptr;

TEST_F(JoinTest, InnerJoinsOnColumnsThatAreNotVindexes) {
  // The sharded keyspace really joins in vtgate.
  GateClient c(cluster_->vtgate_port());
  auto plan = c.Rows(
      "VEXPLAIN PLAN SELECT o.order_id, c.email FROM sharded.corder o JOIN sharded.customer c ON "
      "c.customer_id = o.customer_id");
  std::string text;
  for (const auto& row : plan)
    for (const auto& cell : row) text += cell + "\n";
  EXPECT_NE(text.find("Join inner"), std::string::npos) << text << c.error();

  // The right side is routed per row by its vindex (customer by customer_id)...
  ExpectSame(
      "SELECT o.order_id, o.sku, c.email FROM {k}.corder o JOIN {k}.customer c ON "
      "c.customer_id = o.customer_id");
  // ...or asked on every shard (corder is sharded by order_id).
  ExpectSame(
      "SELECT c.customer_id, c.email, o.order_id, o.price FROM {k}.customer c JOIN {k}.corder o "
      "ON o.customer_id = c.customer_id");
  // Comma join with the condition in WHERE, plus conditions on each side.
  ExpectSame(
      "SELECT c.customer_id, o.order_id FROM {k}.customer c, {k}.corder o WHERE "
      "o.customer_id = c.customer_id AND c.customer_id < 20 AND o.price > 10");
  // A condition over both sides, and one naming the left side only.
  ExpectSame(
      "SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id AND o.price > c.customer_id WHERE c.email LIKE '%x'");
  // Self join on a non-vindex column, with an inequality.
  ExpectSame(
      "SELECT a.order_id, b.order_id FROM {k}.corder a JOIN {k}.corder b ON a.sku = b.sku AND "
      "a.order_id < b.order_id WHERE a.order_id < 40");
}

// Tables of two keyspaces: {k}'s sharded tables joined with the unsharded
// keyspace's, against the same query with every table in the unsharded one.
TEST_F(JoinTest, JoinsAcrossKeyspaces) {
  ExpectSame("SELECT o.order_id, p.title FROM {k}.corder o JOIN single.product p ON p.sku = o.sku");
  ExpectSame(
      "SELECT p.pid, o.order_id FROM single.product p LEFT JOIN {k}.corder o ON o.sku = p.sku "
      "AND o.order_id < 30");
  ExpectSame(
      "SELECT p.title, COUNT(*), SUM(o.price) FROM {k}.corder o JOIN single.product p ON "
      "p.sku = o.sku GROUP BY p.title");
  ExpectSame(
      "SELECT o.order_id, p.pid FROM {k}.corder o JOIN single.product p ON p.sku = o.sku "
      "ORDER BY o.order_id DESC, p.pid LIMIT 7",
      /*ordered=*/true);
  ExpectSame(
      "SELECT c.customer_id, r.name, o.order_id FROM {k}.customer c JOIN single.region r ON "
      "r.region_id = c.region_id JOIN {k}.corder o ON o.customer_id = c.customer_id WHERE "
      "c.customer_id < 10");
  ExpectRefused("UPDATE {k}.corder o, single.product p SET o.price = 1 WHERE o.sku = p.sku",
                "a statement spanning keyspaces sharded and single");
}

TEST_F(JoinTest, ValuesCompareAsInOneDatabase) {
  // Case-insensitive collation: 'apple' matches 'APPLE' and 'Apple'.
  ExpectSame(
      "SELECT c.customer_id, o.order_id FROM {k}.customer c JOIN {k}.corder o ON "
      "o.sku = c.email");
  ExpectSame(
      "SELECT o.order_id, p.pid, p.title FROM {k}.corder o JOIN {k}.product p ON "
      "p.sku = o.sku WHERE o.order_id < 30");
  // NULL never joins; a DECIMAL joins a BIGINT by value.
  ExpectSame(
      "SELECT o.order_id, c.customer_id FROM {k}.corder o JOIN {k}.customer c ON "
      "c.customer_id = o.price");
}

TEST_F(JoinTest, LeftJoinsKeepRowsWithoutMatch) {
  ExpectSame(
      "SELECT c.customer_id, o.order_id FROM {k}.customer c LEFT JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id");
  ExpectSame(
      "SELECT o.order_id, c.email FROM {k}.corder o LEFT JOIN {k}.customer c ON "
      "c.customer_id = o.customer_id AND c.email IS NOT NULL");
  // An ON condition naming only the left side.
  ExpectSame(
      "SELECT c.customer_id, o.order_id FROM {k}.customer c LEFT JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id AND c.customer_id > 30");
  ExpectSame(
      "SELECT c.customer_id, o.order_id, p.pid FROM {k}.customer c LEFT JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id LEFT JOIN {k}.product p ON p.sku = o.sku");
}

TEST_F(JoinTest, AntiJoins) {
  // Customers without orders, and orders whose customer is missing.
  ExpectSame(
      "SELECT c.customer_id FROM {k}.customer c LEFT JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id AND o.price > 40 WHERE o.order_id IS NULL");
  ExpectSame(
      "SELECT o.order_id, o.customer_id FROM {k}.corder o LEFT JOIN {k}.customer c ON "
      "c.customer_id = o.customer_id WHERE c.customer_id IS NULL AND o.price > 5");
  ExpectSame(
      "SELECT COUNT(*) FROM {k}.corder o LEFT JOIN {k}.customer c ON "
      "c.customer_id = o.customer_id WHERE c.email IS NOT NULL");
}

TEST_F(JoinTest, ThreeTablesAndReferenceTables) {
  ExpectSame(
      "SELECT c.email, o.order_id, p.title FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id JOIN {k}.product p ON p.sku = o.sku");
  // The reference table joins the group before it.
  ExpectSame(
      "SELECT c.customer_id, r.name, o.order_id FROM {k}.customer c JOIN {k}.region r ON "
      "r.region_id = c.region_id JOIN {k}.corder o ON o.customer_id = c.customer_id");
  ExpectSame(
      "SELECT r.name, c.customer_id FROM {k}.region r JOIN {k}.customer c ON "
      "c.region_id = r.region_id");
}

TEST_F(JoinTest, SelectListOrderStarsOrderByAndLimit) {
  // Columns asked in another order than the tables.
  ExpectSame(
      "SELECT o.sku, c.customer_id, o.order_id AS id FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id");
  ExpectSame("SELECT * FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id");
  ExpectSame(
      "SELECT c.*, o.order_id FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id");
  ExpectSame(
      "SELECT c.email, o.order_id FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id ORDER BY c.email DESC, o.order_id LIMIT 7",
      /*ordered=*/true);
  ExpectSame(
      "SELECT o.order_id, o.sku FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id ORDER BY o.sku, 1 LIMIT 5 OFFSET 3",
      /*ordered=*/true);
  // No left row: the columns still come back.
  GateClient c(cluster_->vtgate_port());
  EXPECT_TRUE(
      c.Exec("SELECT c.email, o.order_id FROM sharded.customer c JOIN sharded.corder o "
             "ON o.customer_id = c.customer_id WHERE c.customer_id < 0"))
      << c.error();
  ExpectSame(
      "SELECT c.email, o.order_id FROM {k}.customer c LEFT JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id WHERE c.customer_id > 1000",
      /*ordered=*/false, /*may_be_empty=*/true);
}

TEST_F(JoinTest, ExpressionsOverBothSides) {
  ExpectSame(
      "SELECT c.customer_id, CONCAT(c.email, '/', o.sku), o.price * c.customer_id AS x "
      "FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id");
  ExpectSame(
      "SELECT o.order_id, c.email FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id ORDER BY o.price - c.customer_id, o.order_id LIMIT 9",
      /*ordered=*/true);
  ExpectSame(
      "SELECT c.region_id, SUM(o.price * c.customer_id) FROM {k}.customer c JOIN "
      "{k}.corder o ON o.customer_id = c.customer_id GROUP BY c.region_id");
}

TEST_F(JoinTest, DistinctOverJoins) {
  ExpectSame(
      "SELECT DISTINCT c.region_id FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id");
  // 'apple' and 'APPLE' are one value: which one comes back is MariaDB's pick.
  ExpectSame(
      "SELECT DISTINCT o.sku, c.region_id FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id",
      false, false, /*fold_case=*/true);
  ExpectSame(
      "SELECT DISTINCT c.region_id, o.price > 20 AS big FROM {k}.customer c JOIN "
      "{k}.corder o ON o.customer_id = c.customer_id ORDER BY 1, 2 DESC",
      /*ordered=*/true);
}

TEST_F(JoinTest, AggregatesAndGroupingOverJoins) {
  const std::string join =
      " FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id";
  ExpectSame(
      "SELECT COUNT(*), COUNT(o.sku), SUM(o.price), MIN(o.sku), MAX(c.email), "
      "AVG(o.price)" +
          join,
      false, false, /*fold_case=*/true);
  ExpectSame("SELECT c.email, COUNT(*), SUM(o.price) AS total" + join +
                 " GROUP BY c.email ORDER BY c.email",
             /*ordered=*/true, false, /*fold_case=*/true);
  ExpectSame("SELECT o.sku, COUNT(DISTINCT c.email), MAX(o.price)" + join + " GROUP BY o.sku",
             false, false, /*fold_case=*/true);
  ExpectSame(
      "SELECT c.customer_id, COUNT(o.order_id) FROM {k}.customer c LEFT JOIN {k}.corder o "
      "ON o.customer_id = c.customer_id GROUP BY c.customer_id ORDER BY 2 DESC, 1 LIMIT 6",
      /*ordered=*/true);
  ExpectSame(
      "SELECT r.name, COUNT(*), AVG(o.price) FROM {k}.customer c JOIN {k}.region r ON "
      "r.region_id = c.region_id JOIN {k}.corder o ON o.customer_id = c.customer_id "
      "GROUP BY r.name");
  // HAVING over selected and unselected aggregates and group keys.
  ExpectSame("SELECT c.region_id, COUNT(*) AS n" + join +
             " GROUP BY c.region_id HAVING n > 20 OR c.region_id IS NULL");
  ExpectSame(
      "SELECT c.customer_id FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id GROUP BY c.customer_id HAVING COUNT(*) > 3 AND "
      "SUM(o.price) > 60");
  // Nothing joined: one row, COUNT 0 and SUM NULL.
  ExpectSame("SELECT COUNT(*), SUM(o.price)" + join + " WHERE c.customer_id < 0");
}

TEST_F(JoinTest, InsertSelectPlacesEveryRowOnItsShard) {
  GateClient c(cluster_->vtgate_port());
  for (const char* ks : {"single", "sharded"}) {
    std::string k = ks;
    ASSERT_TRUE(c.Exec("INSERT INTO " + k +
                       ".archive (order_id, customer_id, sku, price) SELECT o.order_id, "
                       "o.customer_id, o.sku, o.price FROM " +
                       k + ".corder o JOIN " + k +
                       ".customer c ON c.customer_id = o.customer_id WHERE c.email LIKE 'b%'"))
        << c.error();
    EXPECT_GT(mysql_affected_rows(c.get()), 10u);
    ASSERT_TRUE(c.Exec("INSERT INTO " + k +
                       ".archive (order_id, customer_id, sku, price) SELECT order_id, customer_id, "
                       "sku, price FROM " +
                       k + ".corder WHERE order_id < 20 ON DUPLICATE KEY UPDATE price = 0"))
        << c.error();
  }
  ExpectSame("SELECT * FROM {k}.archive");
  // From the unsharded keyspace into the sharded one: each row on its shard.
  ASSERT_TRUE(
      c.Exec("INSERT INTO sharded.imported (order_id, sku) SELECT order_id, sku FROM "
             "single.corder WHERE price > 30"))
      << c.error();
  auto imported = c.Rows("SELECT order_id, sku FROM sharded.imported WHERE order_id = 9");
  auto source = c.Rows("SELECT order_id, sku FROM single.corder WHERE order_id = 9 AND price > 30");
  EXPECT_EQ(imported, source);
  auto all = c.Rows("SELECT COUNT(*) FROM sharded.imported");
  auto expected = c.Rows("SELECT COUNT(*) FROM single.corder WHERE price > 30");
  EXPECT_EQ(all, expected);
  EXPECT_FALSE(c.Exec("INSERT INTO sharded.archive SELECT * FROM sharded.corder"));
  EXPECT_NE(c.error().find("column list"), std::string::npos) << c.error();
}

TEST_F(JoinTest, UnqualifiedColumnsResolveFromTheShardsColumnLists) {
  // vtgate reads each table's columns from the shards' information_schema.
  ExpectSame(
      "SELECT email, order_id, price FROM {k}.customer JOIN {k}.corder ON "
      "corder.customer_id = customer.customer_id");
  ExpectSame(
      "SELECT email, price FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = "
      "c.customer_id WHERE price > 20 AND email LIKE '%x'");
  ExpectSame(
      "SELECT order_id, title FROM {k}.corder o JOIN {k}.product p ON p.sku = o.sku AND "
      "title IS NOT NULL",
      false, false, true);
  ExpectSame(
      "SELECT email, COUNT(*), SUM(price) FROM {k}.customer c JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id GROUP BY email",
      false, false, true);
  ExpectSame(
      "SELECT email, name FROM {k}.customer c LEFT JOIN {k}.region r ON r.region_id = "
      "c.region_id JOIN {k}.corder o ON o.customer_id = c.customer_id ORDER BY order_id LIMIT 12",
      true);
}

// The same errno and SQLSTATE as one MariaDB. The texts are MySQL's ("in
// field list"); MariaDB 10.11 words the clause its own way ("in SELECT").
TEST_F(JoinTest, UnqualifiedColumnsGetMySqlsErrors) {
  GateClient c(cluster_->vtgate_port());
  for (const char* ks : {"single", "sharded"}) {
    const std::string k = ks;
    const bool sharded = k == "sharded";
    EXPECT_FALSE(c.Exec("SELECT email FROM " + k + ".customer c JOIN " + k +
                        ".corder o ON o.customer_id = customer_id"));
    EXPECT_EQ(c.error_code(), 1052u) << k << ": " << c.error();
    EXPECT_STREQ(mysql_sqlstate(c.get()), "23000") << k;
    if (sharded) {
      EXPECT_EQ(c.error(), "Column 'customer_id' in on clause is ambiguous");
    }
    EXPECT_FALSE(c.Exec("SELECT nope FROM " + k + ".customer c JOIN " + k +
                        ".corder o ON o.customer_id = c.customer_id"));
    EXPECT_EQ(c.error_code(), 1054u) << k << ": " << c.error();
    EXPECT_STREQ(mysql_sqlstate(c.get()), "42S22") << k;
    if (sharded) {
      EXPECT_EQ(c.error(), "Unknown column 'nope' in 'field list'");
    }
  }
}

TEST_F(JoinTest, ATableCreatedThroughVtgateIsResolvedAtOnce) {
  GateClient c(cluster_->vtgate_port());
  const std::string join =
      "SELECT sku, carrier FROM {k}.corder o JOIN {k}.shipment s ON s.shipped_order = "
      "o.order_id";
  for (const char* ks : {"single", "sharded"}) {
    const std::string k = ks;
    ASSERT_TRUE(c.Exec("CREATE TABLE " + k +
                       ".shipment (shipment_id BIGINT PRIMARY KEY, shipped_order BIGINT, "
                       "carrier VARCHAR(16))"))
        << c.error();
    ASSERT_TRUE(c.Exec("INSERT INTO " + k +
                       ".shipment (shipment_id, shipped_order, carrier) VALUES (1, 3, 'ups'), "
                       "(2, 5, 'dhl'), (3, 5, 'ups'), (4, 99, 'fedex'), (5, 500, 'none')"))
        << c.error();
  }
  ExpectSame(join);
  // A column added through vtgate is known at once too: sku is now in both
  // tables, and the same statement is ambiguous, as in one MariaDB.
  for (const char* ks : {"single", "sharded"}) {
    const std::string k = ks;
    ASSERT_TRUE(c.Exec("ALTER TABLE " + k + ".shipment ADD COLUMN sku VARCHAR(64)")) << c.error();
    EXPECT_FALSE(c.Exec(With(join, k)));
    EXPECT_EQ(c.error_code(), 1052u) << k << ": " << c.error();
    if (k == "sharded") {
      EXPECT_EQ(c.error(), "Column 'sku' in field list is ambiguous");
    }
  }
}

// What the join planner cannot answer exactly runs whole on one shard over
// copied rows, and answers as one database would.
TEST_F(JoinTest, WhatCannotBeSplitRunsOverCopiedRows) {
  const std::string concat =
      "SELECT GROUP_CONCAT(o.sku ORDER BY o.sku, o.order_id) FROM {k}.customer c JOIN "
      "{k}.corder o ON o.customer_id = c.customer_id";
  GateClient c(cluster_->vtgate_port());
  auto plan = c.Rows("VEXPLAIN PLAN " + With(concat, "sharded"));
  ASSERT_FALSE(plan.empty()) << c.error();
  EXPECT_EQ(plan[0][0].rfind("Materialize keyspace=sharded", 0), 0u) << plan[0][0];
  ExpectSame(concat);
  ExpectSame(
      "SELECT c.email FROM {k}.customer c LEFT JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id WHERE o.price > 10");
  ExpectSame(
      "SELECT IFNULL(o.sku, 'none') FROM {k}.customer c LEFT JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id");
  // RIGHT JOIN runs as the swapped LEFT JOIN, which would list the columns
  // of * in the other order: this one runs over copies.
  ExpectSame(
      "SELECT * FROM {k}.customer c RIGHT JOIN {k}.corder o ON "
      "o.customer_id = c.customer_id");
  // A locking read cannot run over copies.
  ExpectRefused(
      "SELECT c.email FROM {k}.customer c JOIN {k}.corder o ON o.customer_id = c.customer_id "
      "FOR UPDATE",
      "locking");
}

}  // namespace
}  // namespace tessera::testing
