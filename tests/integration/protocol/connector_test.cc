// Drives the protocol server with real clients: MariaDB Connector/C and the
// mariadb command-line client.
#include <mysql.h>

#include <cstdio>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/protocol/fake_session.h"

namespace tessera::vtgate::mysql::testing {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using Connection = std::unique_ptr<MYSQL, MysqlCloser>;
struct ResultFree {
  void operator()(MYSQL_RES* r) const { mysql_free_result(r); }
};
using StoredResult = std::unique_ptr<MYSQL_RES, ResultFree>;

class ConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = StartFakeServer(&log_); }

  // Connects; returns null and records errno/SQLSTATE on failure.
  Connection Connect(const char* user, const char* password, const char* db = nullptr) {
    Connection m(mysql_init(nullptr));
    unsigned int timeout = 5;
    mysql_options(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &timeout);
    if (!mysql_real_connect(m.get(), "127.0.0.1", user, password, db, server_->port(), nullptr,
                            0)) {
      last_errno_ = ::mysql_errno(m.get());
      last_sqlstate_ = mysql_sqlstate(m.get());
      last_error_ = mysql_error(m.get());
      return nullptr;
    }
    return m;
  }

  SessionLog log_;
  std::unique_ptr<Server> server_;
  unsigned last_errno_ = 0;
  std::string last_sqlstate_, last_error_;
};

TEST_F(ConnectorTest, SelectReturnsFieldsRowsAndNulls) {
  Connection m = Connect("app", "app");
  ASSERT_TRUE(m) << last_error_;
  EXPECT_NE(std::string(mysql_get_server_info(m.get())).find("MariaDB-tessera"), std::string::npos);
  ASSERT_EQ(mysql_query(m.get(), "select rows"), 0) << mysql_error(m.get());
  StoredResult res(mysql_store_result(m.get()));
  ASSERT_TRUE(res);
  ASSERT_EQ(mysql_num_fields(res.get()), 2u);
  ASSERT_EQ(mysql_num_rows(res.get()), 3u);
  MYSQL_FIELD* fields = mysql_fetch_fields(res.get());
  EXPECT_STREQ(fields[0].name, "id");
  EXPECT_EQ(fields[0].type, MYSQL_TYPE_LONGLONG);
  EXPECT_TRUE(fields[0].flags & NOT_NULL_FLAG);
  EXPECT_STREQ(fields[1].name, "name");
  EXPECT_EQ(fields[1].type, MYSQL_TYPE_VAR_STRING);
  EXPECT_STREQ(fields[1].table, "t");
  EXPECT_STREQ(fields[1].db, "commerce");
  MYSQL_ROW row = mysql_fetch_row(res.get());
  EXPECT_STREQ(row[0], "1");
  EXPECT_STREQ(row[1], "alice");
  row = mysql_fetch_row(res.get());
  EXPECT_STREQ(row[0], "2");
  EXPECT_EQ(row[1], nullptr);
  row = mysql_fetch_row(res.get());
  ASSERT_NE(row[1], nullptr);
  EXPECT_STREQ(row[1], "");
  EXPECT_EQ(mysql_fetch_row(res.get()), nullptr);
}

TEST_F(ConnectorTest, LargeResultSetArrivesWhole) {
  Connection m = Connect("app", "app");
  ASSERT_TRUE(m);
  ASSERT_EQ(mysql_query(m.get(), "select many"), 0);
  StoredResult res(mysql_store_result(m.get()));
  ASSERT_TRUE(res);
  ASSERT_EQ(mysql_num_rows(res.get()), 10000u);
  mysql_data_seek(res.get(), 9999);
  EXPECT_STREQ(mysql_fetch_row(res.get())[0], "9999");
}

TEST_F(ConnectorTest, OkPacketCarriesCounters) {
  Connection m = Connect("app", "app");
  ASSERT_TRUE(m);
  ASSERT_EQ(mysql_query(m.get(), "insert"), 0);
  EXPECT_EQ(mysql_field_count(m.get()), 0u);
  EXPECT_EQ(mysql_affected_rows(m.get()), 3u);
  EXPECT_EQ(mysql_insert_id(m.get()), 42u);
  EXPECT_STREQ(mysql_info(m.get()), "Records: 3");
}

TEST_F(ConnectorTest, ErrorsKeepCodeAndSqlState) {
  Connection m = Connect("app", "app");
  ASSERT_TRUE(m);
  EXPECT_NE(mysql_query(m.get(), "fail"), 0);
  EXPECT_EQ(::mysql_errno(m.get()), 1146u);
  EXPECT_STREQ(mysql_sqlstate(m.get()), "42S02");
  EXPECT_STREQ(mysql_error(m.get()), "Table 'commerce.nope' doesn't exist");
  EXPECT_NE(mysql_query(m.get(), "bogus"), 0);
  EXPECT_EQ(::mysql_errno(m.get()), 1064u);
  // The connection survives errors.
  ASSERT_EQ(mysql_query(m.get(), "select 1"), 0);
  StoredResult res(mysql_store_result(m.get()));
  EXPECT_STREQ(mysql_fetch_row(res.get())[0], "1");
}

TEST_F(ConnectorTest, WrongPasswordOrUserIsAccessDenied) {
  EXPECT_FALSE(Connect("app", "wrong"));
  EXPECT_EQ(last_errno_, 1045u);
  EXPECT_EQ(last_sqlstate_, "28000");
  EXPECT_EQ(last_error_, "Access denied for user 'app'@'127.0.0.1' (using password: YES)");
  EXPECT_FALSE(Connect("ghost", "app"));
  EXPECT_EQ(last_error_, "Access denied for user 'ghost'@'127.0.0.1' (using password: YES)");
  EXPECT_FALSE(Connect("app", ""));
  EXPECT_EQ(last_error_, "Access denied for user 'app'@'127.0.0.1' (using password: NO)");
  EXPECT_TRUE(Connect("nopass", ""));
}

TEST_F(ConnectorTest, DatabaseFromHandshakeAndSelectDb) {
  Connection m = Connect("app", "app", "commerce");
  ASSERT_TRUE(m) << last_error_;
  EXPECT_EQ(mysql_select_db(m.get(), "customer"), 0);
  EXPECT_NE(mysql_select_db(m.get(), "nope"), 0);
  EXPECT_EQ(::mysql_errno(m.get()), 1049u);
  EXPECT_STREQ(mysql_sqlstate(m.get()), "42000");
  EXPECT_EQ(mysql_ping(m.get()), 0);
  EXPECT_FALSE(Connect("app", "app", "nope"));
  EXPECT_EQ(last_errno_, 1049u);
  std::lock_guard lock(log_.mu);
  ASSERT_GE(log_.clients.size(), 1u);
  EXPECT_EQ(log_.clients[0].user, "app");
  EXPECT_EQ(log_.clients[0].database, "commerce");
  EXPECT_EQ(log_.clients[0].remote_address, "127.0.0.1");
}

TEST_F(ConnectorTest, UnsupportedCommandIsUnknownCommand) {
  Connection m = Connect("app", "app");
  ASSERT_TRUE(m);
  // COM_DEBUG is not served.
  EXPECT_NE(mysql_dump_debug_info(m.get()), 0);
  EXPECT_EQ(::mysql_errno(m.get()), 1047u);
  EXPECT_EQ(mysql_ping(m.get()), 0);
}

TEST_F(ConnectorTest, ConcurrentClientsSpreadOverWorkers) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      Connection m = Connect("app", "app");
      if (!m) {
        ++failures;
        return;
      }
      for (int i = 0; i < 50; ++i) {
        if (mysql_query(m.get(), "select 1") != 0) {
          ++failures;
          continue;
        }
        StoredResult res(mysql_store_result(m.get()));
        if (!res || std::string(mysql_fetch_row(res.get())[0]) != "1") ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<size_t> workers;
  std::set<uint32_t> ids;
  std::lock_guard lock(log_.mu);
  for (const ClientInfo& c : log_.clients) {
    workers.insert(c.worker);
    ids.insert(c.connection_id);
  }
  EXPECT_EQ(workers, (std::set<size_t>{0, 1}));
  EXPECT_EQ(ids.size(), log_.clients.size());
}

TEST_F(ConnectorTest, StopClosesLiveConnections) {
  Connection m = Connect("app", "app");
  ASSERT_TRUE(m);
  server_->Stop();
  EXPECT_NE(mysql_query(m.get(), "select 1"), 0);
  EXPECT_FALSE(Connect("app", "app"));
}

// Runs the mariadb command-line client; returns its output and exit status.
std::pair<std::string, int> RunCli(uint16_t port, const std::string& user,
                                   const std::string& password, const std::string& sql) {
  std::string cmd = "mariadb --no-defaults --connect-timeout=5 -h127.0.0.1 -P" +
                    std::to_string(port) + " -u" + user + " -p" + password + " -e '" + sql +
                    "' 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = pclose(pipe);
  return {out, status};
}

TEST_F(ConnectorTest, MariadbCommandLineClient) {
  auto [out, status] = RunCli(server_->port(), "app", "app", "select 1");
  EXPECT_EQ(status, 0) << out;
  EXPECT_EQ(out, "1\n1\n");
  auto [rows, rows_status] = RunCli(server_->port(), "app", "app", "select rows");
  EXPECT_EQ(rows_status, 0) << rows;
  EXPECT_EQ(rows, "id\tname\n1\talice\n2\tNULL\n3\t\n");
  auto [denied, denied_status] = RunCli(server_->port(), "app", "bad", "select 1");
  EXPECT_NE(denied_status, 0);
  EXPECT_NE(denied.find("ERROR 1045 (28000): Access denied for user 'app'@'127.0.0.1'"),
            std::string::npos)
      << denied;
  auto [failed, failed_status] = RunCli(server_->port(), "app", "app", "fail");
  EXPECT_NE(failed_status, 0);
  EXPECT_NE(failed.find("ERROR 1146 (42S02)"), std::string::npos) << failed;
}

}  // namespace
}  // namespace tessera::vtgate::mysql::testing
