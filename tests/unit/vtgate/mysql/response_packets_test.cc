// OK, ERR, EOF and command packets.
#include <gtest/gtest.h>

#include "vtgate/mysql/command.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/err_packet.h"
#include "vtgate/mysql/ok_packet.h"

namespace tessera::vtgate::mysql {
namespace {

TEST(OkPacket, RoundTripWithBothHeaders) {
  OkPacket ok{1ull << 40, 77, server_status::kAutocommit, 3, "Rows matched: 1"};
  for (bool eof_header : {false, true}) {
    std::string payload;
    EncodeOkPacket(ok, eof_header, &payload);
    EXPECT_EQ(static_cast<uint8_t>(payload[0]), eof_header ? 0xfe : 0x00);
    Result<OkPacket> decoded = DecodeOkPacket(payload);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, ok);
  }
}

TEST(OkPacket, TruncatedFails) {
  std::string payload;
  EncodeOkPacket(OkPacket{300, 70000, 2, 1, "info"}, false, &payload);
  for (size_t n = 0; n < payload.size(); ++n) {
    if (n == payload.size() - 5) continue;  // cut exactly before the optional info
    EXPECT_FALSE(DecodeOkPacket(std::string_view(payload).substr(0, n)).ok()) << n;
  }
}

TEST(ErrPacket, RoundTrip) {
  Error e = Error::Make(mysql_errno::kNoSuchTable, "Table 'x.y' doesn't exist");
  std::string payload;
  EncodeErrPacket(e, &payload);
  Result<ErrPacket> decoded = DecodeErrPacket(payload);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->error.code, e.code);
  EXPECT_EQ(decoded->error.sql_state, "42S02");
  EXPECT_EQ(decoded->error.message, e.message);
}

TEST(ErrPacket, BadSqlStateIsSentAsHY000) {
  Error e{1234, "bad", "msg"};
  std::string payload;
  EncodeErrPacket(e, &payload);
  EXPECT_EQ(DecodeErrPacket(payload)->error.sql_state, "HY000");
}

TEST(ErrPacket, TruncatedFails) {
  std::string payload;
  EncodeErrPacket(Error::Make(mysql_errno::kParse, "syntax"), &payload);
  // Header and code are mandatory; after a '#' marker, so are 5 SQLSTATE bytes.
  for (size_t n = 0; n < 9; ++n) {
    if (n == 3) continue;  // header + code alone is a (pre-4.1 style) ERR
    EXPECT_FALSE(DecodeErrPacket(std::string_view(payload).substr(0, n)).ok()) << n;
  }
}

TEST(EofPacket, RoundTripAndTruncation) {
  EofPacket eof{2, server_status::kInTransaction};
  std::string payload;
  EncodeEofPacket(eof, &payload);
  EXPECT_EQ(payload.size(), 5u);
  EXPECT_TRUE(IsEndOfRows(payload));
  ASSERT_TRUE(DecodeEofPacket(payload).ok());
  EXPECT_EQ(DecodeEofPacket(payload).value(), eof);
  for (size_t n = 0; n < payload.size(); ++n) {
    EXPECT_FALSE(DecodeEofPacket(std::string_view(payload).substr(0, n)).ok()) << n;
  }
}

TEST(EofPacket, OkWithEofHeaderEndsRows) {
  std::string payload;
  EncodeOkPacket(OkPacket{0, 0, 2, 0, ""}, true, &payload);
  EXPECT_TRUE(IsEndOfRows(payload));
  EXPECT_FALSE(IsEndOfRows(""));
}

TEST(Command, RoundTrip) {
  std::string payload;
  EncodeCommand(CommandCode::kQuery, "select 1", &payload);
  Result<Command> c = DecodeCommand(payload);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->code, CommandCode::kQuery);
  EXPECT_EQ(c->argument, "select 1");
  payload.clear();
  EncodeCommand(CommandCode::kPing, "", &payload);
  EXPECT_EQ(DecodeCommand(payload)->code, CommandCode::kPing);
  EXPECT_EQ(DecodeCommand(payload)->argument, "");
}

TEST(Command, EmptyPayloadFails) {
  EXPECT_FALSE(DecodeCommand("").ok());
}

}  // namespace
}  // namespace tessera::vtgate::mysql
