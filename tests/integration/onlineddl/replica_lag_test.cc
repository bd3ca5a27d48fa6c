// Online DDL throttling on replica lag, end to end: a real primary MariaDB
// with a real MariaDB replica (file/position replication), and the real
// vttablet binary checking that replica (--throttle-replicas), driven with the
// tablet's MIGRATION commands over the tablet RPC.
//
// The replica's lag is made by stopping its SQL thread: the migration's
// heartbeat (changelog table `<table>_<tag>_ghc`) stops advancing there, so
// the copy must pause with "throttled: replica <host:port> lags <n> s", and
// go on once the SQL thread runs again.
#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "cli/local/mariadb_client.h"
#include "cli/local/mariadb_instance.h"
#include "cli/local/net_probe.h"
#include "cli/local/process.h"
#include "cli/local/temp_dir.h"
#include "vtgate/gateway/tablet_client.h"

namespace tessera {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Rows = std::vector<std::vector<std::optional<std::string>>>;

constexpr const char* kDb = "vt_lag";
constexpr int kRows = 200000;

class ReplicaLagTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<local::TempDir>("tessera-replica-lag-it-");
    for (auto [db, name, server_id] :
         {std::tuple{&primary_, "primary", 81u}, std::tuple{&replica_, "replica", 82u}}) {
      local::MariaDbInstanceOptions options;
      options.data_dir = dir_->Sub(name);
      options.server_id = server_id;
      *db = std::make_unique<local::MariaDbInstance>(options);
      Status initialized = (*db)->Initialize();
      ASSERT_TRUE(initialized.ok()) << initialized.error().message;
      Status started = (*db)->Start();
      ASSERT_TRUE(started.ok()) << started.error().message;
    }
    // The replica follows the primary from its current binlog position.
    auto primary = Client(*primary_);
    auto replica = Client(*replica_);
    ASSERT_TRUE(primary && replica);
    auto position = primary->Query("SHOW MASTER STATUS");
    ASSERT_TRUE(position.ok() && !position.value().empty());
    auto login = primary_->Login();
    std::string change =
        "CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + std::to_string(login.port) +
        ", MASTER_USER = '" + login.user + "', MASTER_PASSWORD = '" + login.password +
        "', MASTER_LOG_FILE = '" + position.value()[0][0].value_or("") +
        "', MASTER_LOG_POS = " + position.value()[0][1].value_or("4") +
        ", MASTER_CONNECT_RETRY = 1";
    Status changed = replica->Execute(change);
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    ASSERT_TRUE(replica->Execute("START SLAVE").ok());
    auto deadline = std::chrono::steady_clock::now() + seconds(30);
    std::string running;
    while (std::chrono::steady_clock::now() < deadline) {
      auto status = replica->Query("SHOW GLOBAL STATUS LIKE 'Slave_running'");
      running = status.ok() && !status.value().empty() ? status.value()[0][1].value_or("") : "";
      if (running == "ON") break;
      std::this_thread::sleep_for(milliseconds(100));
    }
    ASSERT_EQ(running, "ON") << local::FileTail(replica_->error_log_path());
    ASSERT_TRUE(primary->Execute(std::string("CREATE DATABASE IF NOT EXISTS ") + kDb).ok());
    ASSERT_TRUE(WaitForReplica());
    auto port = local::PickFreePort();
    ASSERT_TRUE(port.ok());
    tablet_port_ = port.value();
  }

  static void TearDownTestSuite() {
    StopTablet();
    for (auto* db : {&replica_, &primary_}) {
      if (*db) {
        EXPECT_TRUE((*db)->Stop().ok());
      }
      db->reset();
    }
    dir_.reset();
  }

  static std::unique_ptr<local::MariaDbClient> Client(const local::MariaDbInstance& db,
                                                      const std::string& database = "") {
    auto login = db.Login();
    login.database = database;
    auto client = local::MariaDbClient::Connect(login);
    EXPECT_TRUE(client.ok()) << client.error().message;
    return client.ok() ? std::move(client).value() : nullptr;
  }

  // Starts the tablet against the primary, checking `replicas`.
  static void StartTablet(const std::string& replicas) {
    auto login = primary_->Login();
    std::vector<std::string> argv = {TESSERA_VTTABLET_BINARY,
                                     "--port",
                                     std::to_string(tablet_port_),
                                     "--mariadb-host",
                                     login.host,
                                     "--mariadb-port",
                                     std::to_string(login.port),
                                     "--mariadb-user",
                                     login.user,
                                     "--mariadb-password",
                                     login.password,
                                     "--keyspace",
                                     "lag",
                                     "--shard",
                                     "0",
                                     "--pool-size",
                                     "2",
                                     "--throttle-replicas",
                                     replicas,
                                     "--throttle-max-replica-lag-ms",
                                     "1000",
                                     "--log-level",
                                     "debug"};
    auto pid = local::SpawnDetached(argv, dir_->Sub("vttablet.log"));
    ASSERT_TRUE(pid.ok()) << pid.error().message;
    tablet_pid_ = pid.value();
  }

  static void StopTablet() {
    if (tablet_pid_ > 0) {
      EXPECT_TRUE(local::StopProcess(tablet_pid_, seconds(10)).ok());
    }
    tablet_pid_ = -1;
  }

  static std::string ReplicaAddress() { return "127.0.0.1:" + std::to_string(replica_->port()); }

  // Waits until the replica has applied everything the primary logged so far.
  static bool WaitForReplica(seconds timeout = seconds(120)) {
    auto primary = Client(*primary_);
    auto replica = Client(*replica_);
    if (!primary || !replica) return false;
    auto position = primary->Query("SHOW MASTER STATUS");
    if (!position.ok() || position.value().empty()) return false;
    auto waited = replica->Query("SELECT MASTER_POS_WAIT('" + position.value()[0][0].value_or("") +
                                 "', " + position.value()[0][1].value_or("0") + ", " +
                                 std::to_string(timeout.count()) + ")");
    bool ok = waited.ok() && !waited.value().empty() && waited.value()[0][0] &&
              std::atoll(waited.value()[0][0]->c_str()) >= 0;
    EXPECT_TRUE(ok) << "the replica did not catch up: "
                    << local::FileTail(replica_->error_log_path());
    return ok;
  }

  void SetUp() override {
    sql_ = Client(*primary_, kDb);
    ASSERT_NE(sql_, nullptr);
    replica_sql_ = Client(*replica_, kDb);
    ASSERT_NE(replica_sql_, nullptr);
  }

  void TearDown() override {
    // Whatever a test did to the replica, the next one finds it replicating
    // without delay.
    if (!replica_sql_) return;
    (void)replica_sql_->Execute("STOP SLAVE");
    (void)replica_sql_->Execute("CHANGE MASTER TO MASTER_DELAY = 0");
    (void)replica_sql_->Execute("START SLAVE");
  }

  template <class T>
  T Run(asio::awaitable<T> work) {
    std::optional<T> out;
    asio::co_spawn(
        io_, [&]() -> asio::awaitable<void> { out.emplace(co_await std::move(work)); },
        asio::detached);
    while (!out) {
      if (io_.stopped()) io_.restart();
      io_.run_one_for(milliseconds(50));
    }
    return std::move(*out);
  }

  // A MIGRATION command to the tablet, waiting for a tablet still starting.
  Result<ResultSet> Tablet(const std::string& sql) {
    auto deadline = std::chrono::steady_clock::now() + seconds(30);
    for (;;) {
      vtgate::TabletClient client(io_, "127.0.0.1", tablet_port_, "lag/0");
      rpc::ExecuteRequest request;
      request.database = kDb;
      request.sql = sql;
      auto response = Run(client.Execute(request));
      bool unavailable = !response.result.ok() && response.result.error().message.find(
                                                      "is unavailable") != std::string::npos;
      if (!unavailable || std::chrono::steady_clock::now() > deadline)
        return std::move(response.result);
      std::this_thread::sleep_for(milliseconds(200));
    }
  }

  void Command(const std::string& sql) {
    auto done = Tablet(sql);
    ASSERT_TRUE(done.ok()) << sql << ": " << done.error().message;
  }

  std::map<std::string, std::string> Show(const std::string& uuid) {
    auto shown = Tablet("MIGRATION SHOW '" + uuid + "'");
    EXPECT_TRUE(shown.ok()) << (shown.ok() ? "" : shown.error().message);
    std::map<std::string, std::string> out;
    if (!shown.ok() || shown.value().rows.empty()) return out;
    for (size_t i = 0; i < shown.value().fields.size(); ++i)
      out[shown.value().fields[i].name] = shown.value().rows[0][i].value_or("NULL");
    return out;
  }

  // Polls the migration until `done` holds for its SHOW row; returns the
  // last row (and a failure with the tablet's log after `timeout`).
  template <class Predicate>
  std::map<std::string, std::string> Await(const std::string& uuid, Predicate done,
                                           const std::string& what,
                                           seconds timeout = seconds(120)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::map<std::string, std::string> row;
    while (std::chrono::steady_clock::now() < deadline) {
      row = Show(uuid);
      if (done(row)) return row;
      if (row["state"] == "failed") break;
      std::this_thread::sleep_for(milliseconds(50));
    }
    ADD_FAILURE() << "migration " << uuid << " never " << what << "; it is " << row["state"] << ": "
                  << row["message"] << "\n"
                  << local::FileTail(dir_->Sub("vttablet.log"), 40);
    return row;
  }

  std::map<std::string, std::string> AwaitState(const std::string& uuid, const std::string& state) {
    return Await(
        uuid, [&](auto& row) { return row["state"] == state; }, "became " + state);
  }

  static Rows Query(local::MariaDbClient& client, const std::string& sql) {
    auto rows = client.Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << (rows.ok() ? "" : rows.error().message);
    return rows.ok() ? rows.value() : Rows{};
  }

  void Exec(const std::string& sql) {
    Status s = sql_->Execute(sql);
    ASSERT_TRUE(s.ok()) << sql << ": " << s.error().message;
  }

  // `table` with kRows rows, and `table`_shadow with the same rows; writes
  // during the migration go to both, so they must match afterwards.
  void CreateTables(const std::string& table) {
    Exec("DROP TABLE IF EXISTS " + table);
    Exec("DROP TABLE IF EXISTS " + table + "_shadow");
    Exec("CREATE TABLE " + table +
         " (id INT NOT NULL PRIMARY KEY, a INT NOT NULL, b VARCHAR(64)) ENGINE=InnoDB");
    Exec("CREATE TABLE " + table + "_shadow LIKE " + table);
    Exec("INSERT INTO " + table + " SELECT seq, seq % 1000, CONCAT('row-', seq) FROM seq_1_to_" +
         std::to_string(kRows));
    Exec("INSERT INTO " + table + "_shadow SELECT * FROM " + table);
  }

  // The same change to a table and its shadow, in one transaction.
  void WriteBoth(const std::string& table, int i) {
    const std::string id = std::to_string(i);
    Exec("BEGIN");
    for (const std::string& t : {table, table + "_shadow"}) {
      Exec("UPDATE " + t + " SET a = a + 1, b = CONCAT(b, '-u') WHERE id = " + id);
      Exec("INSERT INTO " + t + " VALUES (" + std::to_string(kRows + i) + ", " + id + ", 'new')");
      Exec("DELETE FROM " + t + " WHERE id = " + std::to_string(kRows / 2 + i));
    }
    Exec("COMMIT");
  }

  static std::string Checksum(local::MariaDbClient& client, const std::string& table) {
    auto rows =
        Query(client, "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, a, b))) FROM " + table);
    if (rows.empty()) return "?";
    return rows[0][0].value_or("NULL") + "/" + rows[0][1].value_or("NULL");
  }

  static bool TableExists(local::MariaDbClient& client, const std::string& table) {
    return !Query(client, "SHOW TABLES LIKE '" + table + "'").empty();
  }

  // The lag in a "throttled: replica H:P lags 3.2 s" message; -1 if none.
  static double LagIn(const std::string& message) {
    const std::string mark = "throttled: replica " + ReplicaAddress() + " lags ";
    if (!message.starts_with(mark)) return -1;
    return std::strtod(message.c_str() + mark.size(), nullptr);
  }

  static inline std::unique_ptr<local::TempDir> dir_;
  static inline std::unique_ptr<local::MariaDbInstance> primary_;
  static inline std::unique_ptr<local::MariaDbInstance> replica_;
  static inline uint16_t tablet_port_ = 0;
  static inline pid_t tablet_pid_ = -1;

  asio::io_context io_;
  std::unique_ptr<local::MariaDbClient> sql_;
  std::unique_ptr<local::MariaDbClient> replica_sql_;
};

TEST_F(ReplicaLagTest, StoppedReplicaSqlThreadPausesTheCopyUntilItRunsAgain) {
  StartTablet(ReplicaAddress());
  CreateTables("lag");
  ASSERT_TRUE(WaitForReplica());
  // Held back by hand until the replica has the heartbeat, so the lag below
  // is the replica's and not a changelog it has not seen yet.
  Command("MIGRATION SUBMIT 'lag-1' ALTER TABLE lag ADD COLUMN z INT NOT NULL DEFAULT 7");
  Command("MIGRATION THROTTLE 'lag-1'");
  Command("MIGRATION CHUNK 'lag-1' 200");
  AwaitState("lag-1", "running");
  auto has_heartbeat = [&] {  // the table may not be there yet: no expectation
    auto rows = replica_sql_->Query("SELECT 1 FROM lag_lag1_ghc WHERE hint = 'heartbeat'");
    return rows.ok() && !rows.value().empty();
  };
  auto deadline = std::chrono::steady_clock::now() + seconds(60);
  while (std::chrono::steady_clock::now() < deadline && !has_heartbeat())
    std::this_thread::sleep_for(milliseconds(50));
  ASSERT_TRUE(has_heartbeat()) << "the heartbeat never reached the replica";

  // A replica that keeps up does not hold the copy back.
  Command("MIGRATION UNTHROTTLE 'lag-1'");
  auto copying = Await(
      "lag-1", [](auto& row) { return row["rows_copied"] != "0" && row["message"].empty(); },
      "copied with a healthy replica", seconds(60));
  ASSERT_NE(copying["rows_copied"], "0");

  ASSERT_TRUE(replica_sql_->Execute("STOP SLAVE SQL_THREAD").ok());
  auto throttled = Await(
      "lag-1", [](auto& row) { return LagIn(row["message"]) > 1.0; }, "reported the replica's lag",
      seconds(60));
  ASSERT_GT(LagIn(throttled["message"]), 1.0) << throttled["message"];
  EXPECT_EQ(throttled["state"], "running");
  // The reason is the replica's lag and its stopped SQL thread.
  EXPECT_NE(throttled["message"].find("its SQL thread is stopped"), std::string::npos)
      << throttled["message"];
  uint64_t copied = std::stoull(throttled["rows_copied"]);
  EXPECT_LT(copied, static_cast<uint64_t>(kRows));
  uint64_t applied = std::stoull(throttled["events_applied"]);
  std::cout << "[ throttled ] \"" << throttled["message"] << "\" with " << copied << " of " << kRows
            << " rows copied\n";

  // While throttled, writes still reach the ghost through the binlog, but the
  // copy does not move.
  for (int i = 1; i <= 20; ++i) WriteBoth("lag", i);
  std::this_thread::sleep_for(milliseconds(1500));
  auto still = Show("lag-1");
  EXPECT_EQ(still["state"], "running");
  EXPECT_EQ(still["rows_copied"], throttled["rows_copied"]) << "the copy moved while throttled";
  EXPECT_GT(LagIn(still["message"]), LagIn(throttled["message"])) << still["message"];
  EXPECT_GT(std::stoull(still["events_applied"]), applied);
  EXPECT_EQ(still["progress"], throttled["progress"]);
  EXPECT_EQ(std::stoull(still["rows_copied"]), copied);

  ASSERT_TRUE(replica_sql_->Execute("START SLAVE SQL_THREAD").ok());
  Command("MIGRATION CHUNK 'lag-1' 0");
  auto row = AwaitState("lag-1", "complete");
  ASSERT_EQ(row["state"], "complete") << row["message"];
  EXPECT_EQ(row["progress"], "100");
  EXPECT_GT(std::stoull(row["rows_copied"]), copied);
  EXPECT_EQ(Checksum(*sql_, "lag"), Checksum(*sql_, "lag_shadow"));
  auto create = Query(*sql_, "SHOW CREATE TABLE lag");
  ASSERT_FALSE(create.empty());
  EXPECT_NE(create[0][1].value_or("").find("`z` int(11) NOT NULL DEFAULT 7"), std::string::npos);
  EXPECT_FALSE(TableExists(*sql_, "lag_lag1_ghc"));
  // The replica ends up with the same rows and the same schema change.
  ASSERT_TRUE(WaitForReplica());
  EXPECT_EQ(Checksum(*replica_sql_, "lag"), Checksum(*sql_, "lag"));
  EXPECT_FALSE(TableExists(*replica_sql_, "lag_lag1_ghc"));
  auto replica_create = Query(*replica_sql_, "SHOW CREATE TABLE lag");
  ASSERT_FALSE(replica_create.empty());
  EXPECT_NE(replica_create[0][1].value_or("").find("`z` int(11)"), std::string::npos);
  StopTablet();
}

TEST_F(ReplicaLagTest, AReplicaThatReplicatesLateThrottlesByItsLagAlone) {
  // Both replication threads run; the replica applies every event 3 s late.
  for (const char* sql : {"STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = 3", "START SLAVE"})
    ASSERT_TRUE(replica_sql_->Execute(sql).ok()) << sql;
  StartTablet(ReplicaAddress());
  CreateTables("dl");
  Command("MIGRATION SUBMIT 'dl-1' ALTER TABLE dl ADD COLUMN w INT");
  auto throttled = Await(
      "dl-1", [](auto& row) { return LagIn(row["message"]) > 2.0; }, "reported the delay",
      seconds(60));
  ASSERT_GT(LagIn(throttled["message"]), 2.0) << throttled["message"];
  EXPECT_EQ(throttled["message"].find("stopped"), std::string::npos) << throttled["message"];
  EXPECT_EQ(throttled["rows_copied"], "0");  // it never kept up, so nothing was copied
  std::cout << "[ throttled ] \"" << throttled["message"] << "\"\n";

  for (const char* sql : {"STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = 0", "START SLAVE"})
    ASSERT_TRUE(replica_sql_->Execute(sql).ok()) << sql;
  auto row = AwaitState("dl-1", "complete");
  ASSERT_EQ(row["state"], "complete") << row["message"];
  EXPECT_EQ(Checksum(*sql_, "dl"), Checksum(*sql_, "dl_shadow"));
  EXPECT_FALSE(TableExists(*sql_, "dl_dl1_ghc"));
  StopTablet();
}

TEST_F(ReplicaLagTest, ChangelogHasAFreshHeartbeatWhileTheMigrationRunsAndGoesAfterwards) {
  StartTablet(ReplicaAddress());
  CreateTables("hb");
  // Postponed: the migration stays running (ready to complete) with its
  // changelog, for as long as the test looks at it.
  Command("MIGRATION SUBMIT 'hb-1' POSTPONE ALTER TABLE hb ADD INDEX a_idx (a)");
  AwaitState("hb-1", "ready_to_complete");
  ASSERT_TRUE(TableExists(*sql_, "hb_hb1_ghc"));
  const std::string age =
      "SELECT TIMESTAMPDIFF(MICROSECOND, value, UTC_TIMESTAMP(6)), value FROM hb_hb1_ghc "
      "WHERE hint = 'heartbeat'";
  auto first = Query(*sql_, age);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_LT(std::atoll(first[0][0].value_or("99999999").c_str()), 1000000)
      << "heartbeat " << first[0][1].value_or("NULL");
  std::this_thread::sleep_for(milliseconds(500));
  auto second = Query(*sql_, age);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_GT(second[0][1].value_or(""), first[0][1].value_or("")) << "the heartbeat stands still";
  EXPECT_LT(std::atoll(second[0][0].value_or("99999999").c_str()), 1000000);
  // Markers of what happened so far, and the heartbeat on the replica too.
  auto markers = Query(*sql_, "SELECT hint FROM hb_hb1_ghc WHERE hint <> 'heartbeat' ORDER BY id");
  ASSERT_EQ(markers.size(), 2u);
  EXPECT_EQ(markers[0][0].value_or(""), "copy started");
  EXPECT_EQ(markers[1][0].value_or(""), "copy done");
  ASSERT_TRUE(WaitForReplica());
  EXPECT_EQ(Query(*replica_sql_, "SELECT 1 FROM hb_hb1_ghc WHERE hint = 'heartbeat'").size(), 1u);
  // The migration's own writes never reach its ghost: only `hb` is applied.
  EXPECT_EQ(Show("hb-1")["events_applied"], "0");

  Command("MIGRATION CUTOVER 'hb-1'");
  auto done = AwaitState("hb-1", "complete");
  ASSERT_EQ(done["state"], "complete");
  EXPECT_FALSE(TableExists(*sql_, "hb_hb1_ghc"));
  EXPECT_TRUE(Query(*sql_, "SHOW TABLES LIKE 'hb\\_%\\_ghc'").empty());
  EXPECT_EQ(Checksum(*sql_, "hb"), Checksum(*sql_, "hb_shadow"));

  // A cancelled migration takes its changelog with it.
  Command("MIGRATION SUBMIT 'hb-2' ALTER TABLE hb ADD COLUMN gone INT");
  Command("MIGRATION THROTTLE 'hb-2'");
  AwaitState("hb-2", "running");
  EXPECT_TRUE(TableExists(*sql_, "hb_hb2_ghc"));
  Command("MIGRATION CANCEL 'hb-2'");
  AwaitState("hb-2", "cancelled");
  EXPECT_FALSE(TableExists(*sql_, "hb_hb2_ghc"));
  EXPECT_FALSE(TableExists(*sql_, "hb_hb2_gho"));
  StopTablet();
}

TEST_F(ReplicaLagTest, AReplicaThatCannotBeReachedThrottlesAndSaysSo) {
  auto free_port = local::PickFreePort();
  ASSERT_TRUE(free_port.ok());
  const std::string nowhere = "127.0.0.1:" + std::to_string(free_port.value());
  StartTablet(ReplicaAddress() + "," + nowhere);
  CreateTables("un");
  Command("MIGRATION SUBMIT 'un-1' ALTER TABLE un ADD COLUMN y INT");
  auto row = Await(
      "un-1",
      [&](auto& r) {
        return r["message"].starts_with("throttled: replica " + nowhere + " cannot be checked: ");
      },
      "reported the unreachable replica", seconds(60));
  EXPECT_EQ(row["state"], "running");
  EXPECT_EQ(row["rows_copied"], "0");
  std::this_thread::sleep_for(milliseconds(1000));
  EXPECT_EQ(Show("un-1")["rows_copied"], "0");
  Command("MIGRATION CANCEL 'un-1'");
  AwaitState("un-1", "cancelled");
  EXPECT_FALSE(TableExists(*sql_, "un_un1_ghc"));
  StopTablet();
}

TEST_F(ReplicaLagTest, BadThrottleFlagsAreRefusedNamingTheFlag) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--throttle-replicas", "127.0.0.1"}, "'127.0.0.1' is not host:port (no port)"},
      {{"--throttle-replicas", "h:1,h:1"}, "'h:1' is listed twice"},
      {{"--throttle-replicas", "h:99999"}, "the port must be a number from 1 to 65535"},
      {{"--throttle-max-replica-lag-ms", "0"}, ""},
      {{"--throttle-max-replica-lag-ms", "soon"}, ""},
  };
  int n = 0;
  for (const auto& [flag, problem] : cases) {
    SCOPED_TRACE(flag[0] + " " + flag[1]);
    std::vector<std::string> argv = {
        TESSERA_VTTABLET_BINARY, "--port", "0", "--keyspace", "lag", "--shard", "0"};
    argv.insert(argv.end(), flag.begin(), flag.end());
    std::string log = dir_->Sub("bad-flags-" + std::to_string(++n) + ".log");
    auto rc = local::RunAndWait(argv, log);
    ASSERT_TRUE(rc.ok());
    EXPECT_NE(rc.value(), 0);
    std::string output = local::FileTail(log, 20);
    EXPECT_NE(output.find(flag[0]), std::string::npos) << output;
    EXPECT_NE(output.find(problem), std::string::npos) << output;
  }
}

}  // namespace
}  // namespace tessera
