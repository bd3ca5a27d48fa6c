// SHOW PROCESSLIST, KILL [QUERY] and CONNECTION_ID() end to end: a real
// cluster (MariaDB shards, vttablets, vtgate) driven by MariaDB Connector/C.
// The ids are vtgate's client connection ids; KILL QUERY reaches the
// statement on its shard's MariaDB.
#include <mysql.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

using namespace std::chrono_literals;
using Rows = std::vector<std::vector<std::string>>;

class KillTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestCluster::ConfigExtras extras;
    extras.users = "  - name: other\n    password: otherpw\n";
    auto cluster = TestCluster::Start(ExampleKeyspaces(), false, extras);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  static std::unique_ptr<GateClient> Connect(const char* user = "app",
                                             const char* password = "app") {
    auto c = std::make_unique<GateClient>(cluster_->vtgate_port(), user, password, "customer");
    EXPECT_TRUE(c->connected()) << c->error();
    return c;
  }

  // The processlist row of connection `id` as `observer` sees it; empty
  // when it is not listed.
  static std::vector<std::string> ProcessRow(GateClient& observer, unsigned long id) {
    for (auto& row : observer.Rows("SHOW FULL PROCESSLIST")) {
      if (!row.empty() && row[0] == std::to_string(id)) return row;
    }
    return {};
  }

  // Waits until connection `id` runs a statement containing `text`.
  static bool WaitRunning(GateClient& observer, unsigned long id, const std::string& text) {
    for (int i = 0; i < 200; ++i) {
      auto row = ProcessRow(observer, id);
      if (row.size() >= 8 && row[4] == "Query" && row[7].find(text) != std::string::npos)
        return true;
      std::this_thread::sleep_for(25ms);
    }
    return false;
  }

  static TestCluster* cluster_;
};
TestCluster* KillTest::cluster_ = nullptr;

TEST_F(KillTest, ProcesslistShowsTheUsersVtgateConnections) {
  auto a = Connect();
  auto b = Connect();
  auto stranger = Connect("other", "otherpw");
  const unsigned long a_id = mysql_thread_id(a->get());
  const unsigned long b_id = mysql_thread_id(b->get());
  ASSERT_NE(a_id, b_id);
  // CONNECTION_ID() is the id the greeting gave, not a pooled MariaDB thread's.
  EXPECT_EQ(a->Rows("SELECT CONNECTION_ID()"), (Rows{{std::to_string(a_id)}}));
  EXPECT_EQ(a->Rows("SELECT CONNECTION_ID() AS id, 1"), (Rows{{std::to_string(a_id), "1"}}));
  EXPECT_EQ(b->Rows("SELECT CONNECTION_ID()"), (Rows{{std::to_string(b_id)}}));

  const Rows list = a->Rows("SHOW PROCESSLIST");
  std::vector<std::string> a_row, b_row;
  for (const auto& row : list) {
    ASSERT_EQ(row.size(), 9u);
    EXPECT_EQ(row[1], "app");  // the other user's connection is not listed
    if (row[0] == std::to_string(a_id)) a_row = row;
    if (row[0] == std::to_string(b_id)) b_row = row;
  }
  ASSERT_FALSE(a_row.empty());
  ASSERT_FALSE(b_row.empty());
  EXPECT_EQ(a_row[2], "127.0.0.1");
  EXPECT_EQ(a_row[3], "customer");
  EXPECT_EQ(a_row[4], "Query");
  EXPECT_EQ(a_row[7], "SHOW PROCESSLIST");
  EXPECT_EQ(b_row[4], "Sleep");
  EXPECT_EQ(b_row[7], "NULL");
  ASSERT_TRUE(b->Exec("USE commerce"));
  EXPECT_EQ(ProcessRow(*a, b_id).at(3), "commerce");
  EXPECT_TRUE(ProcessRow(*stranger, a_id).empty());

  // COM_PROCESS_INFO answers the same.
  MYSQL_RES* res = mysql_list_processes(a->get());
  ASSERT_NE(res, nullptr) << a->error();
  EXPECT_EQ(mysql_num_fields(res), 9u);
  bool found_b = false;
  while (MYSQL_ROW row = mysql_fetch_row(res)) found_b |= row[0] == std::to_string(b_id);
  mysql_free_result(res);
  EXPECT_TRUE(found_b);
}

TEST_F(KillTest, KillQueryStopsTheStatementOnItsShardAndKeepsTheTransaction) {
  auto victim = Connect();
  auto killer = Connect();
  const unsigned long id = mysql_thread_id(victim->get());
  ASSERT_TRUE(victim->Exec("BEGIN"));
  ASSERT_TRUE(victim->Exec("INSERT INTO customer (customer_id, email) VALUES (901, 'kept')"))
      << victim->error();
  auto sleeping = std::async(std::launch::async, [&] {
    const bool ok = victim->Exec("SELECT SLEEP(60) FROM customer WHERE customer_id = 901");
    return std::make_pair(ok, victim->error_code());
  });
  ASSERT_TRUE(WaitRunning(*killer, id, "SLEEP(60)"));
  ASSERT_TRUE(killer->Exec("KILL QUERY " + std::to_string(id))) << killer->error();
  // The statement ends long before its 60 s.
  ASSERT_EQ(sleeping.wait_for(30s), std::future_status::ready);
  const auto [ok, code] = sleeping.get();
  EXPECT_FALSE(ok);
  EXPECT_EQ(code, 1317u);
  // The connection and its transaction live on.
  EXPECT_EQ(victim->Rows("SELECT email FROM customer WHERE customer_id = 901"), (Rows{{"kept"}}));
  ASSERT_TRUE(victim->Exec("COMMIT")) << victim->error();
  EXPECT_EQ(killer->Rows("SELECT email FROM customer WHERE customer_id = 901"), (Rows{{"kept"}}));
}

TEST_F(KillTest, KillQueryOutsideATransactionLeavesThePooledConnectionsClean) {
  auto victim = Connect();
  auto killer = Connect();
  const unsigned long id = mysql_thread_id(victim->get());
  auto sleeping = std::async(std::launch::async, [&] {
    const bool ok = victim->Exec("SELECT SLEEP(60)");
    return std::make_pair(ok, victim->error_code());
  });
  ASSERT_TRUE(WaitRunning(*killer, id, "SLEEP(60)"));
  ASSERT_TRUE(killer->Exec("KILL QUERY " + std::to_string(id))) << killer->error();
  ASSERT_EQ(sleeping.wait_for(30s), std::future_status::ready);
  EXPECT_EQ(sleeping.get().second, 1317u);
  // Later statements, on whichever pooled connection, run to completion.
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(victim->Rows("SELECT SLEEP(0.01), " + std::to_string(i)),
              (Rows{{"0", std::to_string(i)}}))
        << victim->error();
    EXPECT_EQ(killer->Rows("SELECT " + std::to_string(i)), (Rows{{std::to_string(i)}}));
  }
  // A statement running on every shard is stopped on every shard.
  ASSERT_TRUE(
      killer->Exec("INSERT INTO customer (customer_id, email) VALUES (910, 'a'), (911, "
                   "'b'), (912, 'c'), (913, 'd'), (914, 'e'), (915, 'f')"))
      << killer->error();
  auto scattered = std::async(std::launch::async, [&] {
    const bool ok =
        victim->Exec("SELECT SLEEP(20) FROM customer WHERE customer_id BETWEEN 910 AND 915");
    return std::make_pair(ok, victim->error_code());
  });
  ASSERT_TRUE(WaitRunning(*killer, id, "SLEEP(20)"));
  ASSERT_TRUE(killer->Exec("KILL QUERY " + std::to_string(id))) << killer->error();
  ASSERT_EQ(scattered.wait_for(30s), std::future_status::ready);
  EXPECT_EQ(scattered.get().second, 1317u);
  EXPECT_EQ(victim->Rows("SELECT COUNT(*) FROM customer WHERE customer_id BETWEEN 910 AND 915"),
            (Rows{{"6"}}));
  // KILL QUERY of an idle connection does nothing to its next statement.
  ASSERT_TRUE(killer->Exec("KILL QUERY " + std::to_string(id))) << killer->error();
  EXPECT_EQ(victim->Rows("SELECT 7"), (Rows{{"7"}})) << victim->error();
}

TEST_F(KillTest, KillConnectionEndsTheClientAndRollsBackItsTransaction) {
  auto victim = Connect();
  auto killer = Connect();
  const unsigned long id = mysql_thread_id(victim->get());
  ASSERT_TRUE(victim->Exec("BEGIN"));
  ASSERT_TRUE(victim->Exec("INSERT INTO customer (customer_id, email) VALUES (902, 'gone')"));
  ASSERT_TRUE(killer->Exec("KILL " + std::to_string(id))) << killer->error();
  // The victim's connection is closed.
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i) {
    closed = ProcessRow(*killer, id).empty();
    if (!closed) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(closed);
  EXPECT_FALSE(victim->Exec("SELECT 1"));
  EXPECT_TRUE(victim->error_code() == 2013 || victim->error_code() == 2006) << victim->error();
  // Its transaction was rolled back: the row is free and absent.
  ASSERT_TRUE(killer->Exec("SET SESSION innodb_lock_wait_timeout = 5"));
  EXPECT_EQ(killer->Rows("SELECT COUNT(*) FROM customer WHERE customer_id = 902"), (Rows{{"0"}}));
  EXPECT_TRUE(killer->Exec("INSERT INTO customer (customer_id, email) VALUES (902, 'free')"))
      << killer->error();
}

TEST_F(KillTest, KillErrorsAreMariaDbs) {
  auto app = Connect();
  auto stranger = Connect("other", "otherpw");
  const unsigned long app_id = mysql_thread_id(app->get());
  EXPECT_FALSE(stranger->Exec("KILL " + std::to_string(app_id)));
  EXPECT_EQ(stranger->error_code(), 1095u);
  EXPECT_EQ(stranger->error(), "You are not owner of thread " + std::to_string(app_id));
  EXPECT_FALSE(stranger->Exec("KILL QUERY " + std::to_string(app_id)));
  EXPECT_EQ(stranger->error_code(), 1095u);
  EXPECT_FALSE(app->Exec("KILL 4000000000"));
  EXPECT_EQ(app->error_code(), 1094u);
  EXPECT_EQ(app->error(), "Unknown thread id: 4000000000");
  EXPECT_FALSE(app->Exec("KILL 'x'"));
  EXPECT_EQ(app->error_code(), 1094u);
  // The app connection was not touched.
  EXPECT_EQ(app->Rows("SELECT 1"), (Rows{{"1"}}));

  // Killing one's own statement and one's own connection.
  EXPECT_FALSE(app->Exec("KILL QUERY CONNECTION_ID()"));
  EXPECT_EQ(app->error_code(), 1317u);
  EXPECT_EQ(app->Rows("SELECT 2"), (Rows{{"2"}}));
  EXPECT_FALSE(app->Exec("KILL CONNECTION_ID()"));
  EXPECT_EQ(app->error_code(), 1927u) << app->error();
  EXPECT_FALSE(app->Exec("SELECT 3"));
}

}  // namespace
}  // namespace tessera::testing
