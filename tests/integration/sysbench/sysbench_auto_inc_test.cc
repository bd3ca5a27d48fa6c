// sysbench's default mode (--auto_inc=on: the table's id is AUTO_INCREMENT
// and INSERTs leave it out or send 0) against a 2-shard keyspace whose
// VSchema takes sbtest1.id from a sequence in an unsharded keyspace.
#include <set>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/sysbench_run.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

class SysbenchAutoIncTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestKeyspace main;
    main.name = "main";
    main.shards = {"0"};
    main.sequence_tables = {"sbtest1_seq"};
    TestKeyspace sb;
    sb.name = "sbtest";
    sb.sharded = true;
    sb.shards = {"-80", "80-"};
    sb.sharded_tables = {{"sbtest1", "id"}};
    sb.auto_increment = {{"sbtest1", {"id", "sbtest1_seq"}}};
    auto cluster = TestCluster::Start({main, sb});
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
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
TestCluster* SysbenchAutoIncTest::cluster_ = nullptr;

TEST_F(SysbenchAutoIncTest, PrepareGeneratesDistinctIdsOnBothShards) {
  std::set<std::string> ids;
  for (const auto& shard : cluster_->shards()) {
    if (shard.keyspace != "sbtest") continue;
    auto direct = cluster_->ConnectShard(shard);
    ASSERT_TRUE(direct.ok());
    auto rows = (*direct)->Query("SELECT id FROM sbtest1");
    ASSERT_TRUE(rows.ok());
    EXPECT_GT(rows->size(), 700u) << shard.name;  // about half of 2000 each
    for (const auto& row : *rows) ids.insert(row[0].value_or("NULL"));
  }
  EXPECT_EQ(ids.size(), 2000u);
  EXPECT_FALSE(ids.count("NULL"));
  EXPECT_FALSE(ids.count("0"));
}

TEST_F(SysbenchAutoIncTest, PointSelect) {
  ExpectClean("oltp_point_select", 2);
}
TEST_F(SysbenchAutoIncTest, ReadWrite) {
  ExpectClean("oltp_read_write", 1);
}
TEST_F(SysbenchAutoIncTest, Delete) {
  ExpectClean("oltp_delete", 1);
}
// Inserts send id 0, which the sequence replaces: no duplicates, so no
// ignored errors either, with two threads.
TEST_F(SysbenchAutoIncTest, Insert) {
  ExpectClean("oltp_insert", 2);
  GateClient c(cluster_->vtgate_port(), "app", "app", "sbtest");
  auto rows = c.Rows("SELECT COUNT(*), COUNT(DISTINCT id), MIN(id) FROM sbtest1");
  ASSERT_EQ(rows.size(), 1u) << c.error();
  EXPECT_GT(std::stol(rows[0][0]), 2000);
  EXPECT_EQ(rows[0][0], rows[0][1]);
  EXPECT_EQ(rows[0][2], "1");
}

}  // namespace
}  // namespace tessera::testing
