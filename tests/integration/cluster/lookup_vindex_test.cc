// Lookup vindexes on a real cluster: `users` is sharded by user_id and owns
// a lookup_unique vindex on email; `orders` is sharded by user_id and owns a
// (non-unique) lookup vindex on sku. Their lookup tables live in the
// unsharded keyspace `lk`. vtgate must keep the lookup tables in step with
// the rows (INSERT, DELETE, rollback), route by them, and refuse what would
// let them drift.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

class LookupVindexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestKeyspace lk;
    lk.name = "lk";
    lk.shards = {"0"};
    lk.unsharded_tables = {"user_email_idx", "order_sku_idx"};
    lk.schema = {
        "CREATE TABLE user_email_idx (email VARCHAR(128) NOT NULL PRIMARY KEY, "
        "keyspace_id VARBINARY(16) NOT NULL)",
        "CREATE TABLE order_sku_idx (sku VARCHAR(64) NOT NULL, keyspace_id VARBINARY(16) NOT "
        "NULL, PRIMARY KEY (sku, keyspace_id))"};
    TestKeyspace main;
    main.name = "main";
    main.sharded = true;
    main.shards = {"-80", "80-"};
    main.sharded_tables = {{"users", "user_id"}, {"orders", "user_id"}};
    main.vindexes = {
        {"email_idx",
         "{type: lookup_unique, params: {table: lk.user_email_idx, from: email, to: "
         "keyspace_id}}"},
        {"sku_idx",
         "{type: lookup, params: {table: lk.order_sku_idx, from: sku, to: keyspace_id}}"}};
    main.secondary_vindexes = {{"users", {{"email", "email_idx"}}},
                               {"orders", {{"sku", "sku_idx"}}}};
    main.schema = {
        "CREATE TABLE users (user_id BIGINT PRIMARY KEY, email VARCHAR(128), name VARCHAR(64))",
        "CREATE TABLE orders (order_id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, sku "
        "VARCHAR(64))"};
    auto cluster = TestCluster::Start({lk, main});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(cluster_, nullptr);
    c_ = std::make_unique<GateClient>(cluster_->vtgate_port(), "app", "app", "main");
    ASSERT_TRUE(c_->connected()) << c_->error();
  }

  // Rows of `sql` sorted, so comparisons do not depend on shard order.
  Rows Sorted(const std::string& sql) {
    Rows rows = c_->Rows(sql);
    EXPECT_EQ(c_->error_code(), 0u) << sql << ": " << c_->error();
    std::sort(rows.begin(), rows.end());
    return rows;
  }
  std::string One(const std::string& sql) {
    Rows rows = c_->Rows(sql);
    EXPECT_EQ(rows.size(), 1u) << sql << ": " << c_->error();
    return rows.empty() || rows[0].empty() ? "?" : rows[0][0];
  }
  // The plan vtgate chose.
  std::string Plan(const std::string& sql) {
    std::string out;
    for (const auto& row : c_->Rows("VEXPLAIN PLAN " + sql))
      if (!row.empty()) out += row[0] + "\n";
    return out;
  }

  static inline TestCluster* cluster_ = nullptr;
  std::unique_ptr<GateClient> c_;
};

TEST_F(LookupVindexTest, InsertAddsEntriesAndQueriesRouteByThem) {
  ASSERT_TRUE(
      c_->Exec("INSERT INTO users (user_id, email, name) VALUES (1, 'a@x', 'A'), "
               "(2, 'b@x', 'B'), (3, 'c@x', 'C'), (4, 'd@x', 'D'), (5, NULL, 'E')"))
      << c_->error();
  // One entry per non-NULL email, each naming the shard its row lives on.
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email IN ('a@x', 'b@x', 'c@x', "
                "'d@x')"),
            "4");
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx"), "4");
  // The shards holding the rows, reached through the lookup.
  EXPECT_NE(Plan("SELECT name FROM users WHERE email = 'c@x'").find("Route Lookup"),
            std::string::npos)
      << Plan("SELECT name FROM users WHERE email = 'c@x'");
  EXPECT_EQ(One("SELECT name FROM users WHERE email = 'c@x'"), "C");
  EXPECT_EQ(Sorted("SELECT user_id FROM users WHERE email IN ('a@x', 'd@x', 'nobody@x')"),
            (Rows{{"1"}, {"4"}}));
  EXPECT_TRUE(c_->Rows("SELECT user_id FROM users WHERE email = 'nobody@x'").empty());
  EXPECT_EQ(c_->error_code(), 0u) << c_->error();
  // The primary vindex still wins when both are given.
  EXPECT_NE(Plan("SELECT name FROM users WHERE user_id = 2 AND email = 'b@x'").find("EqualUnique"),
            std::string::npos);
  // An UPDATE of other columns routes by the lookup too.
  ASSERT_TRUE(c_->Exec("UPDATE users SET name = 'B2' WHERE email = 'b@x'")) << c_->error();
  EXPECT_EQ(One("SELECT name FROM users WHERE user_id = 2"), "B2");
}

TEST_F(LookupVindexTest, AUniqueLookupRefusesADuplicateAndWritesNothing) {
  ASSERT_TRUE(c_->Exec("INSERT INTO users (user_id, email, name) VALUES (10, 'dup@x', 'first')"))
      << c_->error();
  // The second row's email is taken: neither row of the statement is kept.
  EXPECT_FALSE(c_->Exec(
      "INSERT INTO users (user_id, email, name) VALUES (11, 'fresh@x', 'n'), (12, 'dup@x', 'n')"));
  EXPECT_EQ(c_->error_code(), 1062u) << c_->error();
  EXPECT_TRUE(c_->Rows("SELECT user_id FROM users WHERE user_id IN (11, 12)").empty());
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email = 'fresh@x'"), "0");
  EXPECT_EQ(One("SELECT name FROM users WHERE email = 'dup@x'"), "first");
}

TEST_F(LookupVindexTest, ANonUniqueLookupFindsRowsOnEveryShardItNames) {
  ASSERT_TRUE(
      c_->Exec("INSERT INTO orders (order_id, user_id, sku) VALUES (100, 1, 'nut'), "
               "(101, 2, 'nut'), (102, 3, 'bolt'), (103, 4, 'nut'), (104, 5, 'nut'), "
               "(105, 6, 'nut')"))
      << c_->error();
  EXPECT_EQ(Sorted("SELECT order_id FROM orders WHERE sku = 'nut'"),
            (Rows{{"100"}, {"101"}, {"103"}, {"104"}, {"105"}}));
  EXPECT_EQ(Sorted("SELECT order_id FROM orders WHERE sku IN ('bolt', 'washer')"), (Rows{{"102"}}));
  // One entry per (sku, keyspace id): five users here.
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.order_sku_idx WHERE sku = 'nut'"), "5");

  // DELETE by the lookup column removes the rows and exactly their entries.
  ASSERT_TRUE(c_->Exec("DELETE FROM orders WHERE sku = 'nut' AND user_id IN (1, 2)"))
      << c_->error();
  EXPECT_EQ(Sorted("SELECT order_id FROM orders WHERE sku = 'nut'"),
            (Rows{{"103"}, {"104"}, {"105"}}));
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.order_sku_idx WHERE sku = 'nut'"), "3");
  // Two orders of one user share an entry: it stays while either is left.
  ASSERT_TRUE(
      c_->Exec("INSERT INTO orders (order_id, user_id, sku) VALUES (106, 7, 'gear'), "
               "(107, 7, 'gear')"))
      << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.order_sku_idx WHERE sku = 'gear'"), "1");
  ASSERT_TRUE(c_->Exec("DELETE FROM orders WHERE order_id = 106")) << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.order_sku_idx WHERE sku = 'gear'"), "1");
  EXPECT_EQ(Sorted("SELECT order_id FROM orders WHERE sku = 'gear'"), (Rows{{"107"}}));
  ASSERT_TRUE(c_->Exec("DELETE FROM orders WHERE order_id >= 100")) << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.order_sku_idx"), "0");
}

TEST_F(LookupVindexTest, DeleteAndRollbackLeaveNoStaleEntries) {
  ASSERT_TRUE(
      c_->Exec("INSERT INTO users (user_id, email, name) VALUES (20, 'g@x', 'G'), "
               "(21, 'h@x', 'H')"))
      << c_->error();
  ASSERT_TRUE(c_->Exec("DELETE FROM users WHERE user_id = 20")) << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email = 'g@x'"), "0");
  // The email is free again.
  ASSERT_TRUE(c_->Exec("INSERT INTO users (user_id, email, name) VALUES (22, 'g@x', 'G2')"))
      << c_->error();
  EXPECT_EQ(One("SELECT user_id FROM users WHERE email = 'g@x'"), "22");
  // A rolled-back insert leaves no entry behind.
  ASSERT_TRUE(c_->Exec("BEGIN"));
  ASSERT_TRUE(c_->Exec("INSERT INTO users (user_id, email, name) VALUES (23, 'r@x', 'R')"))
      << c_->error();
  ASSERT_TRUE(c_->Exec("ROLLBACK"));
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email = 'r@x'"), "0");
  EXPECT_TRUE(c_->Rows("SELECT user_id FROM users WHERE email = 'r@x'").empty());
}

TEST_F(LookupVindexTest, MultiTableDeleteFormOfOneTableRemovesItsEntries) {
  ASSERT_TRUE(
      c_->Exec("INSERT INTO users (user_id, email, name) VALUES (24, 's@x', 'S'), "
               "(25, 't@x', 'T'), (26, 'u@x', 'U')"))
      << c_->error();
  for (const char* sql :
       {"DELETE u FROM users u WHERE u.user_id = 24", "DELETE users FROM users WHERE email = 't@x'",
        "DELETE FROM u USING users u WHERE u.user_id = 26"}) {
    ASSERT_TRUE(c_->Exec(sql)) << sql << ": " << c_->error();
    EXPECT_EQ(mysql_affected_rows(c_->get()), 1u) << sql;
  }
  EXPECT_TRUE(c_->Rows("SELECT user_id FROM users WHERE user_id IN (24, 25, 26)").empty());
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email IN ('s@x', 't@x', 'u@x')"),
            "0");
}

TEST_F(LookupVindexTest, WhatWouldLetTheLookupDriftIsRefused) {
  ASSERT_TRUE(c_->Exec("INSERT INTO users (user_id, email, name) VALUES (30, 'k@x', 'K')"))
      << c_->error();
  for (const char* sql : {"UPDATE users SET email = CONCAT(name, '@x') WHERE user_id = 30",
                          "REPLACE INTO users (user_id, email, name) VALUES (30, 'k@x', 'K')",
                          "INSERT IGNORE INTO users (user_id, email, name) VALUES (31, 'k@x', 'K')",
                          "INSERT INTO users (user_id, email, name) VALUES (30, 'k@x', 'K') ON "
                          "DUPLICATE KEY UPDATE name = 'K2'",
                          "INSERT INTO users (user_id, email, name) SELECT user_id + 1000, "
                          "email, name FROM users WHERE user_id = 30"}) {
    EXPECT_FALSE(c_->Exec(sql)) << sql;
    EXPECT_EQ(c_->error_code(), 1235u) << sql << ": " << c_->error();
    EXPECT_NE(c_->error().find("lookup vindex column email"), std::string::npos) << c_->error();
  }
  EXPECT_EQ(One("SELECT name FROM users WHERE email = 'k@x'"), "K");
}

TEST_F(LookupVindexTest, UpdateOfALookupColumnMovesItsEntry) {
  ASSERT_TRUE(
      c_->Exec("INSERT INTO users (user_id, email, name) VALUES (40, 'm@x', 'M'), "
               "(41, 'n@x', 'N')"))
      << c_->error();
  ASSERT_TRUE(c_->Exec("UPDATE users SET email = 'm2@x' WHERE user_id = 40")) << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email = 'm@x'"), "0");
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email = 'm2@x'"), "1");
  EXPECT_EQ(One("SELECT user_id FROM users WHERE email = 'm2@x'"), "40");
  // A taken value is refused with 1062 and nothing changes.
  EXPECT_FALSE(c_->Exec("UPDATE users SET email = 'n@x' WHERE user_id = 40"));
  EXPECT_EQ(c_->error_code(), 1062u) << c_->error();
  EXPECT_EQ(One("SELECT email FROM users WHERE user_id = 40"), "m2@x");
  EXPECT_EQ(One("SELECT user_id FROM users WHERE email = 'n@x'"), "41");
  // Setting NULL removes the entry; setting it again adds one; routed by the lookup.
  ASSERT_TRUE(c_->Exec("UPDATE users SET email = NULL WHERE email = 'm2@x'")) << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email = 'm2@x'"), "0");
  ASSERT_TRUE(c_->Exec("UPDATE users SET email = 'm3@x', name = 'M3' WHERE user_id = 40"))
      << c_->error();
  EXPECT_EQ(One("SELECT name FROM users WHERE email = 'm3@x'"), "M3");
  // Setting the value it already has keeps the entry.
  ASSERT_TRUE(c_->Exec("UPDATE users SET email = 'm3@x' WHERE user_id = 40")) << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.user_email_idx WHERE email = 'm3@x'"), "1");
  // A non-unique lookup: an order moves to another sku.
  ASSERT_TRUE(
      c_->Exec("INSERT INTO orders (order_id, user_id, sku) VALUES (200, 40, 'cog'), "
               "(201, 40, 'cog')"))
      << c_->error();
  ASSERT_TRUE(c_->Exec("UPDATE orders SET sku = 'gear2' WHERE order_id = 200")) << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.order_sku_idx WHERE sku = 'cog'"), "1");  // 201 keeps it
  EXPECT_EQ(One("SELECT order_id FROM orders WHERE sku = 'gear2'"), "200");
  EXPECT_EQ(One("SELECT order_id FROM orders WHERE sku = 'cog'"), "201");
  ASSERT_TRUE(c_->Exec("DELETE FROM orders WHERE order_id IN (200, 201)")) << c_->error();
  EXPECT_EQ(One("SELECT COUNT(*) FROM lk.order_sku_idx WHERE sku IN ('cog', 'gear2')"), "0");
}

}  // namespace
}  // namespace tessera::testing
