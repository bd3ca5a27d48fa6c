// The server-level commands against MariaDB Connector/C: the connection
// limit (1040), COM_STATISTICS, COM_PROCESS_KILL and COM_FIELD_LIST.
#include <mysql.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/protocol/fake_session.h"
#include "tests/integration/protocol/raw_client.h"
#include "vtgate/mysql/command.h"
#include "vtgate/mysql/err_packet.h"

namespace tessera::vtgate::mysql::testing {
namespace {

using namespace std::chrono_literals;

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using Connection = std::unique_ptr<MYSQL, MysqlCloser>;

class ServerCommandsTest : public ::testing::Test {
 protected:
  void StartServer(size_t max_connections = 20000) {
    ServerOptions options;
    options.max_connections = max_connections;
    server_ = StartFakeServer(&log_, options);
  }

  // Connects; null on failure, with the error kept in last_errno_/last_error_.
  Connection Connect(const char* user = "app", const char* password = "app") {
    Connection m(mysql_init(nullptr));
    unsigned int timeout = 5;
    mysql_options(m.get(), MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &timeout);
    if (!mysql_real_connect(m.get(), "127.0.0.1", user, password, nullptr, server_->port(), nullptr,
                            0)) {
      last_errno_ = ::mysql_errno(m.get());
      last_error_ = mysql_error(m.get());
      return nullptr;
    }
    return m;
  }

  // Waits until the server counts `n` live connections.
  bool WaitLive(size_t n) {
    for (int i = 0; i < 200; ++i) {
      if (server_->clients().live() == n) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  SessionLog log_;
  std::unique_ptr<Server> server_;
  unsigned last_errno_ = 0;
  std::string last_error_;
};

TEST_F(ServerCommandsTest, ConnectionsBeyondTheLimitGetTooManyConnections) {
  StartServer(2);
  Connection a = Connect();
  Connection b = Connect();
  ASSERT_TRUE(a && b) << last_error_;
  EXPECT_FALSE(Connect());
  EXPECT_EQ(last_errno_, 1040u);
  EXPECT_EQ(last_error_, "Too many connections");
  // The connected clients are served as before.
  EXPECT_EQ(mysql_query(a.get(), "select 1"), 0) << mysql_error(a.get());
  mysql_free_result(mysql_store_result(a.get()));
  // A slot that frees up is taken by the next client.
  b.reset();
  ASSERT_TRUE(WaitLive(1));
  Connection c = Connect();
  EXPECT_TRUE(c) << last_error_;
}

TEST_F(ServerCommandsTest, StatisticsCountThreadsAndQuestions) {
  StartServer();
  Connection a = Connect();
  Connection b = Connect();
  ASSERT_TRUE(a && b) << last_error_;
  ASSERT_TRUE(WaitLive(2));
  const std::string first = mysql_stat(a.get());
  EXPECT_EQ(first.rfind("Uptime: ", 0), 0u) << first;
  EXPECT_NE(first.find("  Threads: 2  Questions: "), std::string::npos) << first;
  EXPECT_NE(first.find("  Queries per second avg: "), std::string::npos) << first;
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(mysql_query(b.get(), "select 1"), 0);
    mysql_free_result(mysql_store_result(b.get()));
  }
  auto questions = [](const std::string& stat) {
    const size_t at = stat.find("Questions: ") + 11;
    return std::stoull(stat.substr(at, stat.find(' ', at) - at));
  };
  const std::string second = mysql_stat(a.get());
  EXPECT_EQ(questions(second), questions(first) + 4) << first << " / " << second;
}

// Connector/C's mysql_kill() sends a KILL statement: COM_PROCESS_KILL goes raw.
std::string ProcessKill(uint32_t id) {
  std::string payload(1, static_cast<char>(CommandCode::kProcessKill));
  for (int i = 0; i < 4; ++i) payload.push_back(static_cast<char>((id >> (8 * i)) & 0xff));
  return payload;
}

uint16_t ErrCode(const std::optional<std::string>& p) {
  if (!p) return 0;
  Result<ErrPacket> err = DecodeErrPacket(*p);
  return err.ok() ? err->error.code : 0;
}

bool IsOk(const std::optional<std::string>& p) {
  return p && !p->empty() && (*p)[0] == 0;
}

TEST_F(ServerCommandsTest, ProcessKillClosesTheOwnersConnection) {
  StartServer();
  Connection victim = Connect();
  ASSERT_TRUE(victim) << last_error_;
  const auto id = static_cast<uint32_t>(mysql_thread_id(victim.get()));
  RawClient killer(server_->port());
  ASSERT_TRUE(IsOk(killer.Login("app", "app")));
  RawClient stranger(server_->port());
  ASSERT_TRUE(IsOk(stranger.Login("nopass", "")));

  ASSERT_TRUE(stranger.SendPacket(ProcessKill(id), 0));
  EXPECT_EQ(ErrCode(stranger.ReadPacket()), 1095);
  ASSERT_TRUE(killer.SendPacket(ProcessKill(4000000000u), 0));
  EXPECT_EQ(ErrCode(killer.ReadPacket()), 1094);
  ASSERT_TRUE(killer.SendPacket(std::string(1, static_cast<char>(CommandCode::kProcessKill)), 0));
  EXPECT_EQ(ErrCode(killer.ReadPacket()), 1835);  // no id: malformed
  EXPECT_EQ(mysql_query(victim.get(), "select 1"), 0) << mysql_error(victim.get());
  mysql_free_result(mysql_store_result(victim.get()));

  ASSERT_TRUE(killer.SendPacket(ProcessKill(id), 0));
  EXPECT_TRUE(IsOk(killer.ReadPacket()));
  ASSERT_TRUE(WaitLive(2));
  EXPECT_NE(mysql_query(victim.get(), "select 1"), 0);
  const unsigned lost = ::mysql_errno(victim.get());
  EXPECT_TRUE(lost == 2013 || lost == 2006) << mysql_error(victim.get());
  // The killer carries on.
  std::string query(1, static_cast<char>(CommandCode::kQuery));
  query += "select 1";
  ASSERT_TRUE(killer.SendPacket(query, 0));
  EXPECT_EQ(killer.ReadPacket(), std::optional<std::string>("\x01"));
}

TEST_F(ServerCommandsTest, FieldListDescribesTheTablesColumns) {
  StartServer();
  Connection m = Connect();
  ASSERT_TRUE(m) << last_error_;
  MYSQL_RES* all = mysql_list_fields(m.get(), "rows", nullptr);
  ASSERT_NE(all, nullptr) << mysql_error(m.get());
  ASSERT_EQ(mysql_num_fields(all), 2u);
  MYSQL_FIELD* fields = mysql_fetch_fields(all);
  EXPECT_STREQ(fields[0].name, "id");
  EXPECT_EQ(fields[0].type, MYSQL_TYPE_LONGLONG);
  EXPECT_TRUE(fields[0].flags & NOT_NULL_FLAG);
  EXPECT_STREQ(fields[1].name, "name");
  EXPECT_EQ(fields[1].type, MYSQL_TYPE_VAR_STRING);
  mysql_free_result(all);

  MYSQL_RES* some = mysql_list_fields(m.get(), "rows", "NA%");
  ASSERT_NE(some, nullptr) << mysql_error(m.get());
  ASSERT_EQ(mysql_num_fields(some), 1u);
  EXPECT_STREQ(mysql_fetch_fields(some)[0].name, "name");
  mysql_free_result(some);

  // An unknown table is the session's error; the connection stays usable.
  EXPECT_EQ(mysql_list_fields(m.get(), "missing", nullptr), nullptr);
  EXPECT_EQ(::mysql_errno(m.get()), 1064u) << mysql_error(m.get());
  EXPECT_EQ(mysql_query(m.get(), "select 1"), 0) << mysql_error(m.get());
  mysql_free_result(mysql_store_result(m.get()));
}

}  // namespace
}  // namespace tessera::vtgate::mysql::testing
