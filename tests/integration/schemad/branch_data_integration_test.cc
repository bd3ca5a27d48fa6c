// Branches with data (`branch create --with-data`, `branch reset --with-data`)
// against real MariaDB servers: a keyspace "customer" with shards -80 and 80-
// on two private servers and the real schemad and tessera binaries.
//
// Consistency is checked deterministically: while the branch is created, a
// writer per shard keeps committing transactions that insert row k into
// `items` and row k into `audit` (k increasing, content a function of k).
// One consistent snapshot per shard means the branch holds ids 1..N in both
// tables for one N per shard, between the seeded count and the parent's
// final count, with every column identical to the parent's row.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "cli/local/mariadb_client.h"
#include "cli/local/mariadb_instance.h"
#include "cli/local/net_probe.h"
#include "cli/local/process.h"
#include "cli/local/temp_dir.h"
#include "tests/integration/support/http_call.h"
#include "tests/integration/support/run_shell.h"

namespace tessera {
namespace {

using nlohmann::json;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr const char* kToken = "branch-data-test-token-0123";
constexpr int kSeedRows = 3000;

using testing::CommandResult;
using testing::HttpResult;
using testing::RunShell;

HttpResult Http(uint16_t port, const std::string& method, const std::string& target,
                const std::optional<json>& body = std::nullopt) {
  return testing::HttpCall(port, method, target, body, std::string("Bearer ") + kToken);
}

using Rows = std::vector<std::vector<std::optional<std::string>>>;

// `items` row k, every column a function of k: NULLs, negative and large
// decimals, doubles, unicode and quotes, bytes 0x00 ' \ and 0xFF, dates,
// times, BIT, ENUM, JSON, unsigned extremes and a generated column.
std::string ItemSelect(const std::string& from) {
  return "SELECT seq, IF(seq % 7 = 0, NULL, seq * 3 - 5000), seq * 1.234567 - 1000, seq / 3e0, "
         "IF(seq % 11 = 0, NULL, CONCAT('名前 ', seq, ' \\'quote\\' \\\\ back \"dq\" 😀')), "
         "CONCAT(CHAR(0), CHAR(39), CHAR(92), CHAR(255), UNHEX(SHA2(seq, 256))), "
         "IF(seq % 5 = 0, NULL, REPEAT(CHAR(seq % 256), seq % 50)), "
         "DATE '2000-01-01' + INTERVAL seq DAY, "
         "TIMESTAMP '2020-01-01 00:00:00.123456' + INTERVAL seq SECOND, "
         "FROM_UNIXTIME(1600000000 + seq), SEC_TO_TIME(seq * 37 - 50000), seq % 256, "
         "ELT(seq % 3 + 1, 'a', 'b', 'c'), JSON_OBJECT('id', seq, 's', 'x\"y'), "
         "18446744073709551615 - seq, 1901 + seq % 200 FROM (SELECT CAST(seq AS SIGNED) AS seq "
         "FROM " +
         from + ") s";
}

constexpr const char* kItemColumns =
    "(id, n, price, amount, note, payload, blobby, born, seen, ts, dur, flag, kind, doc, big, yr)";

// Null-safe equality of every column of items b and p (the generated one too).
constexpr const char* kItemsEqual =
    "p.n <=> b.n AND p.price <=> b.price AND p.amount <=> b.amount AND "
    "BINARY p.note <=> BINARY b.note AND p.payload <=> b.payload AND p.blobby <=> b.blobby AND "
    "p.born <=> b.born AND p.seen <=> b.seen AND p.ts <=> b.ts AND p.dur <=> b.dur AND "
    "p.flag <=> b.flag AND p.kind <=> b.kind AND BINARY p.doc <=> BINARY b.doc AND "
    "p.big <=> b.big AND p.yr <=> b.yr AND p.total <=> b.total";

class BranchDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new local::TempDir("tessera-branch-data-");
    for (int i = 0; i < 2; ++i) {
      local::MariaDbInstanceOptions o;
      o.data_dir = dir_->Sub("shard" + std::to_string(i));
      o.server_id = 200 + i;
      auto db = std::make_unique<local::MariaDbInstance>(o);
      Status s = db->Initialize();
      if (s.ok()) s = db->Start();
      if (!s.ok()) {
        setup_error_ = "MariaDB " + std::to_string(i) + ": " + s.error().message;
        return;
      }
      servers_[i] = db.release();
      const std::string seed = std::to_string(kSeedRows);
      for (const std::string& sql : std::vector<std::string>{
               "CREATE DATABASE vt_customer CHARACTER SET utf8mb4",
               "CREATE TABLE vt_customer.items (id BIGINT PRIMARY KEY, n INT NULL, "
               "price DECIMAL(20,6), amount DOUBLE, note VARCHAR(200), payload VARBINARY(300), "
               "blobby BLOB, born DATE, seen DATETIME(6), ts TIMESTAMP(3) NULL, dur TIME, "
               "flag BIT(8), kind ENUM('a','b','c'), doc JSON, big BIGINT UNSIGNED, yr YEAR, "
               "total DECIMAL(21,6) AS (price * 2) STORED) CHARACTER SET utf8mb4",
               "CREATE TABLE vt_customer.audit (id BIGINT PRIMARY KEY, item_id BIGINT NOT NULL)",
               // A composite key over text and number: keyset pagination on both.
               "CREATE TABLE vt_customer.tags (name VARCHAR(64) NOT NULL, seq INT NOT NULL, "
               "label VARCHAR(64), PRIMARY KEY (name, seq)) CHARACTER SET utf8mb4",
               // No primary key: one pass.
               "CREATE TABLE vt_customer.log_nokey (msg VARCHAR(100), n INT)",
               "INSERT INTO vt_customer.items " + std::string(kItemColumns) + " " +
                   ItemSelect("mysql.seq_1_to_" + seed),
               "INSERT INTO vt_customer.audit SELECT seq, seq FROM mysql.seq_1_to_" + seed,
               "INSERT INTO vt_customer.tags SELECT CONCAT('tag-', seq % 17), seq, "
               "IF(seq % 4 = 0, NULL, CONCAT('ünï ', seq)) FROM mysql.seq_1_to_2500",
               "INSERT INTO vt_customer.log_nokey SELECT CONCAT('m', seq % 10), seq FROM "
               "mysql.seq_1_to_700",
               "INSERT INTO vt_customer.log_nokey SELECT 'dup', 1 FROM mysql.seq_1_to_3"}) {
        if (Status e = Exec(i, sql); !e.ok()) {
          setup_error_ = sql + ": " + e.error().message;
          return;
        }
      }
    }
    auto ports = local::PickFreePorts(4);
    if (!ports.ok()) {
      setup_error_ = "no free port: " + ports.error().message;
      return;
    }
    port_ = (*ports)[0];
    config_path_ = dir_->Sub("cluster.yaml");
    std::ofstream(config_path_) << "vtgate: {host: 127.0.0.1, port: " << (*ports)[3] << "}\n"
                                << "schemad: {host: 127.0.0.1, port: " << port_
                                << ", token: " << kToken << "}\n"
                                << "users: [{name: app, password: app}]\n"
                                << "keyspaces:\n"
                                << "  customer:\n"
                                << "    sharded: true\n"
                                << "    vindexes: {hash: {type: hash}}\n"
                                << "    tables:\n"
                                << "      items: {column_vindexes: [{column: id, vindex: hash}]}\n"
                                << "    shards:\n"
                                << "      - {name: \"-80\", tablet: {port: " << (*ports)[1]
                                << "}, mariadb: {port: " << servers_[0]->port()
                                << ", server_id: 200}}\n"
                                << "      - {name: \"80-\", tablet: {port: " << (*ports)[2]
                                << "}, mariadb: {port: " << servers_[1]->port()
                                << ", server_id: 201}}\n";
    setup_error_ = StartSchemad();
  }

  static void TearDownTestSuite() {
    StopSchemad();
    for (auto*& server : servers_) {
      delete server;
      server = nullptr;
    }
    delete dir_;
    dir_ = nullptr;
  }

  // "" on success. Small chunks: many keyset round trips, and copies that
  // last long enough to be interfered with.
  static std::string StartSchemad() {
    std::string log = dir_->Sub("schemad.log");
    auto pid = local::SpawnDetached({std::string(TESSERA_BIN_DIR) + "/schemad", "--config",
                                     config_path_, "--branch-copy-chunk-rows", "50"},
                                    log);
    if (!pid.ok()) return pid.error().message;
    schemad_pid_ = *pid;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!local::IsProcessAlive(schemad_pid_)) return "schemad exited:\n" + local::FileTail(log);
      if (local::CanConnect("127.0.0.1", port_, std::chrono::milliseconds(200))) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "schemad did not listen:\n" + local::FileTail(log);
  }

  static void StopSchemad() {
    if (schemad_pid_ > 0) (void)local::StopProcess(schemad_pid_, std::chrono::seconds(10));
    schemad_pid_ = -1;
  }

  void SetUp() override { ASSERT_EQ(setup_error_, "") << setup_error_; }

  static Status Exec(int shard, const std::string& sql) {
    local::MariaDbLogin login = servers_[shard]->Login();
    auto client = local::MariaDbClient::Connect(login, std::chrono::seconds(60));
    if (!client.ok()) return client.error();
    if (Status s = (*client)->Execute("SET NAMES utf8mb4"); !s.ok()) return s;
    return (*client)->Execute(sql);
  }

  static Rows Query(int shard, const std::string& sql) {
    auto client = local::MariaDbClient::Connect(servers_[shard]->Login(), std::chrono::seconds(60));
    EXPECT_TRUE(client.ok()) << client.error().message;
    if (!client.ok()) return {};
    EXPECT_TRUE((*client)->Execute("SET NAMES utf8mb4").ok());
    auto rows = (*client)->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.error().message;
    return rows.ok() ? *rows : Rows{};
  }

  static int64_t Number(int shard, const std::string& sql) {
    Rows rows = Query(shard, sql);
    if (rows.empty() || rows[0].empty() || !rows[0][0]) return -1;
    return std::stoll(*rows[0][0]);
  }

  // Polls the branch until its data state is not "copying"; its last JSON.
  static json WaitForData(const std::string& branch) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
    json last;
    while (std::chrono::steady_clock::now() < deadline) {
      HttpResult r = Http(port_, "GET", "/api/keyspaces/customer/branches/" + branch);
      last = r.body;
      if (r.status != 200 || last.value("data_state", "") != "copying") return last;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return last;
  }

  // Waits until the branch's database on `shard` has rows in `table` (which
  // may not exist yet).
  static bool WaitForRows(int shard, const std::string& database, const std::string& table) {
    auto client = local::MariaDbClient::Connect(servers_[shard]->Login());
    if (!client.ok()) return false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      auto rows = (*client)->Query("SELECT COUNT(*) > 0 FROM " + database + "." + table);
      if (rows.ok() && !rows->empty() && rows->front().at(0) == "1") return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }

  CommandResult Tessera(const std::string& args) {
    return RunShell(std::string(TESSERA_BIN_DIR) + "/tessera " + args + " --config " +
                    config_path_);
  }

  // A parent branch "src" whose first table (by name) is big and whose
  // second is small, so that a copy is still on the first when the second
  // is dropped.
  static void MakeSlowSource(const std::string& name) {
    HttpResult src = Http(port_, "POST", "/api/keyspaces/customer/branches",
                          json{{"name", name}, {"parent", "main"}});
    ASSERT_EQ(src.status, 201u) << src.raw;
    const std::string db = "vt_customer__" + name;
    for (int shard = 0; shard < 2; ++shard) {
      for (const std::string& sql : std::vector<std::string>{
               "CREATE TABLE " + db + ".a_big (id INT PRIMARY KEY, v VARCHAR(40))",
               "INSERT INTO " + db + ".a_big SELECT seq, MD5(seq) FROM mysql.seq_1_to_40000",
               "CREATE TABLE " + db + ".b_small (id INT PRIMARY KEY)",
               "INSERT INTO " + db + ".b_small SELECT seq FROM mysql.seq_1_to_10"}) {
        Status s = Exec(shard, sql);
        ASSERT_TRUE(s.ok()) << sql << ": " << s.error().message;
      }
    }
  }

  static inline local::TempDir* dir_ = nullptr;
  static inline local::MariaDbInstance* servers_[2] = {nullptr, nullptr};
  static inline std::string setup_error_;
  static inline std::string config_path_;
  static inline uint16_t port_ = 0;
  static inline pid_t schemad_pid_ = -1;
};

TEST_F(BranchDataTest, CopiesOneConsistentSnapshotPerShardUnderWrites) {
  // Writers: transaction k inserts items k and audit k, k increasing.
  std::atomic<bool> stop{false};
  std::atomic<int64_t> written[2] = {0, 0};
  std::vector<std::thread> writers;
  std::string writer_error[2];
  for (int shard = 0; shard < 2; ++shard) {
    writers.emplace_back([&, shard] {
      auto client = local::MariaDbClient::Connect(servers_[shard]->Login());
      if (!client.ok()) {
        writer_error[shard] = client.error().message;
        return;
      }
      (void)(*client)->Execute("SET NAMES utf8mb4");
      for (int64_t k = kSeedRows + 1; !stop.load(); ++k) {
        const std::string id = std::to_string(k);
        for (const std::string& sql :
             {std::string("START TRANSACTION"),
              "INSERT INTO vt_customer.items " + std::string(kItemColumns) + " " +
                  ItemSelect("mysql.seq_" + id + "_to_" + id),
              "INSERT INTO vt_customer.audit VALUES (" + id + ", " + id + ")",
              std::string("COMMIT")}) {
          if (Status s = (*client)->Execute(sql); !s.ok()) {
            writer_error[shard] = sql + ": " + s.error().message;
            return;
          }
        }
        written[shard] = k;
      }
    });
  }
  // Let the writers get going, then branch with data while they write.
  while (written[0].load() < kSeedRows + 20 || written[1].load() < kSeedRows + 20) {
    if (!writer_error[0].empty() || !writer_error[1].empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  HttpResult created = Http(port_, "POST", "/api/keyspaces/customer/branches",
                            json{{"name", "snap"}, {"with_data", true}});
  json done = WaitForData("snap");
  // Keep writing a little after the copy, then stop.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_EQ(writer_error[0], "");
  ASSERT_EQ(writer_error[1], "");
  ASSERT_EQ(created.status, 201u) << created.raw;
  EXPECT_EQ(created.body["data_state"], "copying") << created.raw;
  ASSERT_EQ(done.value("data_state", ""), "complete") << done.dump(2);

  int64_t branch_rows = 0;
  for (int shard = 0; shard < 2; ++shard) {
    SCOPED_TRACE("shard " + std::to_string(shard));
    const int64_t parent_max = Number(shard, "SELECT MAX(id) FROM vt_customer.items");
    const int64_t n = Number(shard, "SELECT COUNT(*) FROM vt_customer__snap.items");
    // A prefix 1..n of the ids, n between the seed and the parent's final count.
    EXPECT_EQ(Number(shard, "SELECT MIN(id) FROM vt_customer__snap.items"), 1);
    EXPECT_EQ(Number(shard, "SELECT MAX(id) FROM vt_customer__snap.items"), n);
    EXPECT_GE(n, kSeedRows + 20) << "writes committed before the create are in the branch";
    EXPECT_LT(n, parent_max) << "writes after the snapshot are not in the branch";
    // The same instant in the other table.
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer__snap.audit"), n);
    EXPECT_EQ(Number(shard, "SELECT MAX(id) FROM vt_customer__snap.audit"), n);
    // Every column equal to the parent's row.
    EXPECT_EQ(Number(shard,
                     "SELECT COUNT(*) FROM vt_customer__snap.items b JOIN vt_customer.items p "
                     "ON p.id = b.id AND " +
                         std::string(kItemsEqual)),
              n);
    EXPECT_EQ(
        Number(shard,
               "SELECT COUNT(*) FROM vt_customer__snap.items WHERE note IS NULL OR n IS NULL "
               "OR blobby IS NULL"),
        Number(shard, "SELECT COUNT(*) FROM vt_customer.items WHERE id <= " + std::to_string(n) +
                          " AND (note IS NULL OR n IS NULL OR blobby IS NULL)"));
    EXPECT_GT(n / 7, 0);
    EXPECT_EQ(Number(shard,
                     "SELECT COUNT(*) FROM vt_customer__snap.items WHERE note LIKE "
                     "'名前 %😀'"),
              Number(shard, "SELECT COUNT(*) FROM vt_customer.items WHERE id <= " +
                                std::to_string(n) + " AND note LIKE '名前 %😀'"));
    // Composite key and keyless tables, whole.
    const char* tags_equal =
        "SELECT COUNT(*) FROM vt_customer__snap.tags b JOIN vt_customer.tags p ON "
        "BINARY p.name = BINARY b.name AND p.seq = b.seq AND BINARY p.label <=> BINARY b.label";
    EXPECT_EQ(Number(shard, tags_equal), 2500);
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer__snap.tags"), 2500);
    const char* log_sum =
        "SELECT COUNT(*) * 1000000 + SUM(CRC32(CONCAT_WS('|', msg, n))) % 1000000 ";
    EXPECT_EQ(Number(shard, std::string(log_sum) + "FROM vt_customer__snap.log_nokey"),
              Number(shard, std::string(log_sum) + "FROM vt_customer.log_nokey"));
    branch_rows += 2 * n + 2500 + 703;

    // Isolation both ways after the copy.
    ASSERT_TRUE(Exec(shard, "INSERT INTO vt_customer.audit VALUES (900000001, 1)").ok());
    ASSERT_TRUE(Exec(shard, "INSERT INTO vt_customer__snap.audit VALUES (900000002, 2)").ok());
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer__snap.audit WHERE id = 900000001"),
              0);
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer.audit WHERE id = 900000002"), 0);
  }

  // The branch reports what it copied.
  const json data = done["data"];
  EXPECT_EQ(data["rows_copied"].get<int64_t>(), branch_rows) << done.dump(2);
  EXPECT_EQ(data["rows_estimated"].get<int64_t>(), branch_rows) << done.dump(2);
  EXPECT_EQ(data["progress"], 100);
  EXPECT_TRUE(data["message"].is_null());
  ASSERT_EQ(data["shards"].size(), 2u);
  for (const auto& shard : data["shards"]) EXPECT_EQ(shard["state"], "complete") << shard;
  CommandResult show = Tessera("branch show customer snap");
  EXPECT_EQ(show.exit_code, 0) << show.output;
  EXPECT_NE(show.output.find("data:            complete"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("data complete [####"), std::string::npos) << show.output;
  EXPECT_NE(
      show.output.find(std::to_string(branch_rows) + "/" + std::to_string(branch_rows) + " rows"),
      std::string::npos)
      << show.output;

  // Reset without data empties it; with data copies the parent's current rows.
  HttpResult reset = Http(port_, "POST", "/api/keyspaces/customer/branches/snap/reset");
  ASSERT_EQ(reset.status, 200u) << reset.raw;
  EXPECT_EQ(reset.body["data_state"], "schema-only");
  EXPECT_EQ(Number(0, "SELECT COUNT(*) FROM vt_customer__snap.items"), 0);
  HttpResult again =
      Http(port_, "POST", "/api/keyspaces/customer/branches/snap/reset", json{{"with_data", true}});
  ASSERT_EQ(again.status, 200u) << again.raw;
  EXPECT_EQ(WaitForData("snap").value("data_state", ""), "complete");
  for (int shard = 0; shard < 2; ++shard) {
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer__snap.audit"),
              Number(shard, "SELECT COUNT(*) FROM vt_customer.audit"));
  }
}

TEST_F(BranchDataTest, CliCreatesWithDataAndWaits) {
  CommandResult create = Tessera("branch create customer cli-data --with-data");
  ASSERT_EQ(create.exit_code, 0) << create.output;
  EXPECT_NE(create.output.find("copying the data of main"), std::string::npos) << create.output;
  EXPECT_NE(create.output.find("rows/s"), std::string::npos) << create.output;
  EXPECT_NE(create.output.find("data complete [##############################] 100%"),
            std::string::npos)
      << create.output;
  EXPECT_NE(create.output.find("branch cli-data has its data: "), std::string::npos)
      << create.output;
  for (int shard = 0; shard < 2; ++shard) {
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer__cli_data.tags"), 2500);
  }
  CommandResult no_wait = Tessera("branch create customer cli-nowait --with-data --no-wait");
  ASSERT_EQ(no_wait.exit_code, 0) << no_wait.output;
  EXPECT_NE(no_wait.output.find("copying the data of main in the background"), std::string::npos)
      << no_wait.output;
  EXPECT_EQ(no_wait.output.find("has its data"), std::string::npos) << no_wait.output;
  EXPECT_EQ(WaitForData("cli-nowait").value("data_state", ""), "complete");
  CommandResult list = Tessera("branch list customer");
  EXPECT_NE(list.output.find("complete"), std::string::npos) << list.output;
}

TEST_F(BranchDataTest, MissingParentIsAClearError) {
  HttpResult r = Http(port_, "POST", "/api/keyspaces/customer/branches",
                      json{{"name", "orphan"}, {"parent", "nope"}, {"with_data", true}});
  EXPECT_EQ(r.status, 404u) << r.raw;
  EXPECT_EQ(r.body["error"]["code"], "not_found") << r.raw;
  HttpResult bad = Http(port_, "POST", "/api/keyspaces/customer/branches",
                        json{{"name", "orphan"}, {"with_data", "yes"}});
  EXPECT_EQ(bad.status, 400u) << bad.raw;
  EXPECT_EQ(bad.body["error"]["code"], "invalid_argument") << bad.raw;
  CommandResult cli = Tessera("branch create customer orphan --from nope --with-data");
  EXPECT_NE(cli.exit_code, 0) << cli.output;
  EXPECT_NE(cli.output.find("tessera branch create: branch nope not found"), std::string::npos)
      << cli.output;
  EXPECT_EQ(Http(port_, "GET", "/api/keyspaces/customer/branches/orphan").status, 404u);
}

TEST_F(BranchDataTest, ParentTableDroppedMidCopyFailsTheBranch) {
  ASSERT_NO_FATAL_FAILURE(MakeSlowSource("src"));
  HttpResult created = Http(port_, "POST", "/api/keyspaces/customer/branches",
                            json{{"name", "child"}, {"parent", "src"}, {"with_data", true}});
  ASSERT_EQ(created.status, 201u) << created.raw;
  ASSERT_TRUE(WaitForRows(0, "vt_customer__child", "a_big"));
  for (int shard = 0; shard < 2; ++shard)
    ASSERT_TRUE(Exec(shard, "DROP TABLE vt_customer__src.b_small").ok());
  json done = WaitForData("child");
  ASSERT_EQ(done.value("data_state", ""), "failed") << done.dump(2);
  const std::string message = done["data"]["message"];
  EXPECT_NE(message.find("shard customer/"), std::string::npos) << message;
  EXPECT_NE(message.find("b_small"), std::string::npos) << message;

  CommandResult show = Tessera("branch show customer child");
  EXPECT_EQ(show.exit_code, 0) << show.output;
  EXPECT_NE(show.output.find("data:            failed"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("error: shard customer/"), std::string::npos) << show.output;
  // A child of a failed copy would inherit half the data: refused.
  HttpResult grandchild =
      Http(port_, "POST", "/api/keyspaces/customer/branches",
           json{{"name", "grandchild"}, {"parent", "child"}, {"with_data", true}});
  EXPECT_EQ(grandchild.status, 409u) << grandchild.raw;
  // Reset with data takes the parent's current schema (no b_small) and copies.
  CommandResult reset = Tessera("branch reset customer child --with-data");
  EXPECT_EQ(reset.exit_code, 0) << reset.output;
  for (int shard = 0; shard < 2; ++shard)
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer__child.a_big"), 40000);
}

TEST_F(BranchDataTest, CliReportsAFailedCopy) {
  ASSERT_NO_FATAL_FAILURE(MakeSlowSource("src2"));
  // The CLI waits; the table goes away under the copy.
  std::thread dropper([] {
    if (WaitForRows(1, "vt_customer__cli_fail", "a_big")) {
      for (int shard = 0; shard < 2; ++shard)
        (void)Exec(shard, "DROP TABLE vt_customer__src2.b_small");
    }
  });
  CommandResult cli = Tessera("branch create customer cli-fail --from src2 --with-data");
  dropper.join();
  EXPECT_NE(cli.exit_code, 0) << cli.output;
  EXPECT_NE(cli.output.find("tessera branch create: data copy of branch cli-fail failed: shard "
                            "customer/"),
            std::string::npos)
      << cli.output;
  EXPECT_NE(cli.output.find("b_small"), std::string::npos) << cli.output;
}

// Last in the file: stops and restarts schemad.
TEST_F(BranchDataTest, RestartFailsAnInterruptedCopyAndResetRedoesIt) {
  ASSERT_NO_FATAL_FAILURE(MakeSlowSource("src3"));
  HttpResult created = Http(port_, "POST", "/api/keyspaces/customer/branches",
                            json{{"name", "victim"}, {"parent", "src3"}, {"with_data", true}});
  ASSERT_EQ(created.status, 201u) << created.raw;
  ASSERT_TRUE(WaitForRows(0, "vt_customer__victim", "a_big"));
  StopSchemad();
  ASSERT_EQ(StartSchemad(), "");
  HttpResult after = Http(port_, "GET", "/api/keyspaces/customer/branches/victim");
  ASSERT_EQ(after.status, 200u) << after.raw;
  // Unless the copy won the race and finished before the stop.
  if (after.body["data_state"] != "complete") {
    EXPECT_EQ(after.body["data_state"], "failed") << after.raw;
    EXPECT_NE(
        after.body["data"]["message"].get<std::string>().find("interrupted by a schemad restart"),
        std::string::npos)
        << after.raw;
  }
  HttpResult reset = Http(port_, "POST", "/api/keyspaces/customer/branches/victim/reset",
                          json{{"with_data", true}});
  ASSERT_EQ(reset.status, 200u) << reset.raw;
  EXPECT_EQ(WaitForData("victim").value("data_state", ""), "complete");
  for (int shard = 0; shard < 2; ++shard) {
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer__victim.a_big"), 40000);
    EXPECT_EQ(Number(shard, "SELECT COUNT(*) FROM vt_customer__victim.b_small"), 10);
  }
}

}  // namespace
}  // namespace tessera
