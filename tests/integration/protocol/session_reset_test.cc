// COM_CHANGE_USER and COM_RESET_CONNECTION against the protocol server with
// FakeSession: MariaDB Connector/C for the normal paths, a raw socket for
// what Connector/C does not send.
#include <mysql.h>

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "tests/integration/protocol/fake_session.h"
#include "tests/integration/protocol/raw_client.h"
#include "vtgate/mysql/change_user.h"
#include "vtgate/mysql/command.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/err_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql::testing {
namespace {

struct MysqlCloser {
  void operator()(MYSQL* m) const { mysql_close(m); }
};
using Connection = std::unique_ptr<MYSQL, MysqlCloser>;

class SessionResetTest : public ::testing::Test {
 protected:
  void SetUp() override { server_ = StartFakeServer(&log_); }

  Connection Connect(const char* db) {
    Connection m(mysql_init(nullptr));
    unsigned int timeout = 5;
    mysql_options(m.get(), MYSQL_OPT_READ_TIMEOUT, &timeout);
    if (!mysql_real_connect(m.get(), "127.0.0.1", "app", "app", db, server_->port(), nullptr, 0)) {
      ADD_FAILURE() << mysql_error(m.get());
      return nullptr;
    }
    return m;
  }

  static std::string CurrentDb(MYSQL* m) {
    if (mysql_query(m, "select db") != 0) return "error " + std::string(mysql_error(m));
    MYSQL_RES* res = mysql_store_result(m);
    std::string db = mysql_fetch_row(res)[0];
    mysql_free_result(res);
    return db;
  }

  ClientInfo LastClient() {
    std::lock_guard lock(log_.mu);
    return log_.clients.back();
  }
  int Closed() {
    std::lock_guard lock(log_.mu);
    return log_.closed;
  }
  size_t Sessions() {
    std::lock_guard lock(log_.mu);
    return log_.clients.size();
  }

  SessionLog log_;
  std::unique_ptr<Server> server_;
};

TEST_F(SessionResetTest, ChangeUserStartsAFreshSessionForTheNewUser) {
  Connection m = Connect("commerce");
  ASSERT_TRUE(m);
  EXPECT_EQ(CurrentDb(m.get()), "commerce");
  ASSERT_EQ(mysql_change_user(m.get(), "nopass", "", "customer"), 0) << mysql_error(m.get());
  EXPECT_EQ(Closed(), 1);
  EXPECT_EQ(Sessions(), 2u);
  EXPECT_EQ(LastClient().user, "nopass");
  EXPECT_EQ(LastClient().database, "customer");
  EXPECT_EQ(CurrentDb(m.get()), "customer");
  // Back to a user with a password, no database.
  ASSERT_EQ(mysql_change_user(m.get(), "app", "app", nullptr), 0) << mysql_error(m.get());
  EXPECT_EQ(LastClient().user, "app");
  EXPECT_EQ(CurrentDb(m.get()), "");
  EXPECT_EQ(Closed(), 2);
}

TEST_F(SessionResetTest, ChangeUserWithAWrongPasswordIsDeniedAndEndsTheConnection) {
  Connection m = Connect(nullptr);
  ASSERT_TRUE(m);
  EXPECT_NE(mysql_change_user(m.get(), "app", "wrong", nullptr), 0);
  EXPECT_EQ(::mysql_errno(m.get()), 1045u);
  EXPECT_STREQ(mysql_sqlstate(m.get()), "28000");
  EXPECT_STREQ(mysql_error(m.get()),
               "Access denied for user 'app'@'127.0.0.1' (using password: YES)");
  EXPECT_NE(mysql_query(m.get(), "select 1"), 0);
  EXPECT_EQ(Sessions(), 1u);

  Connection other = Connect(nullptr);
  ASSERT_TRUE(other);
  EXPECT_NE(mysql_change_user(other.get(), "ghost", "x", nullptr), 0);
  EXPECT_EQ(::mysql_errno(other.get()), 1045u);
}

TEST_F(SessionResetTest, ChangeUserToAnUnknownDatabaseFails) {
  Connection m = Connect(nullptr);
  ASSERT_TRUE(m);
  EXPECT_NE(mysql_change_user(m.get(), "app", "app", "nope"), 0);
  EXPECT_EQ(::mysql_errno(m.get()), 1049u);
  EXPECT_STREQ(mysql_sqlstate(m.get()), "42000");
}

TEST_F(SessionResetTest, ResetConnectionKeepsUserAndDatabase) {
  Connection m = Connect("commerce");
  ASSERT_TRUE(m);
  ASSERT_EQ(mysql_select_db(m.get(), "customer"), 0);
  ASSERT_EQ(mysql_reset_connection(m.get()), 0) << mysql_error(m.get());
  EXPECT_EQ(Closed(), 1);
  EXPECT_EQ(Sessions(), 2u);
  EXPECT_EQ(LastClient().user, "app");
  EXPECT_EQ(LastClient().database, "customer");
  EXPECT_EQ(CurrentDb(m.get()), "customer");
}

std::string Command(CommandCode code, std::string_view argument) {
  std::string payload;
  EncodeCommand(code, argument, &payload);
  return payload;
}

uint16_t ErrCode(const std::optional<std::string>& p) {
  if (!p) return 0;
  Result<ErrPacket> err = DecodeErrPacket(*p);
  return err.ok() ? err->error.code : 0;
}

bool IsOk(const std::optional<std::string>& p) {
  return p && !p->empty() && (*p)[0] == 0 && DecodeOkPacket(*p).ok();
}

// COM_STMT_PREPARE of `sql`; returns the statement id, 0 on failure.
uint32_t Prepare(RawClient* c, const std::string& sql) {
  if (!c->SendPacket(Command(CommandCode::kStmtPrepare, sql), 0)) return 0;
  std::optional<std::string> reply = c->ReadPacket();
  if (!reply || reply->size() < 5 || (*reply)[0] != 0) return 0;
  uint32_t id = 0;
  for (int i = 0; i < 4; ++i)
    id |= static_cast<uint32_t>(static_cast<uint8_t>((*reply)[1 + i])) << (8 * i);
  return id;  // "insert" has no parameters and no columns: nothing follows
}

std::string Execute(uint32_t id) {
  std::string argument;
  AppendU32(&argument, id);
  AppendU8(&argument, 0);   // no cursor
  AppendU32(&argument, 1);  // iteration count
  return Command(CommandCode::kStmtExecute, argument);
}

TEST_F(SessionResetTest, ResetConnectionDropsPreparedStatements) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  uint32_t id = Prepare(&c, "insert");
  ASSERT_NE(id, 0u);
  ASSERT_TRUE(c.SendPacket(Execute(id), 0));
  EXPECT_TRUE(IsOk(c.ReadPacket()));
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kResetConnection, ""), 0));
  EXPECT_TRUE(IsOk(c.ReadPacket()));
  ASSERT_TRUE(c.SendPacket(Execute(id), 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1243);  // unknown prepared statement handler
}

TEST_F(SessionResetTest, RawChangeUserDropsPreparedStatementsToo) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  uint32_t id = Prepare(&c, "insert");
  ASSERT_NE(id, 0u);
  // The raw client logged in with PROTOCOL_41 | SECURE_CONNECTION |
  // PLUGIN_AUTH; "nopass" proves its empty password with an empty token.
  ChangeUserRequest change{"nopass", "", "commerce", 45, "mysql_native_password"};
  std::string argument;
  EncodeChangeUser(
      change, capability::kProtocol41 | capability::kSecureConnection | capability::kPluginAuth,
      &argument);
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kChangeUser, argument), 0));
  EXPECT_TRUE(IsOk(c.ReadPacket()));
  EXPECT_EQ(LastClient().user, "nopass");
  ASSERT_TRUE(c.SendPacket(Execute(id), 0));
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1243);
}

TEST_F(SessionResetTest, TruncatedChangeUserIsBadHandshakeAndCloses) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  // A user name without its NUL.
  ASSERT_TRUE(c.SendPacket(Command(CommandCode::kChangeUser, "app"), 0));
  std::optional<std::string> reply = c.ReadPacket();
  EXPECT_EQ(ErrCode(reply), 1043);
  EXPECT_TRUE(c.WaitClosed());

  RawClient d(server_->port());
  ASSERT_TRUE(IsOk(d.Login("app", "app")));
  // The token's length byte promises more than the packet holds.
  ASSERT_TRUE(d.SendPacket(Command(CommandCode::kChangeUser, std::string("app\0\x14\x01", 6)), 0));
  EXPECT_EQ(ErrCode(d.ReadPacket()), 1043);
  EXPECT_TRUE(d.WaitClosed());
}

}  // namespace
}  // namespace tessera::vtgate::mysql::testing
