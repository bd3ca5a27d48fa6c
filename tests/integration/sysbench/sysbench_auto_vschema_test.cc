// A sharded keyspace with no hand-written VSchema (auto_vschema: tables are
// sharded by their first primary-key column, AUTO_INCREMENT columns take
// values from sequences in an unsharded keyspace): sysbench prepares and
// runs against it unchanged, in its default --auto_inc=on mode.
#include <cstdio>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

struct CommandResult {
  int status = -1;
  std::string output;
};

CommandResult RunCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  while (fgets(buf, sizeof buf, pipe) != nullptr) result.output += buf;
  result.status = pclose(pipe);
  return result;
}

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
    auto prepared = RunCommand(Sysbench("oltp_read_write", "prepare", 1));
    ASSERT_EQ(prepared.status, 0) << prepared.output;
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  static std::string Sysbench(const std::string& workload, const std::string& command,
                              int threads) {
    return "sysbench " + workload + " --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=" +
           std::to_string(cluster_->vtgate_port()) +
           " --mysql-user=app --mysql-password=app --mysql-db=sbtest --tables=1 --table-size=2000"
           " --db-ps-mode=disable --threads=" +
           std::to_string(threads) + " --time=3 " + command;
  }

  static void ExpectClean(const std::string& workload, int threads) {
    auto run = RunCommand(Sysbench(workload, "run", threads));
    EXPECT_EQ(run.status, 0) << workload << "\n" << run.output;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(run.output, m, std::regex(R"(queries:\s+(\d+))"))) << run.output;
    EXPECT_GT(std::stol(m[1]), 0) << workload;
    ASSERT_TRUE(std::regex_search(run.output, m, std::regex(R"(ignored errors:\s+(\d+))")))
        << run.output;
    EXPECT_EQ(m[1], "0") << workload << "\n" << run.output;
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
