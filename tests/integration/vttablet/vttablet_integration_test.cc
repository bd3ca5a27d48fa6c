// The real vttablet binary against a real, private MariaDB server, driven
// through TabletClient: DDL, DML, types and NULLs, MariaDB errors passed
// through unchanged, transactions, health counters.
#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "cli/local/mariadb_instance.h"
#include "cli/local/net_probe.h"
#include "cli/local/process.h"
#include "cli/local/temp_dir.h"
#include "tests/integration/support/started_mariadb.h"
#include "vtgate/gateway/tablet_client.h"

namespace tessera {
namespace {

namespace asio = boost::asio;

rpc::ExecuteRequest Req(std::string sql, uint64_t transaction_id = 0, bool begin = false) {
  rpc::ExecuteRequest request;
  request.database = "vt_it";
  request.sql = std::move(sql);
  request.transaction_id = transaction_id;
  request.begin = begin;
  return request;
}

class VttabletIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<local::TempDir>("tessera-vttablet-it-");
    local::MariaDbInstanceOptions options;
    options.data_dir = dir_->Sub("mariadb");
    auto db = testing_support::StartMariaDb(options);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db).value();
    auto port = local::PickFreePort();
    ASSERT_TRUE(port.ok());
    tablet_port_ = port.value();
    auto login = db_->Login();
    auto pid = local::SpawnDetached(
        {TESSERA_VTTABLET_BINARY, "--port", std::to_string(tablet_port_), "--mariadb-host",
         login.host, "--mariadb-port", std::to_string(login.port), "--mariadb-user", login.user,
         "--mariadb-password", login.password, "--keyspace", "it", "--shard", "0", "--pool-size",
         "4", "--transaction-timeout-ms", "1500"},
        dir_->Sub("vttablet.log"));
    ASSERT_TRUE(pid.ok()) << pid.error().message;
    tablet_pid_ = pid.value();
  }

  static void TearDownTestSuite() {
    if (tablet_pid_ > 0) {
      Status stopped = local::StopProcess(tablet_pid_, std::chrono::seconds(5));
      EXPECT_TRUE(stopped.ok());
    }
    if (db_) {
      EXPECT_TRUE(db_->Stop().ok());
    }
    db_.reset();
    dir_.reset();
  }

  void SetUp() override {
    client_ = std::make_unique<vtgate::TabletClient>(io_, "127.0.0.1", tablet_port_, "it/0");
  }

  template <class T>
  T Run(asio::awaitable<T> work) {
    std::optional<T> out;
    asio::co_spawn(
        io_, [&]() -> asio::awaitable<void> { out.emplace(co_await std::move(work)); },
        asio::detached);
    while (!out) {
      if (io_.stopped()) io_.restart();  // it stops whenever it runs out of work
      io_.run_one_for(std::chrono::milliseconds(50));
    }
    return std::move(*out);
  }

  rpc::ExecuteResponse Exec(rpc::ExecuteRequest request) {
    return Run(client_->Execute(std::move(request)));
  }

  // Waits until the tablet answers health with serving=true.
  void WaitServing() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      auto health = Run(client_->Health());
      if (health.ok() && health->serving) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "vttablet did not become serving: " << local::FileTail(dir_->Sub("vttablet.log"));
  }

  static inline std::unique_ptr<local::TempDir> dir_;
  static inline std::unique_ptr<local::MariaDbInstance> db_;
  static inline uint16_t tablet_port_ = 0;
  static inline pid_t tablet_pid_ = -1;

  asio::io_context io_;
  std::unique_ptr<vtgate::TabletClient> client_;
};

TEST_F(VttabletIntegrationTest, StatementsTypesErrorsAndTransactions) {
  WaitServing();
  rpc::ExecuteRequest create_db;
  create_db.sql = "CREATE DATABASE IF NOT EXISTS vt_it";
  auto created = Exec(create_db);
  ASSERT_TRUE(created.result.ok()) << created.result.error().message;

  auto table =
      Exec(Req("CREATE TABLE t (id BIGINT UNSIGNED NOT NULL PRIMARY KEY, name VARCHAR(100), "
               "price DECIMAL(10,2), created DATETIME, data VARBINARY(16)) ENGINE=InnoDB"));
  ASSERT_TRUE(table.result.ok()) << table.result.error().message;

  auto inserted =
      Exec(Req("INSERT INTO t VALUES (1, 'alice', 1.50, '2024-01-02 03:04:05', x'00ff'), "
               "(2, NULL, NULL, NULL, NULL)"));
  ASSERT_TRUE(inserted.result.ok()) << inserted.result.error().message;
  EXPECT_EQ(inserted.result.value().affected_rows, 2u);
  EXPECT_FALSE(inserted.result.value().has_rows());

  auto selected = Exec(Req("SELECT id, name AS n, price, created, data FROM t ORDER BY id"));
  ASSERT_TRUE(selected.result.ok()) << selected.result.error().message;
  const ResultSet& rs = selected.result.value();
  ASSERT_EQ(rs.fields.size(), 5u);
  EXPECT_EQ(rs.fields[0].name, "id");
  EXPECT_EQ(rs.fields[0].table, "t");
  EXPECT_EQ(rs.fields[0].database, "vt_it");
  EXPECT_EQ(rs.fields[0].type, FieldType::kLongLong);
  EXPECT_TRUE(rs.fields[0].flags & field_flag::kPrimaryKey);
  EXPECT_TRUE(rs.fields[0].flags & field_flag::kUnsigned);
  EXPECT_EQ(rs.fields[1].name, "n");
  EXPECT_EQ(rs.fields[1].org_name, "name");
  EXPECT_EQ(rs.fields[1].type, FieldType::kVarString);
  EXPECT_EQ(rs.fields[1].charset, kCharsetUtf8mb4GeneralCi);
  EXPECT_EQ(rs.fields[2].type, FieldType::kNewDecimal);
  EXPECT_EQ(rs.fields[2].decimals, 2);
  EXPECT_EQ(rs.fields[3].type, FieldType::kDateTime);
  EXPECT_EQ(rs.fields[4].charset, kCharsetBinary);
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(rs.rows[0][0], "1");
  EXPECT_EQ(rs.rows[0][1], "alice");
  EXPECT_EQ(rs.rows[0][2], "1.50");
  EXPECT_EQ(rs.rows[0][3], "2024-01-02 03:04:05");
  EXPECT_EQ(rs.rows[0][4], std::string("\x00\xff", 2));
  for (size_t i = 1; i < 5; ++i) EXPECT_FALSE(rs.rows[1][i].has_value()) << i;

  auto duplicate = Exec(Req("INSERT INTO t (id) VALUES (1)"));
  ASSERT_FALSE(duplicate.result.ok());
  EXPECT_EQ(duplicate.result.error().code, 1062);
  EXPECT_EQ(duplicate.result.error().sql_state, "23000");

  auto missing = Exec(Req("SELECT * FROM no_such_table"));
  ASSERT_FALSE(missing.result.ok());
  EXPECT_EQ(missing.result.error().code, 1146);
  EXPECT_EQ(missing.result.error().sql_state, "42S02");

  rpc::ExecuteRequest limited = Req("SELECT id FROM t");
  limited.max_rows = 1;
  EXPECT_FALSE(Exec(limited).result.ok());

  // begin + insert + rollback leaves no row.
  auto begun = Exec(Req("INSERT INTO t (id) VALUES (10)", 0, true));
  ASSERT_TRUE(begun.result.ok()) << begun.result.error().message;
  ASSERT_NE(begun.transaction_id, 0u);
  EXPECT_EQ(Run(client_->Health())->transactions_open, 1u);
  EXPECT_TRUE(Run(client_->Rollback(begun.transaction_id)).ok());
  EXPECT_TRUE(Exec(Req("SELECT id FROM t WHERE id = 10")).result.value().rows.empty());
  EXPECT_FALSE(Exec(Req("SELECT 1", begun.transaction_id)).result.ok());

  // begin + insert + commit keeps it.
  auto second = Exec(Req("", 0, true));
  ASSERT_TRUE(second.result.ok());
  auto in_tx = Exec(Req("INSERT INTO t (id) VALUES (11)", second.transaction_id));
  ASSERT_TRUE(in_tx.result.ok()) << in_tx.result.error().message;
  EXPECT_EQ(in_tx.transaction_id, second.transaction_id);
  EXPECT_TRUE(Run(client_->Commit(second.transaction_id)).ok());
  EXPECT_EQ(Exec(Req("SELECT id FROM t WHERE id = 11")).result.value().rows.size(), 1u);
  EXPECT_FALSE(Run(client_->Commit(second.transaction_id)).ok());

  // An idle transaction is rolled back by the tablet and its id says so.
  auto idle = Exec(Req("INSERT INTO t (id) VALUES (12)", 0, true));
  ASSERT_TRUE(idle.result.ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  auto late = Exec(Req("SELECT 1", idle.transaction_id));
  ASSERT_FALSE(late.result.ok());
  EXPECT_NE(late.result.error().message.find("idle"), std::string::npos)
      << late.result.error().message;
  EXPECT_TRUE(Exec(Req("SELECT id FROM t WHERE id = 12")).result.value().rows.empty());

  auto before = Run(client_->Health());
  Exec(Req("SELECT 1"));
  auto after = Run(client_->Health());
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(after->queries_executed, before->queries_executed + 1);
  EXPECT_EQ(after->transactions_open, 0u);
}

// A tablet reaches MariaDB over its Unix socket when given one, and a socket
// path where no server listens leaves it not serving, with a message naming
// the path.
TEST_F(VttabletIntegrationTest, ReachesMariaDbOverItsUnixSocket) {
  auto login = db_->Login();
  auto ports = local::PickFreePorts(2);
  ASSERT_TRUE(ports.ok());
  const std::string missing = dir_->Sub("no-server.sock");
  struct Case {
    std::string socket;
    bool serving;
    uint16_t port;
  };
  for (const Case& c :
       {Case{db_->SocketPath(), true, (*ports)[0]}, Case{missing, false, (*ports)[1]}}) {
    SCOPED_TRACE(c.socket);
    // The TCP port is wrong on purpose: only the socket can work.
    auto pid = local::SpawnDetached(
        {TESSERA_VTTABLET_BINARY, "--port", std::to_string(c.port), "--mariadb-host", login.host,
         "--mariadb-port", "1", "--mariadb-socket", c.socket, "--mariadb-user", login.user,
         "--mariadb-password", login.password, "--keyspace", "it", "--shard", "0"},
        dir_->Sub("vttablet-socket.log"));
    ASSERT_TRUE(pid.ok()) << pid.error().message;
    vtgate::TabletClient client(io_, "127.0.0.1", c.port, "it/0");
    std::optional<rpc::HealthResponse> last;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      auto health = Run(client.Health());
      if (health.ok()) {
        last = *health;
        if (health->serving == c.serving && (c.serving || !health->message.empty())) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(last.has_value()) << local::FileTail(dir_->Sub("vttablet-socket.log"));
    EXPECT_EQ(last->serving, c.serving) << last->message;
    if (c.serving) {
      rpc::ExecuteRequest request;
      request.sql = "SELECT @@socket";
      auto response = Run(client.Execute(request));
      ASSERT_TRUE(response.result.ok()) << response.result.error().message;
      EXPECT_EQ(response.result.value().rows.at(0).at(0).value_or(""), c.socket);
    } else {
      EXPECT_NE(last->message.find(missing), std::string::npos) << last->message;
    }
    EXPECT_TRUE(local::StopProcess(*pid, std::chrono::seconds(5)).ok());
  }
}

}  // namespace
}  // namespace tessera
