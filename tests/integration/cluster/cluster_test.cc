// End-to-end: real MariaDB shards, real vttablets, a real vtgate, driven by
// real clients (Connector/C and the mariadb command line).
#include <mysql.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>

#include <gtest/gtest.h>

#include "common/keyrange/key_range.h"
#include "tests/integration/support/gate_client.h"
#include "tests/integration/support/test_cluster.h"
#include "vtgate/vindexes/hash_vindex.h"

namespace tessera::testing {
namespace {

using Client = GateClient;

class ClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cluster = TestCluster::Start(ExampleKeyspaces());
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  // Com_select of a shard's MariaDB.
  static long ComSelect(const TestCluster::Shard& shard) {
    auto client = cluster_->ConnectShard(shard);
    if (!client.ok()) return -1;
    auto rows = (*client)->Query("SHOW GLOBAL STATUS LIKE 'Com_select'");
    if (!rows.ok() || rows->empty()) return -1;
    return std::stol(*(*rows)[0][1]);
  }

  static TestCluster* cluster_;
};
TestCluster* ClusterTest::cluster_ = nullptr;

TEST_F(ClusterTest, InsertedRowsLiveOnlyOnTheirShard) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  std::string insert = "INSERT INTO customer (customer_id, email) VALUES ";
  for (int id = 1; id <= 40; ++id) {
    if (id > 1) insert += ",";
    insert += "(" + std::to_string(id) + ",'user" + std::to_string(id) + "@example.com')";
  }
  ASSERT_TRUE(c.Exec(insert)) << c.error();
  EXPECT_EQ(mysql_affected_rows(c.get()), 40u);

  vtgate::HashVindex hash;
  std::set<long> seen;
  for (const auto& shard : cluster_->shards()) {
    if (shard.keyspace != "customer") continue;
    auto range = KeyRange::Parse(shard.name);
    ASSERT_TRUE(range.ok());
    auto direct = cluster_->ConnectShard(shard);
    ASSERT_TRUE(direct.ok()) << direct.error().message;
    auto rows = (*direct)->Query("SELECT customer_id FROM customer WHERE customer_id <= 40");
    ASSERT_TRUE(rows.ok());
    EXPECT_FALSE(rows->empty()) << "shard " << shard.name << " got no rows";
    for (const auto& row : *rows) {
      long id = std::stol(*row[0]);
      EXPECT_TRUE(range->Contains(hash.MapUint64(static_cast<uint64_t>(id))))
          << "customer " << id << " is on the wrong shard " << shard.name;
      EXPECT_TRUE(seen.insert(id).second) << "customer " << id << " is on two shards";
    }
  }
  EXPECT_EQ(seen.size(), 40u);

  // A scatter SELECT returns every row; a point SELECT finds its row.
  auto all = c.Rows("SELECT customer_id FROM customer WHERE customer_id <= 40");
  EXPECT_EQ(all.size(), 40u);
  auto one = c.Rows("SELECT email FROM customer WHERE customer_id = 17");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0][0], "user17@example.com");
}

TEST_F(ClusterTest, PointSelectTouchesOneShard) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (1001, 'p@x')"))
      << c.error();
  const auto* low = cluster_->FindShard("customer", "-80");
  const auto* high = cluster_->FindShard("customer", "80-");
  long low_before = ComSelect(*low), high_before = ComSelect(*high);
  for (int i = 0; i < 10; ++i) {
    auto rows = c.Rows("SELECT email FROM customer WHERE customer_id = 1001");
    ASSERT_EQ(rows.size(), 1u);
  }
  long low_delta = ComSelect(*low) - low_before;
  long high_delta = ComSelect(*high) - high_before;
  vtgate::HashVindex hash;
  bool in_low = KeyRange::Parse("-80")->Contains(hash.MapUint64(1001));
  // Com_select also counts the tablets' own probes (health, migration
  // polls), a few at most: a scatter would add all ten to the other shard.
  EXPECT_GE(in_low ? low_delta : high_delta, 10);
  EXPECT_LT(in_low ? high_delta : low_delta, 10);
}

TEST_F(ClusterTest, QueryTimeoutsEndTheQueryOnTheShards) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(
      c.Exec("INSERT INTO customer (customer_id, email) VALUES (3901, 't@x'), (3902, "
             "'u@x')"));
  const std::string sleepy = "SLEEP(3) FROM customer WHERE customer_id IN (3901, 3902)";
  auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(c.Exec("SELECT /*vt+ QUERY_TIMEOUT_MS=200 */ " + sleepy));
  EXPECT_EQ(c.error_code(), 1969u) << c.error();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2500));
  // The directive bounds its own statement only.
  EXPECT_TRUE(c.Exec("SELECT SLEEP(0.3) FROM customer WHERE customer_id = 3901")) << c.error();
  // The session setting, in milliseconds as in Vitess, bounds every statement.
  ASSERT_TRUE(c.Exec("SET query_timeout = 200")) << c.error();
  EXPECT_FALSE(c.Exec("SELECT " + sleepy));
  EXPECT_EQ(c.error_code(), 1969u) << c.error();
  ASSERT_TRUE(c.Exec("SET query_timeout = 0")) << c.error();
  EXPECT_TRUE(c.Exec("SELECT SLEEP(0.3) FROM customer WHERE customer_id = 3901")) << c.error();
  EXPECT_FALSE(c.Exec("SET query_timeout = 'soon'"));
}

TEST_F(ClusterTest, ErrorsCarryMySqlCodes) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (2001, 'd@x')"));
  EXPECT_FALSE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (2001, 'd@x')"));
  EXPECT_EQ(c.error_code(), 1062u);
  EXPECT_EQ(c.sqlstate(), "23000");

  Client u(cluster_->vtgate_port(), "app", "app", "commerce");
  ASSERT_TRUE(u.connected());
  EXPECT_FALSE(u.Exec("SELECT * FROM no_such_table"));
  EXPECT_EQ(u.error_code(), 1146u);
  EXPECT_EQ(u.sqlstate(), "42S02");

  EXPECT_FALSE(c.Exec("SELEKT 1"));
  EXPECT_EQ(c.error_code(), 1064u);
  EXPECT_EQ(c.sqlstate(), "42000");
  EXPECT_NE(c.error().find("near 'SELEKT 1'"), std::string::npos) << c.error();

  // Assigning a user variable inside a statement is not supported.
  EXPECT_FALSE(c.Exec("SELECT @n := email FROM customer"));
  EXPECT_EQ(c.error_code(), 1235u);
  EXPECT_EQ(c.sqlstate(), "42000");

  // Errors vtgate raises itself carry MySQL's SQLSTATE, not the generic HY000.
  struct Refusal {
    const char* sql;
    unsigned code;
    const char* sql_state;
  };
  const Refusal refusals[] = {
      {"INSERT INTO customer (customer_id, email) VALUES (2002)", 1136, "21S01"},
      {"SELECT email, customer_id FROM customer UNION SELECT sku FROM corder", 1222, "21000"},
      {"SELECT email FROM customer UNION SELECT sku FROM corder ORDER BY nosuch", 1054, "42S22"},
      {"SELECT c.email FROM customer c JOIN corder c ON c.sku = c.email", 1066, "42000"},
      {"SELECT x.* FROM customer c JOIN corder o ON o.sku = c.email", 1051, "42S02"},
      {"DELETE x FROM customer c WHERE c.customer_id = 2001", 1109, "42S02"},
  };
  for (const Refusal& r : refusals) {
    EXPECT_FALSE(c.Exec(r.sql)) << r.sql;
    EXPECT_EQ(c.error_code(), r.code) << r.sql << ": " << c.error();
    EXPECT_EQ(c.sqlstate(), r.sql_state) << r.sql << ": " << c.error();
  }
}

TEST_F(ClusterTest, WrongPasswordIsAccessDenied) {
  Client bad(cluster_->vtgate_port(), "app", "wrong");
  EXPECT_FALSE(bad.connected());
  EXPECT_EQ(bad.error_code(), 1045u);
  Client nobody(cluster_->vtgate_port(), "nobody", "app");
  EXPECT_FALSE(nobody.connected());
  EXPECT_EQ(nobody.error_code(), 1045u);
}

TEST_F(ClusterTest, UseKeyspaceAndUnknownDatabase) {
  Client c(cluster_->vtgate_port());
  ASSERT_TRUE(c.connected());
  EXPECT_EQ(mysql_select_db(c.get(), "commerce"), 0) << c.error();
  ASSERT_TRUE(
      c.Exec("INSERT INTO product (sku, description, price) VALUES ('SKU-1', 'thing', 100)"))
      << c.error();
  auto rows = c.Rows("SELECT description, price FROM product WHERE sku = 'SKU-1'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"thing", "100"}));
  EXPECT_NE(mysql_select_db(c.get(), "nosuch"), 0);
  EXPECT_EQ(c.error_code(), 1049u);
  ASSERT_TRUE(c.Exec("USE customer")) << c.error();
  auto db = c.Rows("SELECT DATABASE()");
  ASSERT_EQ(db.size(), 1u);
  EXPECT_EQ(db[0][0], "customer");
  auto keyspaces = c.Rows("SHOW DATABASES");
  ASSERT_EQ(keyspaces.size(), 2u);
  // Qualified names work from any keyspace.
  auto qualified = c.Rows("SELECT price FROM commerce.product WHERE sku = 'SKU-1'");
  ASSERT_EQ(qualified.size(), 1u);
  EXPECT_EQ(qualified[0][0], "100");
  EXPECT_EQ(mysql_ping(c.get()), 0);
}

// USE keyspace:shard (as in Vitess): every statement goes to that shard as
// written, whatever the vindexes say; USE keyspace ends it.
TEST_F(ClusterTest, UseKeyspaceShardTargetsOneShard) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  std::string insert = "INSERT INTO customer (customer_id, email) VALUES ";
  for (int id = 5001; id <= 5020; ++id) {
    if (id > 5001) insert += ",";
    insert += "(" + std::to_string(id) + ",'t" + std::to_string(id) + "')";
  }
  ASSERT_TRUE(c.Exec(insert)) << c.error();
  const std::string count = "SELECT COUNT(*) FROM customer WHERE customer_id BETWEEN 5001 AND 5020";
  long total = 0;
  for (const auto& shard : cluster_->shards()) {
    if (shard.keyspace != "customer") continue;
    auto direct = cluster_->ConnectShard(shard);
    ASSERT_TRUE(direct.ok()) << direct.error().message;
    auto rows = (*direct)->Query(count);
    ASSERT_TRUE(rows.ok());
    // The statement, COM_INIT_DB and the handshake's database all target.
    ASSERT_TRUE(c.Exec("USE `customer:" + shard.name + "`")) << c.error();
    auto targeted = c.Rows(count);
    ASSERT_EQ(targeted.size(), 1u) << c.error();
    EXPECT_EQ(targeted[0][0], *(*rows)[0][0]) << shard.name;
    EXPECT_EQ(mysql_select_db(c.get(), ("customer:" + shard.name).c_str()), 0) << c.error();
    EXPECT_EQ(c.Rows(count), targeted);
    Client at(cluster_->vtgate_port(), "app", "app", ("customer:" + shard.name).c_str());
    ASSERT_TRUE(at.connected()) << at.error();
    EXPECT_EQ(at.Rows(count), targeted);
    // A window over "all" rows sees this shard's alone.
    auto numbered = c.Rows(
        "SELECT MAX(n) FROM (SELECT ROW_NUMBER() OVER (ORDER BY customer_id) AS n FROM customer "
        "WHERE customer_id BETWEEN 5001 AND 5020) AS t");
    ASSERT_EQ(numbered.size(), 1u) << c.error();
    EXPECT_EQ(numbered[0][0], targeted[0][0]);
    total += std::stol(targeted[0][0]);
  }
  EXPECT_EQ(total, 20);
  // Writes reach the target shard only.
  ASSERT_TRUE(c.Exec("USE `customer:-80`")) << c.error();
  ASSERT_TRUE(
      c.Exec("UPDATE customer SET email = 'shard-80' WHERE customer_id BETWEEN 5001 AND "
             "5020"))
      << c.error();
  ASSERT_TRUE(c.Exec("USE customer")) << c.error();
  auto updated = c.Rows(
      "SELECT COUNT(*) FROM customer WHERE customer_id BETWEEN 5001 AND 5020 AND email = "
      "'shard-80'");
  ASSERT_EQ(updated.size(), 1u);
  EXPECT_GT(std::stol(updated[0][0]), 0);
  EXPECT_LT(std::stol(updated[0][0]), 20);
  // Bad targets.
  EXPECT_FALSE(c.Exec("USE `customer:-40`"));
  EXPECT_EQ(c.error_code(), 1049u);
  EXPECT_FALSE(c.Exec("USE `customer:`"));
  EXPECT_EQ(c.error_code(), 1049u);
  ASSERT_TRUE(c.Exec("USE `customer:80-`")) << c.error();
  EXPECT_FALSE(c.Exec("SELECT * FROM commerce.product"));
  EXPECT_EQ(c.error_code(), 1235u) << c.error();
  ASSERT_TRUE(c.Exec("DELETE FROM customer WHERE customer_id BETWEEN 5001 AND 5020")) << c.error();
  ASSERT_TRUE(c.Exec("USE customer")) << c.error();
  ASSERT_TRUE(c.Exec("DELETE FROM customer WHERE customer_id BETWEEN 5001 AND 5020")) << c.error();
}

TEST_F(ClusterTest, DdlReachesEveryShard) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.Exec("CREATE TABLE ddl_probe (id BIGINT PRIMARY KEY)")) << c.error();
  for (const auto& shard : cluster_->shards()) {
    if (shard.keyspace != "customer") continue;
    auto direct = cluster_->ConnectShard(shard);
    ASSERT_TRUE(direct.ok());
    auto rows = (*direct)->Query("SHOW TABLES LIKE 'ddl_probe'");
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), 1u) << "missing on shard " << shard.name;
  }
  ASSERT_TRUE(c.Exec("DROP TABLE ddl_probe")) << c.error();
}

TEST_F(ClusterTest, TransactionsCommitAndRollBack) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.Exec("BEGIN"));
  ASSERT_TRUE(
      c.Exec("INSERT INTO customer (customer_id, email) VALUES (3001, 'r@x'), (3004, 'r@x')"));
  ASSERT_TRUE(c.Exec("ROLLBACK"));
  EXPECT_TRUE(c.Rows("SELECT * FROM customer WHERE customer_id IN (3001, 3004)").empty());
  ASSERT_TRUE(c.Exec("BEGIN"));
  ASSERT_TRUE(
      c.Exec("INSERT INTO customer (customer_id, email) VALUES (3001, 'c@x'), (3004, 'c@x')"));
  ASSERT_TRUE(c.Exec("COMMIT"));
  EXPECT_EQ(c.Rows("SELECT * FROM customer WHERE customer_id IN (3001, 3004)").size(), 2u);
}

TEST_F(ClusterTest, ClientLeavingMidTransactionReleasesItsLocks) {
  {
    Client setup(cluster_->vtgate_port(), "app", "app", "customer");
    ASSERT_TRUE(setup.Exec("INSERT INTO customer (customer_id, email) VALUES (5001, 'l@x')"));
  }
  {
    Client leaver(cluster_->vtgate_port(), "app", "app", "customer");
    ASSERT_TRUE(leaver.Exec("BEGIN"));
    ASSERT_TRUE(leaver.Exec("UPDATE customer SET email = 'held' WHERE customer_id = 5001"));
  }  // disconnects without COMMIT or ROLLBACK
  Client other(cluster_->vtgate_port(), "app", "app", "customer");
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(other.Exec("UPDATE customer SET email = 'next' WHERE customer_id = 5001"))
      << other.error();
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_LT(waited, std::chrono::seconds(5));  // not the tablet's 30 s idle timeout
  auto rows = other.Rows("SELECT email FROM customer WHERE customer_id = 5001");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "next");
}

TEST_F(ClusterTest, MariadbCommandLineClient) {
  std::string cmd = "mariadb -h127.0.0.1 -P" + std::to_string(cluster_->vtgate_port()) +
                    " -uapp -papp -D customer --batch --skip-column-names -e "
                    "\"INSERT INTO customer (customer_id, email) VALUES (4001, 'cli@x'); "
                    "SELECT email FROM customer WHERE customer_id = 4001\" 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buf[256];
  while (fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
  int status = pclose(pipe);
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "cli@x\n");
}

// Raw socket helpers for bad-input tests.
int ConnectRaw(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// Reads until the peer closes; true if it closed within the timeout.
bool ClosedByPeer(int fd) {
  char buf[4096];
  for (int i = 0; i < 100; ++i) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;
  }
  return false;
}

TEST_F(ClusterTest, BadClientsAreDroppedOthersServed) {
  Client good(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(good.connected());
  {
    int fd = ConnectRaw(cluster_->vtgate_port());
    ASSERT_GE(fd, 0);
    std::string garbage(300, '\xff');
    ASSERT_GT(write(fd, garbage.data(), garbage.size()), 0);
    EXPECT_TRUE(ClosedByPeer(fd));
    close(fd);
  }
  {
    int fd = ConnectRaw(cluster_->vtgate_port());
    ASSERT_GE(fd, 0);
    // A header announcing 16 MiB - 1 followed by a continuation: over 20 MB in all.
    std::string header = "\xff\xff\xff\x01";
    ASSERT_EQ(write(fd, header.data(), header.size()), 4);
    std::string chunk(1 << 20, 'a');
    for (int i = 0; i < 21; ++i) {
      if (write(fd, chunk.data(), chunk.size()) <= 0) break;
    }
    EXPECT_TRUE(ClosedByPeer(fd));
    close(fd);
  }
  {
    int fd = ConnectRaw(cluster_->vtgate_port());
    ASSERT_GE(fd, 0);
    std::string truncated = "\x40\x00\x00\x01\x0d\xa2";  // says 64 bytes, sends 2
    ASSERT_GT(write(fd, truncated.data(), truncated.size()), 0);
    shutdown(fd, SHUT_WR);
    EXPECT_TRUE(ClosedByPeer(fd));
    close(fd);
  }
  auto rows = good.Rows("SELECT 1");
  ASSERT_EQ(rows.size(), 1u) << good.error();
  Client again(cluster_->vtgate_port(), "app", "app", "customer");
  EXPECT_TRUE(again.connected()) << again.error();
}

TEST_F(ClusterTest, ShowsKeyspacesShardsTabletsTablesAndPlans) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  EXPECT_EQ(c.Rows("SHOW KEYSPACES"),
            (std::vector<std::vector<std::string>>{{"commerce"}, {"customer"}}));
  EXPECT_EQ(c.Rows("SHOW SHARDS"), (std::vector<std::vector<std::string>>{
                                       {"commerce/0"}, {"customer/-80"}, {"customer/80-"}}));
  auto tablets = c.Rows("SHOW TABLETS");
  ASSERT_EQ(tablets.size(), 3u) << c.error();
  for (const auto& row : tablets) {
    ASSERT_EQ(row.size(), 5u);
    EXPECT_EQ(row[3], "1") << row[0] << "/" << row[1] << ": " << row[4];
    EXPECT_EQ(row[2].rfind("127.0.0.1:", 0), 0u);
  }
  EXPECT_EQ(c.Rows("SHOW VSCHEMA TABLES"),
            (std::vector<std::vector<std::string>>{{"corder"}, {"customer"}}));
  auto plan = c.Rows("VEXPLAIN PLAN SELECT * FROM customer WHERE customer_id = 4");
  ASSERT_EQ(plan.size(), 1u) << c.error();
  EXPECT_NE(plan[0][0].find("EqualUnique"), std::string::npos) << plan[0][0];
  auto merged = c.Rows("VEXPLAIN PLAN SELECT email FROM customer ORDER BY email LIMIT 3");
  ASSERT_GE(merged.size(), 2u) << c.error();  // a merge above the scatter route
  EXPECT_FALSE(c.Exec("VEXPLAIN PLAN SELECT * FROM nosuch"));
  EXPECT_EQ(c.error_code(), 1146u) << c.error();
  Client none(cluster_->vtgate_port(), "app", "app");
  EXPECT_FALSE(none.Exec("SHOW VSCHEMA TABLES"));
  EXPECT_EQ(none.error_code(), 1046u) << none.error();
}

TEST_F(ClusterTest, SingleTransactionModeRefusesASecondShard) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  ASSERT_TRUE(c.Exec("SET transaction_mode = 'single'")) << c.error();
  // Two fresh ids, one per shard.
  vtgate::HashVindex hash;
  uint64_t low = 0, high = 0;
  for (uint64_t id = 7000; low == 0 || high == 0; ++id) {
    const bool in_low = static_cast<unsigned char>(hash.MapUint64(id)[0]) < 0x80;
    if (in_low && low == 0) low = id;
    if (!in_low && high == 0) high = id;
  }
  const std::string a = std::to_string(low), b = std::to_string(high);
  ASSERT_TRUE(c.Exec("BEGIN"));
  ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (" + a + ", 'single-a')"))
      << c.error();
  EXPECT_FALSE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (" + b + ", 'single-b')"));
  EXPECT_EQ(c.error_code(), 1105u);
  EXPECT_NE(c.error().find("transaction_mode single"), std::string::npos) << c.error();
  EXPECT_FALSE(c.Exec("SET transaction_mode = 'multi'"));  // not inside a transaction
  ASSERT_TRUE(c.Exec("COMMIT")) << c.error();
  EXPECT_EQ(c.Rows("SELECT email FROM customer WHERE customer_id = " + a)[0][0], "single-a");
  EXPECT_TRUE(c.Rows("SELECT email FROM customer WHERE customer_id = " + b).empty());
  // A scatter as the first statement is refused too, and nothing is left half done.
  ASSERT_TRUE(c.Exec("BEGIN"));
  EXPECT_FALSE(c.Exec("UPDATE customer SET email = 'everywhere'"));
  EXPECT_NE(c.error().find("transaction_mode single"), std::string::npos) << c.error();
  ASSERT_TRUE(c.Exec("ROLLBACK")) << c.error();
  EXPECT_TRUE(c.Rows("SELECT customer_id FROM customer WHERE email = 'everywhere'").empty());
  // Modes.
  EXPECT_FALSE(c.Exec("SET transaction_mode = 'bogus'"));
  EXPECT_EQ(c.error_code(), 1231u);
  ASSERT_TRUE(c.Exec("SET transaction_mode = 'multi'")) << c.error();
  ASSERT_TRUE(c.Exec("BEGIN"));
  ASSERT_TRUE(c.Exec("UPDATE customer SET email = 'multi-a' WHERE customer_id = " + a))
      << c.error();
  ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (" + b + ", 'multi-b')"))
      << c.error();
  ASSERT_TRUE(c.Exec("COMMIT")) << c.error();
  EXPECT_EQ(c.Rows("SELECT email FROM customer WHERE customer_id = " + b)[0][0], "multi-b");
  ASSERT_TRUE(c.Exec("DELETE FROM customer WHERE customer_id IN (" + a + "," + b + ")"))
      << c.error();
}

// Autocommit writes across shards: a multi-row INSERT that fails on one shard
// leaves no row on the other (one MariaDB undoes a failed statement whole),
// and transaction_mode single refuses multi-shard writes before sending any.
TEST_F(ClusterTest, AutocommitWritesAcrossShardsAreAllOrNothing) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  // Fresh ids: low[i] on shard -80, high[i] on shard 80-.
  vtgate::HashVindex hash;
  std::vector<std::string> low, high;
  for (uint64_t id = 7100; low.size() < 3 || high.size() < 3; ++id) {
    auto& side = static_cast<unsigned char>(hash.MapUint64(id)[0]) < 0x80 ? low : high;
    if (side.size() < 3) side.push_back(std::to_string(id));
  }
  auto insert = [](const std::string& x, const std::string& y, const std::string& email) {
    return "INSERT INTO customer (customer_id, email) VALUES (" + x + ", '" + email + "'), (" + y +
           ", '" + email + "')";
  };
  ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (" + high[0] + ", 'taken')"))
      << c.error();
  // low[0] would go to one shard, the duplicate high[0] fails on the other.
  EXPECT_FALSE(c.Exec(insert(low[0], high[0], "dup")));
  EXPECT_EQ(c.error_code(), 1062u) << c.error();
  EXPECT_TRUE(c.Rows("SELECT email FROM customer WHERE customer_id = " + low[0]).empty());
  EXPECT_EQ(c.Rows("SELECT email FROM customer WHERE customer_id = " + high[0])[0][0], "taken");
  // The session is not left in a transaction.
  EXPECT_EQ(c.Rows("SELECT @@in_transaction")[0][0], "0");
  ASSERT_TRUE(c.Exec(insert(low[1], high[1], "both"))) << c.error();
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM customer WHERE email = 'both'")[0][0], "2");

  ASSERT_TRUE(c.Exec("SET transaction_mode = 'single'")) << c.error();
  EXPECT_FALSE(c.Exec(insert(low[2], high[2], "s")));
  EXPECT_NE(c.error().find("transaction_mode single"), std::string::npos) << c.error();
  EXPECT_FALSE(c.Exec("UPDATE customer SET email = 'single-scatter'"));
  EXPECT_NE(c.error().find("transaction_mode single"), std::string::npos) << c.error();
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM customer WHERE email IN ('s', 'single-scatter')")[0][0],
            "0");
  // One shard, and reads across shards, still work.
  ASSERT_TRUE(c.Exec("UPDATE customer SET email = 'one' WHERE customer_id = " + low[1]))
      << c.error();
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM customer WHERE email IN ('one', 'both')")[0][0], "2");
  ASSERT_TRUE(c.Exec("SET transaction_mode = 'multi'")) << c.error();
  ASSERT_TRUE(c.Exec("DELETE FROM customer WHERE customer_id IN (" + high[0] + "," + low[1] + "," +
                     high[1] + ")"))
      << c.error();
}

// autocommit lives in vtgate (the shards' pooled connections keep theirs
// on): every way of reading it answers the session's own value.
TEST_F(ClusterTest, AutocommitReadsAsTheSessionSetIt) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  using Rows = std::vector<std::vector<std::string>>;
  EXPECT_EQ(c.Rows("SELECT @@autocommit"), (Rows{{"1"}})) << c.error();
  ASSERT_TRUE(c.Exec("SET autocommit = 0")) << c.error();
  EXPECT_EQ(c.Rows("SELECT @@autocommit, @@session.autocommit"), (Rows{{"0", "0"}})) << c.error();
  EXPECT_EQ(c.Rows("SHOW VARIABLES LIKE 'autocommit'"), (Rows{{"autocommit", "OFF"}})) << c.error();
  ASSERT_TRUE(c.Exec("SET autocommit = 1")) << c.error();
  EXPECT_EQ(c.Rows("SHOW SESSION VARIABLES LIKE 'autocommit'"), (Rows{{"autocommit", "ON"}}))
      << c.error();
  EXPECT_EQ(c.Rows("SELECT @@autocommit"), (Rows{{"1"}})) << c.error();
}

TEST_F(ClusterTest, SessionVariablesReachTheShardsOfThatSessionOnly) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  Client other(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected() && other.connected());
  const std::string server_default = other.Rows("SELECT @@sql_mode")[0][0];
  ASSERT_TRUE(c.Exec("SET SESSION sql_mode = 'STRICT_ALL_TABLES'")) << c.error();
  ASSERT_TRUE(c.Exec("SET time_zone = '+05:00'")) << c.error();
  EXPECT_EQ(c.Rows("SELECT @@sql_mode, @@time_zone"),
            (std::vector<std::vector<std::string>>{{"STRICT_ALL_TABLES", "+05:00"}}));
  // Every shard of a scatter runs under them.
  ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (777002, 'm')"))
      << c.error();
  auto modes = c.Rows("SELECT DISTINCT @@sql_mode FROM customer");
  EXPECT_EQ(modes, (std::vector<std::vector<std::string>>{{"STRICT_ALL_TABLES"}})) << c.error();
  EXPECT_EQ(other.Rows("SELECT @@sql_mode")[0][0], server_default);
  // Strict mode is MariaDB's own: a value too long is an error, not a warning.
  const std::string long_email(200, 'x');
  EXPECT_FALSE(
      c.Exec("INSERT INTO customer (customer_id, email) VALUES (777001, '" + long_email + "')"));
  EXPECT_EQ(c.error_code(), 1406u) << c.error();
  // Expressions are evaluated under the current settings; DEFAULT drops one.
  ASSERT_TRUE(c.Exec("SET sql_mode = CONCAT(@@sql_mode, ',NO_ZERO_DATE')")) << c.error();
  EXPECT_EQ(c.Rows("SELECT @@sql_mode")[0][0], "STRICT_ALL_TABLES,NO_ZERO_DATE");
  ASSERT_TRUE(c.Exec("SET sql_mode = DEFAULT")) << c.error();
  EXPECT_EQ(c.Rows("SELECT @@sql_mode")[0][0], server_default);
  EXPECT_EQ(c.Rows("SELECT @@time_zone")[0][0], "+05:00");
  // Bad settings get MariaDB's errors; global ones are refused.
  EXPECT_FALSE(c.Exec("SET sql_mode = 'NO_SUCH_MODE'"));
  EXPECT_EQ(c.error_code(), 1231u) << c.error();
  EXPECT_FALSE(c.Exec("SET no_such_variable = 1"));
  EXPECT_EQ(c.error_code(), 1193u) << c.error();
  EXPECT_FALSE(c.Exec("SET GLOBAL max_connections = 5"));
  EXPECT_EQ(c.error_code(), 1235u) << c.error();
  // Modes that change how statement text is read are refused, also when a
  // combination mode, a number or an expression turns them on, and leave
  // the session's mode as it was.
  ASSERT_TRUE(c.Exec("SET sql_mode = 'STRICT_ALL_TABLES'")) << c.error();
  const std::pair<const char*, const char*> refused[] = {
      {"'NO_BACKSLASH_ESCAPES'", "NO_BACKSLASH_ESCAPES"},
      {"'ANSI'", "ANSI_QUOTES"},
      {"'ORACLE'", "ORACLE"},
      {"4", "ANSI_QUOTES"},
      {"CONCAT(@@sql_mode, ',PIPES_AS_CONCAT')", "PIPES_AS_CONCAT"},
      {"'HIGH_NOT_PRECEDENCE'", "HIGH_NOT_PRECEDENCE"},
  };
  for (const auto& [value, flag] : refused) {
    EXPECT_FALSE(c.Exec(std::string("SET sql_mode = ") + value)) << value;
    EXPECT_EQ(c.error_code(), 1235u) << value << ": " << c.error();
    EXPECT_EQ(c.error().rfind("unsupported: sql_mode ", 0), 0u) << value << ": " << c.error();
    EXPECT_NE(c.error().find(flag), std::string::npos) << value << ": " << c.error();
  }
  EXPECT_EQ(c.Rows("SELECT @@sql_mode")[0][0], "STRICT_ALL_TABLES");
  EXPECT_EQ(c.Rows("SELECT DISTINCT @@sql_mode FROM customer"),
            (std::vector<std::vector<std::string>>{{"STRICT_ALL_TABLES"}}));
  ASSERT_TRUE(c.Exec("SET sql_mode = 'TRADITIONAL,REAL_AS_FLOAT'")) << c.error();
  ASSERT_TRUE(c.Exec("SET sql_mode = DEFAULT")) << c.error();
  // The session keeps working, and tablet commands are not wrapped.
  EXPECT_EQ(c.Rows("SELECT @@time_zone")[0][0], "+05:00");
  EXPECT_TRUE(c.Exec("SHOW MIGRATIONS")) << c.error();
  ASSERT_TRUE(c.Exec("DELETE FROM customer WHERE customer_id = 777002")) << c.error();
}

TEST_F(ClusterTest, UserVariablesLiveInTheSession) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  Client other(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected() && other.connected());
  ASSERT_TRUE(c.Exec("SET @a = 5, @b = 'it''s'")) << c.error();
  ASSERT_TRUE(c.Exec("SET @id = @a * 155601")) << c.error();  // 778005, an id no test uses
  auto shown = c.Rows("SELECT @a, @b, @nothing, @a + 1");
  ASSERT_EQ(shown.size(), 1u) << c.error();
  EXPECT_EQ(shown[0], (std::vector<std::string>{"5", "it's", "NULL", "6"}));
  EXPECT_EQ(other.Rows("SELECT @a")[0][0], "NULL");
  // Used in DML and WHERE, routed by their values.
  ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (@id, @b)")) << c.error();
  EXPECT_EQ(c.Rows("SELECT email FROM customer WHERE customer_id = @id")[0][0], "it's");
  EXPECT_EQ(c.Rows("SELECT @id")[0][0], "778005");
  // mysqldump's save-and-restore of settings.
  const std::string before = c.Rows("SELECT @@sql_mode")[0][0];
  ASSERT_TRUE(c.Exec("SET @OLD_SQL_MODE = @@SQL_MODE")) << c.error();
  ASSERT_TRUE(c.Exec("SET SQL_MODE = 'NO_AUTO_VALUE_ON_ZERO'")) << c.error();
  EXPECT_EQ(c.Rows("SELECT @@sql_mode")[0][0], "NO_AUTO_VALUE_ON_ZERO");
  ASSERT_TRUE(c.Exec("SET SQL_MODE = @OLD_SQL_MODE")) << c.error();
  EXPECT_EQ(c.Rows("SELECT @@sql_mode")[0][0], before);
  // A subquery cannot be answered by one shard: refused, not guessed.
  EXPECT_FALSE(c.Exec("SET @n = (SELECT COUNT(*) FROM customer)"));
  EXPECT_EQ(c.error_code(), 1235u) << c.error();
  ASSERT_TRUE(c.Exec("DELETE FROM customer WHERE customer_id = @id")) << c.error();
  EXPECT_TRUE(c.Rows("SELECT email FROM customer WHERE customer_id = 778005").empty());
}

// FOUND_ROWS() and ROW_COUNT() are the session's, as on one MariaDB: the
// shards' pooled connections know nothing of the client's last statement.
TEST_F(ClusterTest, FoundRowsAndRowCountAreTheSessions) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected()) << c.error();
  auto value = [&](const std::string& sql) {
    auto rows = c.Rows(sql);
    EXPECT_EQ(rows.size(), 1u) << sql << ": " << c.error();
    return rows.empty() ? std::string("?") : rows[0][0];
  };
  ASSERT_TRUE(
      c.Exec("INSERT INTO customer (customer_id, email) VALUES (6001, 'a'), (6002, 'b'), "
             "(6003, 'c')"))
      << c.error();
  EXPECT_EQ(value("SELECT ROW_COUNT()"), "3");
  // The statement that asked returned a result set: -1 now.
  EXPECT_EQ(value("SELECT ROW_COUNT()"), "-1");
  ASSERT_TRUE(c.Exec("UPDATE customer SET email = 'z' WHERE customer_id BETWEEN 6001 AND 6002"))
      << c.error();
  auto named = c.Rows("SELECT ROW_COUNT(), ROW_COUNT() + 1 AS next");
  ASSERT_EQ(named.size(), 1u) << c.error();
  EXPECT_EQ(named[0], (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(
      c.Rows("SELECT customer_id FROM customer WHERE customer_id BETWEEN 6001 AND 6003").size(),
      3u);
  EXPECT_EQ(value("SELECT FOUND_ROWS()"), "3");
  EXPECT_EQ(value("SELECT FOUND_ROWS()"), "1");
  // The column keeps the call's name.
  ASSERT_EQ(mysql_real_query(c.get(), "SELECT FOUND_ROWS()", 19), 0) << c.error();
  MYSQL_RES* res = mysql_store_result(c.get());
  ASSERT_NE(res, nullptr);
  EXPECT_STREQ(mysql_fetch_field_direct(res, 0)->name, "FOUND_ROWS()");
  mysql_free_result(res);
  // Without LIMIT, SQL_CALC_FOUND_ROWS changes nothing; with one, vtgate
  // cannot know the count and says so rather than answer wrongly.
  EXPECT_EQ(c.Rows("SELECT SQL_CALC_FOUND_ROWS customer_id FROM customer WHERE customer_id "
                   "BETWEEN 6001 AND 6003")
                .size(),
            3u);
  EXPECT_EQ(value("SELECT FOUND_ROWS()"), "3");
  EXPECT_EQ(c.Rows("SELECT SQL_CALC_FOUND_ROWS customer_id FROM customer WHERE customer_id = "
                   "6001 LIMIT 1")
                .size(),
            1u);
  EXPECT_FALSE(c.Exec("SELECT FOUND_ROWS()"));
  EXPECT_EQ(c.error_code(), 1235u) << c.error();
  // An error leaves -1.
  EXPECT_FALSE(c.Exec("SELECT nope FROM customer"));
  EXPECT_EQ(value("SELECT ROW_COUNT()"), "-1");
  ASSERT_TRUE(c.Exec("DELETE FROM customer WHERE customer_id BETWEEN 6001 AND 6003")) << c.error();
  ASSERT_TRUE(c.Exec("SET @deleted = ROW_COUNT()")) << c.error();
  EXPECT_EQ(value("SELECT @deleted"), "3");
}

TEST_F(ClusterTest, SavepointsSpanShardsThatJoinLater) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected());
  vtgate::HashVindex hash;
  std::vector<std::string> low, high;  // fresh ids on -80 and 80-
  for (uint64_t id = 8100; low.size() < 2 || high.size() < 2; ++id) {
    auto& side = static_cast<unsigned char>(hash.MapUint64(id)[0]) < 0x80 ? low : high;
    if (side.size() < 2) side.push_back(std::to_string(id));
  }
  auto insert = [&](const std::string& id) {
    return c.Exec("INSERT INTO customer (customer_id, email) VALUES (" + id + ", 'sp')");
  };
  EXPECT_TRUE(c.Exec("SAVEPOINT outside"));  // accepted and forgotten, as in MariaDB
  ASSERT_TRUE(c.Exec("BEGIN"));
  ASSERT_TRUE(insert(low[0])) << c.error();
  ASSERT_TRUE(c.Exec("SAVEPOINT a")) << c.error();
  ASSERT_TRUE(insert(low[1])) << c.error();
  ASSERT_TRUE(insert(high[0])) << c.error();  // 80- joins after the savepoint
  ASSERT_TRUE(c.Exec("SAVEPOINT b")) << c.error();
  ASSERT_TRUE(insert(high[1])) << c.error();
  ASSERT_TRUE(c.Exec("ROLLBACK TO SAVEPOINT b")) << c.error();
  EXPECT_EQ(c.Rows("SELECT COUNT(*) FROM customer WHERE email = 'sp'")[0][0], "3");
  ASSERT_TRUE(c.Exec("ROLLBACK TO SAVEPOINT a")) << c.error();
  EXPECT_FALSE(c.Exec("ROLLBACK TO SAVEPOINT b"));  // later savepoints are gone
  EXPECT_EQ(c.error_code(), 1305u) << c.error();
  ASSERT_TRUE(c.Exec("RELEASE SAVEPOINT a")) << c.error();
  ASSERT_TRUE(c.Exec("COMMIT")) << c.error();
  EXPECT_EQ(c.Rows("SELECT customer_id FROM customer WHERE email = 'sp'"),
            (std::vector<std::vector<std::string>>{{low[0]}}));
  EXPECT_FALSE(c.Exec("RELEASE SAVEPOINT a"));
  EXPECT_EQ(c.error_code(), 1305u);
  // LOCK TABLES is refused with a pointer; UNLOCK TABLES and DISABLE KEYS are harmless.
  EXPECT_FALSE(c.Exec("LOCK TABLES customer READ"));
  EXPECT_EQ(c.error_code(), 1235u);
  EXPECT_NE(c.error().find("--single-transaction"), std::string::npos) << c.error();
  EXPECT_TRUE(c.Exec("UNLOCK TABLES")) << c.error();
  EXPECT_TRUE(c.Exec("/*!40000 ALTER TABLE `customer` DISABLE KEYS */")) << c.error();
  ASSERT_TRUE(c.Exec("DELETE FROM customer WHERE email = 'sp'")) << c.error();
}

// mariadb-dump of a sharded keyspace through vtgate, restored through vtgate
// into the unsharded keyspace: same rows.
TEST_F(ClusterTest, DumpThroughVtgateRestoresElsewhere) {
  Client c(cluster_->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(
      c.Exec("INSERT INTO corder (order_id, customer_id, sku, price) VALUES "
             "(9101, 1, 'it''s', 10), (9102, 4, NULL, 20), (9103, 7, 'ünï', -3)"))
      << c.error();
  const std::string port = std::to_string(cluster_->vtgate_port());
  const std::string dump_file = "/tmp/tessera-dump-" + port + ".sql";
  auto run = [](const std::string& cmd) {
    FILE* pipe = popen((cmd + " 2>&1").c_str(), "r");
    std::string output;
    char buf[512];
    while (pipe != nullptr && fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
    int status = pipe == nullptr ? -1 : pclose(pipe);
    return std::make_pair(status, output);
  };
  auto dumped = run("mariadb-dump -h127.0.0.1 -P" + port +
                    " -uapp -papp --single-transaction --skip-add-locks --complete-insert "
                    "customer corder > " +
                    dump_file);
  ASSERT_EQ(dumped.first, 0) << dumped.second;
  auto restored = run("mariadb -h127.0.0.1 -P" + port + " -uapp -papp commerce < " + dump_file);
  ASSERT_EQ(restored.first, 0) << restored.second;
  std::remove(dump_file.c_str());
  const std::string checksum =
      "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', order_id, customer_id, IFNULL(sku, 'NULL'), "
      "price))) FROM ";
  auto source = c.Rows(checksum + "customer.corder");
  auto copy = c.Rows(checksum + "commerce.corder");
  ASSERT_EQ(source.size(), 1u) << c.error();
  EXPECT_GE(std::stol(source[0][0]), 3);
  EXPECT_EQ(source, copy);
  EXPECT_EQ(c.Rows("SELECT sku FROM commerce.corder WHERE order_id = 9103")[0][0], "ünï");
  ASSERT_TRUE(c.Exec("DELETE FROM corder WHERE order_id IN (9101, 9102, 9103)")) << c.error();
}

// vtgate --query-timeout-ms gives every session a default query_timeout.
TEST(QueryTimeoutFlagTest, EverySessionStartsWithTheDefault) {
  TestCluster::ConfigExtras extras;
  extras.vtgate_flags = {"--query-timeout-ms", "200"};
  auto cluster = TestCluster::Start(ExampleKeyspaces(), false, extras);
  ASSERT_TRUE(cluster.ok()) << cluster.error().message;
  Client c((*cluster)->vtgate_port(), "app", "app", "customer");
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.Exec("INSERT INTO customer (customer_id, email) VALUES (1, 'a@x')"));
  EXPECT_FALSE(c.Exec("SELECT SLEEP(3) FROM customer WHERE customer_id = 1"));
  EXPECT_EQ(c.error_code(), 1969u) << c.error();
  // A session can lift it.
  ASSERT_TRUE(c.Exec("SET query_timeout = 0")) << c.error();
  EXPECT_TRUE(c.Exec("SELECT SLEEP(0.3) FROM customer WHERE customer_id = 1")) << c.error();
}

}  // namespace
}  // namespace tessera::testing
