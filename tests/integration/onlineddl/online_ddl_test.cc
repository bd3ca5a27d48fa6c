// Online DDL end to end: the real vttablet binary against a real MariaDB,
// driven with the tablet's MIGRATION commands over the tablet RPC, while
// writer threads change the table the whole time.
//
// Every writer transaction applies the same change to the migrated table and
// to a shadow table that no migration touches, so at any quiet moment the
// migrated table must equal the shadow on their shared columns: same row
// count, same checksum. A lost, duplicated or stale row shows up as a
// difference.
#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
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
#include "tests/integration/support/started_mariadb.h"
#include "vtgate/gateway/tablet_client.h"

namespace tessera {
namespace {

namespace asio = boost::asio;

constexpr const char* kDb = "vt_ddl";
constexpr int kRows = 200000;

using Rows = std::vector<std::vector<std::optional<std::string>>>;

class OnlineDdlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<local::TempDir>("tessera-onlineddl-it-");
    local::MariaDbInstanceOptions options;
    options.data_dir = dir_->Sub("mariadb");
    options.server_id = 77;
    auto db = testing_support::StartMariaDb(options);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db).value();
    auto port = local::PickFreePort();
    ASSERT_TRUE(port.ok());
    tablet_port_ = port.value();
    StartTablet();
  }

  static void StartTablet() {
    auto login = db_->Login();
    auto pid = local::SpawnDetached({TESSERA_VTTABLET_BINARY,
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
                                     "ddl",
                                     "--shard",
                                     "0",
                                     "--pool-size",
                                     "4",
                                     "--revert-window-seconds",
                                     "600",
                                     "--log-level",
                                     "trace"},
                                    dir_->Sub("vttablet.log"));
    ASSERT_TRUE(pid.ok()) << pid.error().message;
    tablet_pid_ = pid.value();
  }

  static void KillTablet() {
    ::kill(tablet_pid_, SIGKILL);
    local::StopProcess(tablet_pid_, std::chrono::seconds(5));
    tablet_pid_ = -1;
  }

  static void TearDownTestSuite() {
    if (tablet_pid_ > 0) {
      EXPECT_TRUE(local::StopProcess(tablet_pid_, std::chrono::seconds(5)).ok());
    }
    if (db_) {
      EXPECT_TRUE(db_->Stop().ok());
    }
    db_.reset();
    dir_.reset();
  }

  static std::unique_ptr<local::MariaDbClient> Connect() {
    auto login = db_->Login();
    login.database = kDb;
    auto client = local::MariaDbClient::Connect(login);
    EXPECT_TRUE(client.ok()) << client.error().message;
    return client.ok() ? std::move(client).value() : nullptr;
  }

  void SetUp() override {
    auto login = db_->Login();
    auto admin = local::MariaDbClient::Connect(login);
    ASSERT_TRUE(admin.ok()) << admin.error().message;
    ASSERT_TRUE(admin.value()->Execute("CREATE DATABASE IF NOT EXISTS vt_ddl").ok());
    sql_ = Connect();
    ASSERT_NE(sql_, nullptr);
  }

  template <class T>
  T Run(asio::awaitable<T> work) {
    std::optional<T> out;
    asio::co_spawn(
        io_, [&]() -> asio::awaitable<void> { out.emplace(co_await std::move(work)); },
        asio::detached);
    while (!out) {
      if (io_.stopped()) io_.restart();
      io_.run_one_for(std::chrono::milliseconds(50));
    }
    return std::move(*out);
  }

  // Sends a MIGRATION command to the tablet (reconnecting, since the tablet
  // may have been restarted).
  Result<ResultSet> Tablet(const std::string& sql) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      vtgate::TabletClient client(io_, "127.0.0.1", tablet_port_, "ddl/0");
      rpc::ExecuteRequest request;
      request.database = kDb;
      request.sql = sql;
      auto response = Run(client.Execute(request));
      bool unavailable = !response.result.ok() && response.result.error().message.find(
                                                      "is unavailable") != std::string::npos;
      if (!unavailable || std::chrono::steady_clock::now() > deadline) {
        return std::move(response.result);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }

  // The SHOW row of one migration as column -> value.
  std::map<std::string, std::string> Show(const std::string& uuid) {
    auto shown = Tablet("MIGRATION SHOW '" + uuid + "'");
    EXPECT_TRUE(shown.ok()) << (shown.ok() ? "" : shown.error().message);
    std::map<std::string, std::string> out;
    if (!shown.ok() || shown.value().rows.empty()) return out;
    for (size_t i = 0; i < shown.value().fields.size(); ++i)
      out[shown.value().fields[i].name] = shown.value().rows[0][i].value_or("NULL");
    return out;
  }

  // Waits until the migration reaches one of `states`; returns the last row.
  // Waits (at most a minute) until the migration has copied some rows.
  void WaitForCopyToStart(const std::string& uuid) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && Show(uuid)["rows_copied"] == "0")
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  std::map<std::string, std::string> WaitFor(
      const std::string& uuid, const std::vector<std::string>& states,
      std::chrono::seconds timeout = std::chrono::seconds(180)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::map<std::string, std::string> row;
    while (std::chrono::steady_clock::now() < deadline) {
      row = Show(uuid);
      for (const auto& s : states)
        if (row["state"] == s) return row;
      if (row["state"] == "failed") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "migration " << uuid << " is " << row["state"] << ": " << row["message"]
                  << "\n"
                  << local::FileTail(dir_->Sub("vttablet.log"));
    return row;
  }

  Rows Query(const std::string& sql) {
    auto rows = sql_->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << (rows.ok() ? "" : rows.error().message);
    return rows.ok() ? rows.value() : Rows{};
  }

  void Exec(const std::string& sql) {
    Status s = sql_->Execute(sql);
    ASSERT_TRUE(s.ok()) << sql << ": " << s.error().message;
  }

  // A table of kRows rows and its shadow with the same rows.
  void CreateTables(const std::string& table) {
    Exec("DROP TABLE IF EXISTS " + table);
    Exec("DROP TABLE IF EXISTS " + table + "_shadow");
    Exec("CREATE TABLE " + table +
         " (id INT NOT NULL PRIMARY KEY, a INT NOT NULL, b VARCHAR(64), c DATETIME(3), "
         "d DECIMAL(10,2), u INT UNSIGNED, note VARCHAR(32) DEFAULT 'n', extra INT DEFAULT 5) "
         "ENGINE=InnoDB DEFAULT CHARSET=latin1");
    Exec("CREATE TABLE " + table +
         "_shadow (id INT NOT NULL PRIMARY KEY, a INT NOT NULL, "
         "b VARCHAR(64), c DATETIME(3), d DECIMAL(10,2), u INT UNSIGNED) ENGINE=InnoDB "
         "DEFAULT CHARSET=latin1");
    Exec("INSERT INTO " + table +
         " (id, a, b, c, d, u) SELECT seq * 2, seq % 1000, CONCAT('row-', seq), "
         "'2024-01-01 00:00:00' + INTERVAL seq SECOND, seq / 7, seq * 3 FROM seq_1_to_" +
         std::to_string(kRows));
    Exec("INSERT INTO " + table + "_shadow SELECT id, a, b, c, d, u FROM " + table);
  }

  // Count and checksum over the columns every version of the table has.
  std::string Checksum(const std::string& table) {
    auto rows = Query(
        "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, a, IFNULL(b, '~'), "
        "IFNULL(c, '~'), IFNULL(d, '~'), IFNULL(u, '~')))) FROM " +
        table);
    if (rows.empty()) return "?";
    return rows[0][0].value_or("NULL") + "/" + rows[0][1].value_or("NULL");
  }

  // Up to ten rows that differ between a table and its shadow, for messages.
  std::string Differences(const std::string& table) {
    std::string out;
    const std::string cols = "x.id, x.a, x.b, x.c, x.d, x.u, y.id, y.a, y.b, y.c, y.d, y.u";
    const std::string same =
        "y.a <=> x.a AND y.b <=> x.b AND y.c <=> x.c AND y.d <=> x.d AND y.u <=> x.u";
    for (const auto& [left, right] :
         {std::pair{table, table + "_shadow"}, std::pair{table + "_shadow", table}}) {
      auto rows = Query("SELECT " + cols + " FROM " + left + " x LEFT JOIN " + right +
                        " y ON y.id = x.id WHERE y.id IS NULL OR NOT (" + same + ") LIMIT 10");
      for (const auto& r : rows) {
        out += left + ":";
        for (const auto& v : r) out += " " + v.value_or("NULL");
        out += "\n";
        // Where the row stands in the parked originals: a write that reached
        // one of them but not the live table went to the old table late.
        for (const auto& parked : Query("SHOW TABLES LIKE '" + table + "\\_%\\_del'")) {
          std::string name = parked[0].value_or("");
          for (const auto& id : {r[0], r[6]}) {
            if (!id) continue;
            for (const auto& p :
                 Query("SELECT id, a, b, c, d, u FROM " + name + " WHERE id = " + *id)) {
              out += "  " + name + ":";
              for (const auto& v : p) out += " " + v.value_or("NULL");
              out += "\n";
            }
          }
        }
      }
    }
    auto kept = dir_->Sub("vttablet.log");
    // The tablet's own warnings and errors (a cut-over that saw writes leak).
    std::ifstream log(kept);
    size_t shown = 0;
    for (std::string line; std::getline(log, line) && shown < 20;) {
      if (line.find(" error [") != std::string::npos ||
          line.find(" warning [") != std::string::npos) {
        out += line.substr(0, 400) + "\n";
        ++shown;
      }
    }
    std::string copy = "/tmp/tessera-onlineddl-" + std::to_string(::getpid()) + ".log";
    if (std::system(("cp '" + kept + "' '" + copy + "'").c_str()) == 0)
      out += "the tablet's log is kept as " + copy + "\n";
    std::string binlogs = "/tmp/tessera-onlineddl-" + std::to_string(::getpid()) + "-binlog";
    if (std::system(("mkdir -p '" + binlogs + "' && cp '" + dir_->Sub("mariadb") + "'/binlog.* '" +
                     binlogs + "'/")
                        .c_str()) == 0)
      out += "the binary logs are kept in " + binlogs + "\n";
    return out;
  }

  // Writers: random inserts, updates of every column (the key too, at the
  // edges of the key range as well) and deletes, each applied to the table
  // and its shadow in one transaction.
  class Writers {
   public:
    Writers(OnlineDdlTest* test, std::string table, int threads) : table_(std::move(table)) {
      for (int t = 0; t < threads; ++t) {
        threads_.emplace_back([this, test, t] { Loop(test, t); });
      }
    }
    ~Writers() { Stop(); }
    void Stop() {
      stop_ = true;
      for (auto& t : threads_)
        if (t.joinable()) t.join();
    }
    uint64_t committed() const { return committed_; }

   private:
    void Loop(OnlineDdlTest* /*test*/, int seed) {
      auto client = Connect();
      if (!client) return;
      std::mt19937 rng(static_cast<uint32_t>(seed * 7919 + 1));
      std::uniform_int_distribution<int> pick(0, 9);
      std::uniform_int_distribution<int> id_dist(1, 2 * kRows + 20000);
      const std::string& t = table_;
      const std::string s = table_ + "_shadow";
      while (!stop_) {
        int id = id_dist(rng);
        int kind = pick(rng);
        if (kind == 9) id = (rng() % 2) ? 2 : 2 * kRows;  // the ends of the key range
        std::string where = " WHERE id = " + std::to_string(id);
        // Both statements must write the same values, so no NOW() here.
        std::string stamp = "'2025-06-01 12:00:00.000' + INTERVAL " +
                            std::to_string(rng() % 100000000) + " MICROSECOND";
        std::vector<std::string> statements;
        switch (kind) {
          case 0:
          case 1:
          case 2: {
            std::string values = "(" + std::to_string(id) + ", " + std::to_string(rng() % 1000) +
                                 ", 'w" + std::to_string(rng() % 100000) + "', " + stamp + ", " +
                                 std::to_string(rng() % 10000) + ".25, " +
                                 std::to_string(rng() % 4000000000u) + ")";
            statements = {"INSERT INTO " + t + " (id, a, b, c, d, u) VALUES " + values,
                          "INSERT INTO " + s + " (id, a, b, c, d, u) VALUES " + values};
            break;
          }
          case 3:
          case 4:
          case 5: {
            std::string set = " SET a = a + 1, b = CONCAT(IFNULL(b, ''), 'u'), c = " + stamp +
                              ", d = IFNULL(d, 0) + 1, u = IFNULL(u, 0) + 1";
            statements = {"UPDATE " + t + set + where, "UPDATE " + s + set + where};
            break;
          }
          case 6: {  // move a row to another key
            std::string set = " SET id = " + std::to_string(id_dist(rng) | 1);
            statements = {"UPDATE " + t + set + where, "UPDATE " + s + set + where};
            break;
          }
          case 7: {
            std::string set = " SET b = NULL, d = NULL";
            statements = {"UPDATE " + t + set + where, "UPDATE " + s + set + where};
            break;
          }
          default:
            statements = {"DELETE FROM " + t + where, "DELETE FROM " + s + where};
            break;
        }
        if (!client->Execute("BEGIN").ok()) continue;
        bool ok = true;
        for (const auto& statement : statements) {
          if (!client->Execute(statement).ok()) {
            ok = false;
            break;
          }
        }
        ok = ok && client->Execute("COMMIT").ok();
        if (!ok) {
          (void)client->Execute("ROLLBACK");
        } else {
          ++committed_;
        }
      }
    }

    std::string table_;
    std::atomic<bool> stop_{false};
    std::atomic<uint64_t> committed_{0};
    std::vector<std::thread> threads_;
  };

  static inline std::unique_ptr<local::TempDir> dir_;
  static inline std::unique_ptr<local::MariaDbInstance> db_;
  static inline uint16_t tablet_port_ = 0;
  static inline pid_t tablet_pid_ = -1;

  asio::io_context io_;
  std::unique_ptr<local::MariaDbClient> sql_;
};

TEST_F(OnlineDdlTest, EveryAlterKindUnderConcurrentWritesLosesNothing) {
  CreateTables("t");
  const std::vector<std::pair<std::string, std::string>> alters = {
      {"add",
       "ALTER TABLE t ADD COLUMN z INT NOT NULL DEFAULT 7, ADD INDEX a_idx (a), ADD UNIQUE KEY "
       "id_uk (id)"},
      {"modify", "ALTER TABLE t MODIFY u BIGINT UNSIGNED, MODIFY b VARCHAR(128)"},
      {"drop", "ALTER TABLE t DROP COLUMN extra, DROP INDEX a_idx"},
      {"rename", "ALTER TABLE t CHANGE note note2 VARCHAR(40) DEFAULT 'm'"},
      {"charset", "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4"},
      {"pk", "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, a)"},
      {"options", "ALTER TABLE t ENGINE=InnoDB, COMMENT='migrated'"},
  };
  for (const auto& [name, ddl] : alters) {
    SCOPED_TRACE(name);
    Writers writers(this, "t", 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::string uuid = "it-" + name;
    auto submitted = Tablet("MIGRATION SUBMIT '" + uuid + "' " + ddl);
    ASSERT_TRUE(submitted.ok()) << submitted.error().message;
    auto row = WaitFor(uuid, {"complete"});
    ASSERT_EQ(row["state"], "complete") << row["message"];
    std::cout << "[ migration ] " << name << ": " << row["rows_copied"] << " rows copied, "
              << row["events_applied"] << " binlog changes applied, writes stalled "
              << row["cutover_stall_ms"] << " ms at cut-over\n";
    {  // where the stall went, from the tablet's log
      std::ifstream log(dir_->Sub("vttablet.log"));
      const std::string mark = "migration " + uuid + ": cut-over attempt";
      for (std::string line; std::getline(log, line);) {
        size_t at = line.find(mark);
        if (at != std::string::npos) std::cout << "              " << line.substr(at) << "\n";
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // writes after the cut-over too
    writers.Stop();
    EXPECT_GT(writers.committed(), 50u);
    EXPECT_EQ(Checksum("t"), Checksum("t_shadow")) << Differences("t");
    EXPECT_EQ(row["progress"], "100");
    EXPECT_GE(std::stoull(row["rows_copied"]), static_cast<uint64_t>(kRows) * 9 / 10);
    // The original is parked for the revert window, the ghost is gone.
    auto tables = Query("SHOW TABLES LIKE '%t%'");
    bool parked = false;
    for (const auto& r : tables) {
      EXPECT_FALSE(r[0].value_or("").ends_with("_gho")) << r[0].value_or("");
      if (r[0].value_or("").ends_with("_del")) parked = true;
    }
    EXPECT_TRUE(parked);
  }
  {  // the plain index a_idx was built after each copy that had it, not kept row by row
    std::ifstream log(dir_->Sub("vttablet.log"));
    int built = 0;
    for (std::string line; std::getline(log, line);)
      if (line.find("built 1 deferred index(es) on `t_") != std::string::npos) ++built;
    EXPECT_EQ(built, 2);  // add and modify; drop removes a_idx
  }
  auto create = Query("SHOW CREATE TABLE t");
  ASSERT_FALSE(create.empty());
  std::string text = create[0][1].value_or("");
  EXPECT_NE(text.find("`z` int(11) NOT NULL DEFAULT 7"), std::string::npos) << text;
  EXPECT_NE(text.find("`u` bigint(20) unsigned"), std::string::npos) << text;
  EXPECT_EQ(text.find("`extra`"), std::string::npos) << text;
  EXPECT_NE(text.find("`note2` varchar(40)"), std::string::npos) << text;
  EXPECT_NE(text.find("utf8mb4"), std::string::npos) << text;
  EXPECT_NE(text.find("PRIMARY KEY (`id`,`a`)"), std::string::npos) << text;
  EXPECT_NE(text.find("COMMENT='migrated'"), std::string::npos) << text;
}

}  // namespace
}  // namespace tessera

namespace tessera {
namespace {

TEST_F(OnlineDdlTest, RevertKeepsEveryWriteMadeAfterTheCutOver) {
  CreateTables("r");
  auto submitted =
      Tablet("MIGRATION SUBMIT 'rv-1' ALTER TABLE r ADD COLUMN flag TINYINT NOT NULL DEFAULT 1");
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  {
    Writers writers(this, "r", 2);
    auto row = WaitFor("rv-1", {"complete"});
    ASSERT_EQ(row["state"], "complete");
    // Writes between the deploy and the revert.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    auto revert = Tablet("MIGRATION REVERT 'rv-1' 'rv-2'");
    ASSERT_TRUE(revert.ok()) << revert.error().message;
    auto reverted = WaitFor("rv-2", {"complete"});
    ASSERT_EQ(reverted["state"], "complete");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    writers.Stop();
    EXPECT_GT(writers.committed(), 100u);
  }
  EXPECT_EQ(Show("rv-1")["state"], "reverted");
  EXPECT_EQ(Checksum("r"), Checksum("r_shadow")) << Differences("r");
  auto create = Query("SHOW CREATE TABLE r");
  ASSERT_FALSE(create.empty());
  EXPECT_EQ(create[0][1].value_or("").find("`flag`"), std::string::npos);
  // A reverted migration cannot be reverted again.
  auto again = Tablet("MIGRATION REVERT 'rv-1' 'rv-3'");
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("reverted"), std::string::npos) << again.error().message;
}

TEST_F(OnlineDdlTest, AParkedTableDroppedByHandClosesTheRevertWindow) {
  CreateTables("pg");
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'pg-1' ALTER TABLE pg ADD COLUMN flag INT").ok());
  ASSERT_EQ(WaitFor("pg-1", {"complete"})["state"], "complete");
  EXPECT_NE(Show("pg-1")["revert_window_ends"], "NULL");
  auto parked = Query("SHOW TABLES LIKE 'pg\\_%\\_del'");
  ASSERT_EQ(parked.size(), 1u);
  Exec("DROP TABLE " + parked[0][0].value_or(""));
  // The window closes, instead of the binlog being read for the gone table
  // again every second until the window would have ended.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline &&
         Show("pg-1")["revert_window_ends"] != "NULL")
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto row = Show("pg-1");
  EXPECT_EQ(row["revert_window_ends"], "NULL");
  EXPECT_EQ(row["state"], "complete");
  EXPECT_NE(row["message"].find("is gone"), std::string::npos) << row["message"];
  auto revert = Tablet("MIGRATION REVERT 'pg-1' 'pg-2'");
  EXPECT_FALSE(revert.ok());
  EXPECT_EQ(Query("SELECT COUNT(*) FROM pg")[0][0].value_or(""),
            Query("SELECT COUNT(*) FROM pg_shadow")[0][0].value_or(""));
}

TEST_F(OnlineDdlTest, AForcedCutOverKillsTheSessionsThatHoldTheTable) {
  CreateTables("fc");
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'fc-1' POSTPONE ALTER TABLE fc ADD COLUMN w INT").ok());
  ASSERT_EQ(WaitFor("fc-1", {"ready_to_complete"})["state"], "ready_to_complete");
  // A session in the middle of a transaction on the table holds its
  // metadata lock: a cut-over would wait for it.
  auto blocker = Connect();
  ASSERT_TRUE(blocker->Execute("BEGIN").ok());
  ASSERT_TRUE(blocker->Execute("UPDATE fc SET a = a + 1 WHERE id = 2").ok());
  ASSERT_TRUE(Tablet("MIGRATION FORCE_CUTOVER 'fc-1'").ok());
  auto done = WaitFor("fc-1", {"complete"});
  ASSERT_EQ(done["state"], "complete") << done["message"];
  // The blocker was killed and its update rolled back.
  EXPECT_FALSE(blocker->Execute("COMMIT").ok());
  EXPECT_EQ(Checksum("fc"), Checksum("fc_shadow")) << Differences("fc");
  auto create = Query("SHOW CREATE TABLE fc");
  ASSERT_FALSE(create.empty());
  EXPECT_NE(create[0][1].value_or("").find("`w` int"), std::string::npos);
  auto unknown = Tablet("MIGRATION FORCE_CUTOVER 'fc-1'");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("complete"), std::string::npos) << unknown.error().message;
}

TEST_F(OnlineDdlTest, AThrottleRatioPacesTheCopyWithoutLosingAWrite) {
  CreateTables("tr");
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'tr-1' ALTER TABLE tr ADD COLUMN paced INT").ok());
  ASSERT_TRUE(Tablet("MIGRATION CHUNK 'tr-1' 2000").ok());
  Writers writers(this, "tr", 2);
  WaitForCopyToStart("tr-1");

  // Ratio 1: the copy stops, as with THROTTLE.
  ASSERT_TRUE(Tablet("MIGRATION THROTTLE 'tr-1' RATIO 1").ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  auto stopped = Show("tr-1");
  EXPECT_EQ(stopped["throttled"], "1");
  EXPECT_EQ(stopped["throttle_ratio"], "1");
  EXPECT_EQ(stopped["message"], "throttled by request");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(Show("tr-1")["rows_copied"], stopped["rows_copied"]);
  ASSERT_LT(std::stoull(stopped["rows_copied"]), static_cast<uint64_t>(kRows));

  // A ratio below 1: the copy goes on, pausing between chunks.
  ASSERT_TRUE(Tablet("MIGRATION THROTTLE 'tr-1' RATIO 0.8").ok());
  auto paced = Show("tr-1");
  EXPECT_EQ(paced["throttled"], "0");
  EXPECT_EQ(paced["throttle_ratio"], "0.8");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline &&
         Show("tr-1")["rows_copied"] == stopped["rows_copied"])
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto moving = Show("tr-1");
  EXPECT_NE(moving["rows_copied"], stopped["rows_copied"]);
  EXPECT_EQ(moving["message"], "");

  // Bad ratios are refused and change nothing.
  for (const char* bad : {"1.5", "-0.2", "half", "0.1234", ""}) {
    auto refused = Tablet(std::string("MIGRATION THROTTLE 'tr-1' RATIO ") + bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(refused.error().message.find("RATIO must be a number from 0 to 1"), std::string::npos)
        << refused.error().message;
  }
  EXPECT_EQ(Show("tr-1")["throttle_ratio"], "0.8");

  // UNTHROTTLE clears the ratio; the migration completes with every write.
  ASSERT_TRUE(Tablet("MIGRATION UNTHROTTLE 'tr-1'").ok());
  EXPECT_EQ(Show("tr-1")["throttle_ratio"], "0");
  auto done = WaitFor("tr-1", {"complete", "failed"});
  ASSERT_EQ(done["state"], "complete") << done["message"];
  writers.Stop();
  EXPECT_GT(writers.committed(), 100u);
  EXPECT_EQ(Checksum("tr"), Checksum("tr_shadow")) << Differences("tr");
  auto late = Tablet("MIGRATION THROTTLE 'tr-1' RATIO 0.5");
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("complete"), std::string::npos) << late.error().message;
}

TEST_F(OnlineDdlTest, ATabletUpgradesTheMigrationsTableOfAnOlderVersion) {
  ASSERT_TRUE(Tablet("MIGRATION SHOW").ok());  // the table exists
  KillTablet();
  // The table as versions before forced cut-overs and throttle ratios made it.
  ASSERT_TRUE(sql_->Execute("ALTER TABLE `_tessera`.`schema_migrations` DROP COLUMN "
                            "throttle_permille, DROP COLUMN force_cutover")
                  .ok());
  StartTablet();
  CreateTables("up");
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'up-1' POSTPONE ALTER TABLE up ADD COLUMN z INT").ok());
  ASSERT_TRUE(Tablet("MIGRATION THROTTLE 'up-1' RATIO 0.25").ok());
  EXPECT_EQ(Show("up-1")["throttle_ratio"], "0.25");
  ASSERT_TRUE(Tablet("MIGRATION FORCE_CUTOVER 'up-1'").ok());
  auto done = WaitFor("up-1", {"complete", "failed"});
  ASSERT_EQ(done["state"], "complete") << done["message"];
  EXPECT_EQ(Checksum("up"), Checksum("up_shadow")) << Differences("up");
}

TEST_F(OnlineDdlTest, PostponedCutOverWaitsForTheRequestAndCancelLeavesTheTableAlone) {
  CreateTables("p");
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'pp-1' POSTPONE ALTER TABLE p ADD INDEX b_idx (b)").ok());
  Writers writers(this, "p", 1);
  auto ready = WaitFor("pp-1", {"ready_to_complete"});
  ASSERT_EQ(ready["state"], "ready_to_complete");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(Show("pp-1")["state"], "ready_to_complete");  // it waits
  // A throttled migration does not cut over, even when asked to.
  ASSERT_TRUE(Tablet("MIGRATION THROTTLE 'pp-1'").ok());
  ASSERT_TRUE(Tablet("MIGRATION CUTOVER 'pp-1'").ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  auto held = Show("pp-1");
  EXPECT_NE(held["state"], "complete");
  EXPECT_EQ(held["message"], "throttled by request");
  ASSERT_TRUE(Tablet("MIGRATION UNTHROTTLE 'pp-1'").ok());
  auto done = WaitFor("pp-1", {"complete"});
  EXPECT_EQ(done["state"], "complete");
  EXPECT_EQ(done["message"].find("throttled"), std::string::npos) << done["message"];

  // Cancel while the copy is throttled half-way: the ghost goes, the table stays.
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'cx-1' ALTER TABLE p ADD COLUMN gone INT").ok());
  ASSERT_TRUE(Tablet("MIGRATION CHUNK 'cx-1' 200").ok());
  WaitForCopyToStart("cx-1");
  ASSERT_TRUE(Tablet("MIGRATION THROTTLE 'cx-1'").ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto throttled = Show("cx-1");
  EXPECT_EQ(throttled["throttled"], "1");
  EXPECT_EQ(throttled["state"], "running");
  uint64_t copied = std::stoull(throttled["rows_copied"]);
  EXPECT_GT(copied, 0u);
  EXPECT_LT(copied, static_cast<uint64_t>(kRows));
  ASSERT_TRUE(Tablet("MIGRATION CANCEL 'cx-1'").ok());
  EXPECT_EQ(WaitFor("cx-1", {"cancelled"})["state"], "cancelled");
  writers.Stop();
  EXPECT_TRUE(Query("SHOW TABLES LIKE 'p\\_%\\_gho'").empty());
  auto create = Query("SHOW CREATE TABLE p");
  ASSERT_FALSE(create.empty());
  EXPECT_EQ(create[0][1].value_or("").find("`gone`"), std::string::npos);
  EXPECT_NE(create[0][1].value_or("").find("KEY `b_idx`"), std::string::npos);
  EXPECT_EQ(Checksum("p"), Checksum("p_shadow")) << Differences("p");

  // Commands on finished migrations and bad input are refused clearly.
  auto late = Tablet("MIGRATION CANCEL 'cx-1'");
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.error().message.find("cancelled"), std::string::npos);
  auto unknown = Tablet("MIGRATION CUTOVER 'nope'");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("no migration 'nope'"), std::string::npos);
  auto bad = Tablet("MIGRATION SUBMIT 'x-1' SELECT 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("CREATE TABLE, ALTER TABLE or DROP TABLE"), std::string::npos);
  auto no_key = Tablet("MIGRATION SUBMIT 'x-2' ALTER TABLE");
  EXPECT_FALSE(no_key.ok());
}

TEST_F(OnlineDdlTest, KilledTabletResumesTheCopyFromItsCheckpoint) {
  CreateTables("k");
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'kill-1' ALTER TABLE k MODIFY b VARCHAR(100)").ok());
  ASSERT_TRUE(Tablet("MIGRATION CHUNK 'kill-1' 500").ok());
  Writers writers(this, "k", 2);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  uint64_t before = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    auto row = Show("kill-1");
    before = row["rows_copied"] == "" ? 0 : std::stoull(row["rows_copied"]);
    if (before > 20000) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(before, 20000u);
  KillTablet();
  std::this_thread::sleep_for(std::chrono::seconds(1));  // writes go on without the tablet
  StartTablet();
  ASSERT_TRUE(Tablet("MIGRATION CHUNK 'kill-1' 0").ok());
  auto row = WaitFor("kill-1", {"complete"});
  ASSERT_EQ(row["state"], "complete");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  writers.Stop();
  EXPECT_EQ(Checksum("k"), Checksum("k_shadow")) << Differences("k");
  // It resumed: the copy did not start over (rows copied stays near one pass).
  EXPECT_LT(std::stoull(row["rows_copied"]), static_cast<uint64_t>(kRows) * 3 / 2);
}

TEST_F(OnlineDdlTest, CreateAndDropTableAreRevertible) {
  Exec("DROP TABLE IF EXISTS fresh");
  ASSERT_TRUE(
      Tablet("MIGRATION SUBMIT 'cr-1' CREATE TABLE fresh (id INT PRIMARY KEY, v TEXT)").ok());
  EXPECT_EQ(WaitFor("cr-1", {"complete"})["state"], "complete");
  Exec("INSERT INTO fresh VALUES (1, 'one'), (2, 'two')");
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'dr-1' DROP TABLE fresh").ok());
  EXPECT_EQ(WaitFor("dr-1", {"complete"})["state"], "complete");
  EXPECT_TRUE(Query("SHOW TABLES LIKE 'fresh'").empty());
  ASSERT_TRUE(Tablet("MIGRATION REVERT 'dr-1' 'dr-2'").ok());
  EXPECT_EQ(WaitFor("dr-2", {"complete"})["state"], "complete");
  auto rows = Query("SELECT COUNT(*) FROM fresh");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0][0].value_or(""), "2");
  EXPECT_EQ(Show("dr-1")["state"], "reverted");
  // Skipping the revert window drops the parked copy in small steps.
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'dr-3' DROP TABLE fresh").ok());
  EXPECT_EQ(WaitFor("dr-3", {"complete"})["state"], "complete");
  ASSERT_TRUE(Tablet("MIGRATION SKIP REVERT 'dr-3'").ok());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline &&
         Show("dr-3")["revert_window_ends"] != "NULL")
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(Show("dr-3")["revert_window_ends"], "NULL");
  EXPECT_TRUE(Query("SHOW TABLES LIKE 'fresh%'").empty());
  auto revert_late = Tablet("MIGRATION REVERT 'dr-3' 'dr-4'");
  EXPECT_FALSE(revert_late.ok());
}

TEST_F(OnlineDdlTest, AnAlterThatWouldDropOrChangeRowsFailsAndLeavesTheTableAlone) {
  Exec("DROP TABLE IF EXISTS lossy");
  Exec(
      "CREATE TABLE lossy (id INT NOT NULL PRIMARY KEY, a INT NOT NULL, b VARCHAR(32)) "
      "ENGINE=InnoDB");
  // `a` repeats every 1,000 rows; `b` is up to 8 characters long.
  Exec("INSERT INTO lossy SELECT seq, seq % 1000, CONCAT('row-', seq) FROM seq_1_to_5000");
  const std::string sum = "SELECT COUNT(*), SUM(CRC32(CONCAT_WS(',', id, a, b))) FROM lossy";
  auto before = Query(sum);
  ASSERT_EQ(before.size(), 1u);

  // A unique key over values rows share: INSERT IGNORE would leave rows out.
  ASSERT_TRUE(
      Tablet("MIGRATION SUBMIT 'lossy-unique' ALTER TABLE lossy ADD UNIQUE KEY ua (a)").ok());
  auto row = WaitFor("lossy-unique", {"failed", "complete"});
  EXPECT_EQ(row["state"], "failed");
  EXPECT_NE(row["message"].find("break a unique key of the new schema"), std::string::npos)
      << row["message"];
  EXPECT_NE(row["message"].find("for key 'ua'"), std::string::npos) << row["message"];

  // A column too narrow for its values: INSERT IGNORE would cut them.
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'lossy-narrow' ALTER TABLE lossy MODIFY b VARCHAR(5)").ok());
  row = WaitFor("lossy-narrow", {"failed", "complete"});
  EXPECT_EQ(row["state"], "failed");
  EXPECT_NE(row["message"].find("would change them"), std::string::npos) << row["message"];
  EXPECT_NE(row["message"].find("'b'"), std::string::npos) << row["message"];

  // The table is as it was, with no ghost or changelog left beside it.
  EXPECT_EQ(Query(sum), before);
  EXPECT_TRUE(Query("SHOW TABLES LIKE 'lossy\\_%'").empty());
  auto create = Query("SHOW CREATE TABLE lossy");
  ASSERT_FALSE(create.empty());
  EXPECT_EQ(create[0][1].value_or("").find("UNIQUE"), std::string::npos);

  // A unique key the rows do satisfy goes through, every row kept.
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'lossy-ok' ALTER TABLE lossy ADD UNIQUE KEY ub (b)").ok());
  EXPECT_EQ(WaitFor("lossy-ok", {"complete"})["state"], "complete");
  EXPECT_EQ(Query(sum), before);
}

TEST_F(OnlineDdlTest, ValuesMovingBetweenRowsUnderAUniqueKeyDoNotFailTheCopy) {
  // Writers swap the values of a unique key between two rows. The copy can
  // then meet a value the ghost still holds for a row it copied before the
  // swap: that row is stale, not a duplicate, and the migration must go on.
  Exec("DROP TABLE IF EXISTS uq");
  Exec("DROP TABLE IF EXISTS uq_shadow");
  Exec(
      "CREATE TABLE uq (id INT NOT NULL PRIMARY KEY, v INT NOT NULL, UNIQUE KEY uv (v)) "
      "ENGINE=InnoDB");
  Exec("CREATE TABLE uq_shadow (id INT NOT NULL PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB");
  Exec("INSERT INTO uq SELECT seq, seq FROM seq_1_to_" + std::to_string(kRows));
  Exec("INSERT INTO uq_shadow SELECT id, v FROM uq");
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> swaps{0};
  auto swapper = [&](uint32_t seed) {
    auto client = Connect();
    if (!client) return;
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> pick(1, kRows);
    while (!stop) {
      std::string x = std::to_string(pick(rng)), y = std::to_string(pick(rng));
      if (x == y || !client->Execute("BEGIN").ok()) continue;
      auto rows = client->Query("SELECT v FROM uq WHERE id IN (" + x + ", " + y +
                                ") ORDER BY id = " + x + " DESC FOR UPDATE");
      bool ok = rows.ok() && rows.value().size() == 2;
      std::string vx = ok ? rows.value()[0][0].value_or("") : "";
      std::string vy = ok ? rows.value()[1][0].value_or("") : "";
      for (const std::string table : {"uq", "uq_shadow"}) {
        for (const std::string& sql : {"UPDATE " + table + " SET v = -" + x + " WHERE id = " + x,
                                       "UPDATE " + table + " SET v = " + vx + " WHERE id = " + y,
                                       "UPDATE " + table + " SET v = " + vy + " WHERE id = " + x})
          ok = ok && client->Execute(sql).ok();
      }
      ok = ok && client->Execute("COMMIT").ok();
      if (ok) {
        ++swaps;
      } else {
        (void)client->Execute("ROLLBACK");
      }
    }
  };
  std::thread first(swapper, 11), second(swapper, 23);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  bool submitted =
      Tablet("MIGRATION SUBMIT 'uq-add' ALTER TABLE uq ADD COLUMN w INT NOT NULL DEFAULT 7").ok();
  auto row = submitted ? WaitFor("uq-add", {"complete"}) : std::map<std::string, std::string>{};
  stop = true;
  first.join();
  second.join();
  ASSERT_TRUE(submitted);
  EXPECT_EQ(row["state"], "complete") << row["message"];
  EXPECT_GT(swaps.load(), 100u);
  // Every row holds the value its shadow holds.
  auto total = Query("SELECT COUNT(*) FROM uq");
  auto same = Query("SELECT COUNT(*) FROM uq JOIN uq_shadow s USING (id) WHERE uq.v = s.v");
  ASSERT_FALSE(total.empty());
  ASSERT_FALSE(same.empty());
  EXPECT_EQ(total[0][0].value_or(""), std::to_string(kRows));
  EXPECT_EQ(same[0][0].value_or(""), std::to_string(kRows));
}

}  // namespace
}  // namespace tessera

namespace tessera {
namespace {

TEST_F(OnlineDdlTest, SurvivesAKilledTabletWhileWaitingForCutOverAndAMariaDbRestartMidCopy) {
  CreateTables("m");
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'mr-1' ALTER TABLE m ADD COLUMN extra2 INT DEFAULT 3").ok());
  ASSERT_TRUE(Tablet("MIGRATION CHUNK 'mr-1' 500").ok());
  {
    Writers writers(this, "m", 2);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      auto copied = Show("mr-1")["rows_copied"];
      if (!copied.empty() && std::stoull(copied) > 10000) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    writers.Stop();
  }
  // MariaDB goes away mid-copy and comes back on the same port.
  sql_.reset();
  ASSERT_TRUE(db_->Stop().ok());
  ASSERT_TRUE(db_->Start().ok());
  sql_ = Connect();
  ASSERT_NE(sql_, nullptr);
  ASSERT_TRUE(Tablet("MIGRATION CHUNK 'mr-1' 0").ok());
  {
    Writers writers(this, "m", 2);
    auto row = WaitFor("mr-1", {"complete"});
    ASSERT_EQ(row["state"], "complete") << row["message"];
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    writers.Stop();
  }
  EXPECT_EQ(Checksum("m"), Checksum("m_shadow")) << Differences("m");

  // Killed while a postponed migration keeps the ghost in sync.
  ASSERT_TRUE(Tablet("MIGRATION SUBMIT 'mr-2' POSTPONE ALTER TABLE m DROP COLUMN extra2").ok());
  {
    Writers writers(this, "m", 2);
    EXPECT_EQ(WaitFor("mr-2", {"ready_to_complete"})["state"], "ready_to_complete");
    KillTablet();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    StartTablet();
    EXPECT_EQ(WaitFor("mr-2", {"ready_to_complete"})["state"], "ready_to_complete");
    ASSERT_TRUE(Tablet("MIGRATION CUTOVER 'mr-2'").ok());
    EXPECT_EQ(WaitFor("mr-2", {"complete"})["state"], "complete");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    writers.Stop();
  }
  EXPECT_EQ(Checksum("m"), Checksum("m_shadow")) << Differences("m");
  EXPECT_TRUE(Query("SHOW TABLES LIKE 'm\\_%\\_gho'").empty());
}

}  // namespace
}  // namespace tessera
