// Sequences end to end: sharded tables whose auto-increment values come from
// sequence tables of an unsharded keyspace, through a real vtgate, real
// tablets and real MariaDB shards.
#include <mysql.h>

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

class SequenceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestKeyspace main;
    main.name = "main";
    main.shards = {"0"};
    main.sequence_tables = {"event_seq", "broken_seq"};
    main.unsharded_tables = {"widget"};
    main.schema = {"CREATE TABLE widget (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(32))"};
    TestKeyspace shop;
    shop.name = "shop";
    shop.sharded = true;
    shop.shards = {"-80", "80-"};
    shop.sharded_tables = {{"event", "event_id"}, {"note", "customer_id"}, {"broken", "id"}};
    shop.auto_increment = {{"event", {"event_id", "event_seq"}},
                           {"note", {"note_id", "main.event_seq"}},
                           {"broken", {"id", "broken_seq"}}};
    shop.schema = {
        "CREATE TABLE event (event_id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(32))",
        "CREATE TABLE note (note_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL, "
        "body VARCHAR(32))",
        "CREATE TABLE broken (id BIGINT NOT NULL PRIMARY KEY, v INT)"};
    auto cluster = TestCluster::Start({main, shop});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  // Runs `sql` directly on the shard's MariaDB; the first column of each row.
  static std::vector<std::string> OnShard(const std::string& keyspace, const std::string& shard,
                                          const std::string& sql) {
    std::vector<std::string> out;
    auto client = cluster_->ConnectShard(*cluster_->FindShard(keyspace, shard));
    EXPECT_TRUE(client.ok());
    if (!client.ok()) return out;
    auto rows = (*client)->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << (rows.ok() ? "" : rows.error().message);
    if (!rows.ok()) return out;
    for (const auto& row : *rows) out.push_back(row[0].value_or("NULL"));
    return out;
  }

  static TestCluster* cluster_;
};
TestCluster* SequenceTest::cluster_ = nullptr;

TEST_F(SequenceTest, RowsWithoutIdsGetDistinctIdsThatRouteThem) {
  GateClient a(cluster_->vtgate_port(), "app", "app", "shop");
  GateClient b(cluster_->vtgate_port(), "app", "app", "shop");
  ASSERT_TRUE(a.connected() && b.connected()) << a.error() << b.error();
  for (int i = 0; i < 50; ++i) {
    GateClient& c = i % 2 == 0 ? a : b;
    ASSERT_TRUE(c.Exec("INSERT INTO event (payload) VALUES ('p" + std::to_string(i) + "a'), ('p" +
                       std::to_string(i) + "b')"))
        << c.error();
    const uint64_t first = mysql_insert_id(c.get());
    EXPECT_GT(first, 0u);
    auto last = c.Rows("SELECT LAST_INSERT_ID()");
    ASSERT_EQ(last.size(), 1u) << c.error();
    EXPECT_EQ(last[0][0], std::to_string(first));
    // Both rows of the statement carry consecutive ids, the first reported.
    auto rows = c.Rows("SELECT event_id FROM event WHERE event_id IN (" + std::to_string(first) +
                       "," + std::to_string(first + 1) + ")");
    EXPECT_EQ(rows.size(), 2u) << c.error();
  }
  auto all = a.Rows("SELECT event_id FROM event");
  ASSERT_EQ(all.size(), 100u) << a.error();
  std::set<std::string> distinct;
  for (const auto& row : all) distinct.insert(row[0]);
  EXPECT_EQ(distinct.size(), 100u);
  // Every shard holds only rows its key range owns, and both got some.
  long on_shards = 0;
  for (const char* shard : {"-80", "80-"}) {
    auto count = OnShard("shop", shard, "SELECT COUNT(*) FROM event");
    ASSERT_EQ(count.size(), 1u);
    EXPECT_GT(std::stol(count[0]), 10) << shard;
    on_shards += std::stol(count[0]);
    for (const auto& id : OnShard("shop", shard, "SELECT event_id FROM event")) {
      auto found = a.Rows("SELECT payload FROM event WHERE event_id = " + id);
      EXPECT_EQ(found.size(), 1u) << "id " << id << " on " << shard;
    }
  }
  EXPECT_EQ(on_shards, 100);
  // The sequence row moved by whole blocks (cache 1000).
  auto next = OnShard("main", "0", "SELECT next_id FROM event_seq WHERE id = 0");
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(std::stol(next[0]) % 1000, 1);
}

TEST_F(SequenceTest, GivenIdsStayAndNullOrZeroAreGenerated) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "shop");
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Exec("INSERT INTO event (event_id, payload) VALUES (900000, 'given')"))
      << c.error();
  EXPECT_EQ(mysql_insert_id(c.get()), 0u);
  ASSERT_TRUE(c.Exec("INSERT INTO event (event_id, payload) VALUES (NULL, 'null'), (0, 'zero')"))
      << c.error();
  const uint64_t first = mysql_insert_id(c.get());
  ASSERT_GT(first, 0u);
  auto rows = c.Rows(
      "SELECT event_id, payload FROM event WHERE payload IN ('given', 'null', "
      "'zero') ORDER BY payload");
  ASSERT_EQ(rows.size(), 3u) << c.error();
  EXPECT_EQ(rows[0], (std::vector<std::string>{"900000", "given"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{std::to_string(first), "null"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{std::to_string(first + 1), "zero"}));
  // Prepared-style repeated statements with 0 take the cached plan and still generate.
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.Exec("INSERT INTO event (event_id, payload) VALUES (0, 'again')")) << c.error();
    EXPECT_GT(mysql_insert_id(c.get()), first + 1);
  }
  EXPECT_EQ(c.Rows("SELECT event_id FROM event WHERE payload = 'again'").size(), 3u);
}

TEST_F(SequenceTest, GeneratedColumnNeedNotBeTheVindexColumn) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "shop");
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Exec("INSERT INTO note (customer_id, body) VALUES (4, 'x'), (4, 'y')"))
      << c.error();
  const uint64_t first = mysql_insert_id(c.get());
  ASSERT_GT(first, 0u);
  auto rows = c.Rows("SELECT note_id, body FROM note WHERE customer_id = 4 ORDER BY note_id");
  ASSERT_EQ(rows.size(), 2u) << c.error();
  EXPECT_EQ(rows[0], (std::vector<std::string>{std::to_string(first), "x"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{std::to_string(first + 1), "y"}));
  // customer_id 4 hashes into 80-: both rows are there and only there.
  EXPECT_EQ(OnShard("shop", "80-", "SELECT COUNT(*) FROM note WHERE customer_id = 4")[0], "2");
  EXPECT_EQ(OnShard("shop", "-80", "SELECT COUNT(*) FROM note")[0], "0");
}

TEST_F(SequenceTest, LastInsertIdBelongsToTheSession) {
  GateClient a(cluster_->vtgate_port(), "app", "app", "shop");
  GateClient b(cluster_->vtgate_port(), "app", "app", "shop");
  ASSERT_TRUE(a.connected() && b.connected());
  ASSERT_TRUE(b.Rows("SELECT LAST_INSERT_ID()").size() == 1u) << b.error();
  EXPECT_EQ(b.Rows("SELECT LAST_INSERT_ID()")[0][0], "0");
  ASSERT_TRUE(a.Exec("INSERT INTO event (payload) VALUES ('mine')")) << a.error();
  const std::string mine = std::to_string(mysql_insert_id(a.get()));
  // Other statements leave it alone; another session does not see it.
  ASSERT_TRUE(a.Exec("UPDATE event SET payload = 'mine2' WHERE event_id = " + mine)) << a.error();
  EXPECT_EQ(a.Rows("SELECT LAST_INSERT_ID()")[0][0], mine);
  EXPECT_EQ(a.Rows("SELECT LAST_INSERT_ID() + 1")[0][0], std::to_string(std::stoull(mine) + 1));
  EXPECT_EQ(b.Rows("SELECT LAST_INSERT_ID()")[0][0], "0");
  // An unsharded table's own AUTO_INCREMENT counts too.
  ASSERT_TRUE(a.Exec("INSERT INTO main.widget (name) VALUES ('w')")) << a.error();
  const std::string widget = std::to_string(mysql_insert_id(a.get()));
  EXPECT_EQ(widget, "1");
  EXPECT_EQ(a.Rows("SELECT LAST_INSERT_ID()")[0][0], widget);
}

TEST_F(SequenceTest, RolledBackInsertLeavesAGapNotAnError) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "shop");
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Exec("BEGIN"));
  ASSERT_TRUE(c.Exec("INSERT INTO event (payload) VALUES ('rolled back')")) << c.error();
  const uint64_t lost = mysql_insert_id(c.get());
  ASSERT_TRUE(c.Exec("ROLLBACK")) << c.error();
  EXPECT_TRUE(c.Rows("SELECT event_id FROM event WHERE payload = 'rolled back'").empty());
  ASSERT_TRUE(c.Exec("INSERT INTO event (payload) VALUES ('after')")) << c.error();
  EXPECT_GT(mysql_insert_id(c.get()), lost);
}

TEST_F(SequenceTest, MissingSequenceRowIsAClearError) {
  OnShard("main", "0", "SELECT 1");
  auto client = cluster_->ConnectShard(*cluster_->FindShard("main", "0"));
  ASSERT_TRUE(client.ok());
  ASSERT_TRUE((*client)->Execute("DELETE FROM broken_seq").ok());
  GateClient c(cluster_->vtgate_port(), "app", "app", "shop");
  ASSERT_TRUE(c.connected());
  EXPECT_FALSE(c.Exec("INSERT INTO broken (v) VALUES (1)"));
  EXPECT_EQ(c.error_code(), 1105u);
  EXPECT_NE(c.error().find("sequence main.broken_seq"), std::string::npos) << c.error();
  EXPECT_NE(c.error().find("no row with id 0"), std::string::npos) << c.error();
  // Nothing was written, and explicit ids still work.
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM broken")[0][0], "0");
  EXPECT_TRUE(c.Exec("INSERT INTO broken (id, v) VALUES (7, 1)")) << c.error();
}

TEST_F(SequenceTest, ClientsCanTakeValuesToo) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "shop");
  ASSERT_TRUE(c.connected());
  auto taken = c.Rows("SELECT NEXT 5 VALUES FROM event_seq");
  ASSERT_EQ(taken.size(), 1u) << c.error();
  const uint64_t first = std::stoull(taken[0][0]);
  ASSERT_TRUE(c.Exec("INSERT INTO event (payload) VALUES ('after next')")) << c.error();
  EXPECT_GE(mysql_insert_id(c.get()), first + 5);
  EXPECT_TRUE(c.Rows("SELECT NEXT 1 VALUES FROM nosuch_seq").empty());
  EXPECT_EQ(c.error_code(), 1146u) << c.error();
}

}  // namespace
}  // namespace tessera::testing
