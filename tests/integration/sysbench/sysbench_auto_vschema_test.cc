// A sharded keyspace with no hand-written VSchema (auto_vschema: tables are
// sharded by their first primary-key column, AUTO_INCREMENT columns take
// values from sequences in an unsharded keyspace): sysbench prepares and
// runs against it unchanged, in its default --auto_inc=on mode.
#include <set>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/sysbench_run.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

class AutoVschemaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestKeyspace main;
    main.name = "main";
    main.shards = {"0"};
    TestKeyspace sb;
    sb.name = "sbtest";
    sb.sharded = true;
    sb.shards = {"-80", "80-"};
    sb.auto_vschema = true;
    sb.auto_sequence_keyspace = "main";
    // A table that exists before vtgate ever sees it, with rows.
    sb.schema = {"CREATE TABLE legacy (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)"};
    auto cluster = TestCluster::Start({main, sb});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
    // Rows placed by hand where the hash vindex would put them: 1 and 2 in -80, 4 in 80-.
    for (const auto& [shard, ids] : std::vector<std::pair<std::string, std::string>>{
             {"-80", "(1, 10), (2, 20)"}, {"80-", "(4, 40)"}}) {
      auto direct = cluster_->ConnectShard(*cluster_->FindShard("sbtest", shard));
      ASSERT_TRUE(direct.ok());
      ASSERT_TRUE((*direct)->Execute("INSERT INTO legacy (id, v) VALUES " + ids).ok());
    }
    auto prepared = RunShell(
        SysbenchCommand(cluster_->vtgate_port(), "sbtest", "oltp_read_write", "prepare", 1));
    ASSERT_EQ(prepared.exit_code, 0) << prepared.output;
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  // Writing workloads run one thread, as in the --auto_inc=off suite.
  static void ExpectClean(const std::string& workload, int threads) {
    ExpectCleanWorkload(cluster_->vtgate_port(), "sbtest", workload, threads);
  }

  static TestCluster* cluster_;
};
TestCluster* AutoVschemaTest::cluster_ = nullptr;

TEST_F(AutoVschemaTest, PrepareShardsTheNewTableAndNumbersItsRowsOnce) {
  std::set<std::string> ids;
  for (const char* shard : {"-80", "80-"}) {
    auto direct = cluster_->ConnectShard(*cluster_->FindShard("sbtest", shard));
    ASSERT_TRUE(direct.ok());
    auto rows = (*direct)->Query("SELECT id FROM sbtest1");
    ASSERT_TRUE(rows.ok());
    EXPECT_GT(rows->size(), 700u) << shard;  // about half of 2000 each
    for (const auto& row : *rows) ids.insert(row[0].value_or("NULL"));
  }
  EXPECT_EQ(ids.size(), 2000u);
  // The sequence was made in the sequence keyspace.
  auto home = cluster_->ConnectShard(*cluster_->FindShard("main", "0"));
  ASSERT_TRUE(home.ok());
  auto next = (*home)->Query("SELECT next_id FROM sbtest1_seq WHERE id = 0");
  ASSERT_TRUE(next.ok()) << next.error().message;
  ASSERT_EQ(next->size(), 1u);
  EXPECT_GT(std::stol(*(*next)[0][0]), 2000);
}

TEST_F(AutoVschemaTest, PointSelect) {
  ExpectClean("oltp_point_select", 2);
}
TEST_F(AutoVschemaTest, ReadWrite) {
  ExpectClean("oltp_read_write", 1);
}
TEST_F(AutoVschemaTest, Insert) {
  ExpectClean("oltp_insert", 2);
}

TEST_F(AutoVschemaTest, ExistingTableIsFoundAndItsSequenceStartsPastItsRows) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "sbtest");
  ASSERT_TRUE(c.connected());
  auto rows = c.Rows("SELECT v FROM legacy WHERE id = 4");
  ASSERT_EQ(rows.size(), 1u) << c.error();
  EXPECT_EQ(rows[0][0], "40");
  ASSERT_TRUE(c.Exec("INSERT INTO legacy (v) VALUES (50)")) << c.error();
  EXPECT_EQ(mysql_insert_id(c.get()), 5u);  // past the largest id, 4
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM legacy")[0][0], "4");
}

TEST_F(AutoVschemaTest, UnknownTableIsStillAnError) {
  GateClient c(cluster_->vtgate_port(), "app", "app", "sbtest");
  ASSERT_TRUE(c.connected());
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(c.Exec("SELECT * FROM nosuch WHERE id = 1"));
    EXPECT_EQ(c.error_code(), 1146u) << c.error();
  }
  // A table created through vtgate is usable at once, by its first key column.
  ASSERT_TRUE(
      c.Exec("CREATE TABLE fresh (n INT NOT NULL, k VARCHAR(16) NOT NULL, "
             "PRIMARY KEY (n, k))"))
      << c.error();
  ASSERT_TRUE(c.Exec("INSERT INTO fresh (n, k) VALUES (1, 'a'), (2, 'b'), (4, 'c')")) << c.error();
  EXPECT_EQ(c.Rows("SELECT k FROM fresh WHERE n = 2")[0][0], "b");
  auto far = cluster_->ConnectShard(*cluster_->FindShard("sbtest", "80-"));
  ASSERT_TRUE(far.ok());
  auto there = (*far)->Query("SELECT k FROM fresh");  // hash(4) lies in 80-, hash(1), hash(2) not
  ASSERT_TRUE(there.ok());
  ASSERT_EQ(there->size(), 1u);
  EXPECT_EQ((*there)[0][0].value_or(""), "c");
  // The hash vindex maps integers: a string key is refused, naming why.
  ASSERT_TRUE(c.Exec("CREATE TABLE named (k VARCHAR(16) PRIMARY KEY)")) << c.error();
  EXPECT_FALSE(c.Exec("INSERT INTO named (k) VALUES ('a')"));
  EXPECT_NE(c.error().find("could not map 'a'"), std::string::npos) << c.error();
  // No primary key: not sharded automatically, refused clearly.
  ASSERT_TRUE(c.Exec("CREATE TABLE nokey (v INT)")) << c.error();
  EXPECT_FALSE(c.Exec("INSERT INTO nokey (v) VALUES (1)"));
  EXPECT_EQ(c.error_code(), 1146u) << c.error();
}

}  // namespace
}  // namespace tessera::testing
