// Hostile and broken clients on raw sockets: each gets ERR or a closed
// connection, and the server keeps serving a normal client afterwards.
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/protocol/fake_session.h"
#include "tests/integration/protocol/raw_client.h"
#include "vtgate/mysql/command.h"
#include "vtgate/mysql/err_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/text_row.h"

namespace tessera::vtgate::mysql::testing {
namespace {

using namespace std::chrono_literals;

bool IsOk(const std::optional<std::string>& p) {
  return p && DecodeOkPacket(*p).ok() && (*p)[0] == 0;
}

// The ERR code in `p`, or 0 when `p` is missing or not an ERR packet.
uint16_t ErrCode(const std::optional<std::string>& p) {
  if (!p) return 0;
  Result<ErrPacket> err = DecodeErrPacket(*p);
  return err.ok() ? err->error.code : 0;
}

std::string Query(std::string_view sql) {
  std::string payload;
  EncodeCommand(CommandCode::kQuery, sql, &payload);
  return payload;
}

class BadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.handshake_timeout = 1s;
    server_ = StartFakeServer(&log_, options);
  }
  void TearDown() override { ExpectHealthy(); }

  // A well-behaved client can still log in and query.
  void ExpectHealthy() {
    RawClient c(server_->port());
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(IsOk(c.Login("app", "app")));
    ASSERT_TRUE(c.SendPacket(Query("select 1"), 0));
    std::optional<std::string> count = c.ReadPacket();
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, "\x01");
  }

  SessionLog log_;
  std::unique_ptr<Server> server_;
};

TEST_F(BadInputTest, RawLoginAndQuery) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  ASSERT_TRUE(c.SendPacket(Query("select rows"), 0));
  EXPECT_EQ(c.ReadPacket(), "\x02");  // column count
  c.ReadPacket();                     // two definitions; no EOF (CLIENT_DEPRECATE_EOF)
  c.ReadPacket();
  std::optional<std::string> row = c.ReadPacket();
  ASSERT_TRUE(row);
  EXPECT_EQ(DecodeTextRow(*row, 2).value()[1], "alice");
}

TEST_F(BadInputTest, OtherAuthPluginIsSwitchedToNativePassword) {
  RawClient c(server_->port());
  // (caching_sha2_password is served as such; see tests/integration/tls.)
  EXPECT_TRUE(IsOk(c.Login("app", "app", "sha256_password")));
  RawClient wrong(server_->port());
  EXPECT_EQ(ErrCode(wrong.Login("app", "nope", "client_ed25519")), 1045);
}

TEST_F(BadInputTest, GarbageDuringHandshake) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.ReadPacket());  // greeting
  c.SendRaw("GET / HTTP/1.1\r\nHost: vtgate\r\n\r\n");
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1156);  // ' ' is read as a wrong sequence id
  EXPECT_TRUE(c.WaitClosed());
}

TEST_F(BadInputTest, GarbageAfterLogin) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>((i * 131 + 7) & 0xff));
  c.SendRaw(garbage);
  EXPECT_TRUE(c.WaitClosed());
}

TEST_F(BadInputTest, MalformedHandshakeResponseGetsBadHandshake) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.ReadPacket());
  c.SendPacket(std::string(10, '\x01'), 1);
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1043);
  EXPECT_TRUE(c.WaitClosed());
}

TEST_F(BadInputTest, TruncatedPacketThenEof) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  c.SendRaw(std::string("\x64\x00\x00\x00\x03select", 10));  // announces 100 bytes
  c.ShutdownWrite();
  EXPECT_TRUE(c.WaitClosed());
}

TEST_F(BadInputTest, WrongSequenceIdGetsOutOfOrder) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  c.SendPacket(Query("select 1"), 5);
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1156);
  EXPECT_TRUE(c.WaitClosed());
}

TEST_F(BadInputTest, PacketOverMaxAllowedGetsTooLarge) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  std::string big = Query("select length " + std::string(20'000'000, 'x'));
  std::thread writer([&] { c.SendPacket(big, 0); });
  // The server drains what the client still sends, so the ERR is readable.
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1153);
  EXPECT_TRUE(c.WaitClosed());
  writer.join();
}

TEST_F(BadInputTest, PayloadSpanningPacketsIsJoined) {
  SessionLog log;
  ServerOptions options;
  options.max_allowed_packet = 32 << 20;
  std::unique_ptr<Server> server = StartFakeServer(&log, options);
  RawClient c(server->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  std::string sql = "select length " + std::string(17'000'000, 'x');
  std::thread writer([&] { c.SendPacket(Query(sql), 0); });
  EXPECT_EQ(c.ReadPacket(), "\x01");
  c.ReadPacket();  // column definition
  std::optional<std::string> row = c.ReadPacket();
  writer.join();
  ASSERT_TRUE(row);
  EXPECT_EQ(DecodeTextRow(*row, 1).value()[0], std::to_string(sql.size()));
}

TEST_F(BadInputTest, SilentClientIsDisconnectedAfterHandshakeTimeout) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.ReadPacket());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.WaitClosed());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
}

TEST_F(BadInputTest, ClientStoppingMidHandshakeResponse) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.ReadPacket());
  c.SendRaw(std::string("\x50\x00\x00\x01\x0d\xa2", 6));  // 80 bytes announced, 2 sent
  EXPECT_TRUE(c.WaitClosed());
}

TEST_F(BadInputTest, SslRequestIsRefused) {
  RawClient c(server_->port());
  ASSERT_TRUE(c.ReadPacket());
  std::string ssl(32, '\0');
  ssl[0] = '\x00';
  ssl[1] = '\x0a';  // CLIENT_PROTOCOL_41 | CLIENT_SSL
  c.SendPacket(ssl, 1);
  EXPECT_EQ(ErrCode(c.ReadPacket()), 1043);
  EXPECT_TRUE(c.WaitClosed());
}

TEST_F(BadInputTest, QuitClosesConnection) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  c.SendPacket(std::string(1, '\x01'), 0);
  EXPECT_TRUE(c.WaitClosed());
}

// Resident memory of this process (the server runs in it), in KiB.
long ResidentKib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// A client that sends queries and never reads: the server writes one
// response at a time and stops reading while the socket is full, so its
// memory stays flat instead of holding every pending answer (here 2,000
// answers of about 100 KB: 200 MB if they were all buffered).
TEST_F(BadInputTest, AClientThatNeverReadsDoesNotGrowTheServer) {
  RawClient c(server_->port());
  ASSERT_TRUE(IsOk(c.Login("app", "app")));
  const long before = ResidentKib();
  ASSERT_GT(before, 0);
  for (int i = 0; i < 2000; ++i) {
    if (!c.SendPacket(Query("select many"), 0)) break;
  }
  std::this_thread::sleep_for(2s);  // the server answers what it can
  const long after = ResidentKib();
  std::cout << "[ memory   ] RSS " << before << " KiB before, " << after << " KiB after\n";
  EXPECT_LT(after - before, 32 * 1024) << "RSS grew from " << before << " to " << after << " KiB";
  // Other clients are served meanwhile (TearDown checks one too).
  ExpectHealthy();
}

}  // namespace
}  // namespace tessera::vtgate::mysql::testing
