// COM_CHANGE_USER: round trip, the layouts old and new clients send, and
// truncated input.
#include "vtgate/mysql/change_user.h"

#include <gtest/gtest.h>

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/native_password.h"

namespace tessera::vtgate::mysql {
namespace {

constexpr uint32_t kModern =
    capability::kProtocol41 | capability::kSecureConnection | capability::kPluginAuth;

ChangeUserRequest Sample() {
  return ChangeUserRequest{"app", NativePasswordToken("secret", "01234567890123456789"), "commerce",
                           45, "mysql_native_password"};
}

TEST(ChangeUserTest, RoundTrip) {
  std::string payload;
  EncodeChangeUser(Sample(), kModern, &payload);
  Result<ChangeUserRequest> decoded = DecodeChangeUser(payload, kModern);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, Sample());
}

TEST(ChangeUserTest, WithoutPluginAuthThePluginIsNotRead) {
  const uint32_t caps = capability::kProtocol41 | capability::kSecureConnection;
  std::string payload;
  EncodeChangeUser(Sample(), caps, &payload);
  Result<ChangeUserRequest> decoded = DecodeChangeUser(payload, caps);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->auth_plugin, "");
  EXPECT_EQ(decoded->charset, 45);
  EXPECT_EQ(decoded->database, "commerce");
}

TEST(ChangeUserTest, ConnectionAttributesAfterThePluginAreIgnored) {
  std::string payload;
  EncodeChangeUser(Sample(), kModern, &payload);
  payload += std::string("\x05\x01k\x02vv", 6);
  Result<ChangeUserRequest> decoded =
      DecodeChangeUser(payload, kModern | capability::kConnectAttrs);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, Sample());
}

TEST(ChangeUserTest, PacketMayEndAfterTheDatabase) {
  std::string payload("app\0\0commerce", 13);
  Result<ChangeUserRequest> decoded = DecodeChangeUser(payload, kModern);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->user, "app");
  EXPECT_EQ(decoded->auth_response, "");
  EXPECT_EQ(decoded->database, "commerce");
  EXPECT_EQ(decoded->charset, 0);
}

TEST(ChangeUserTest, NulTerminatedTokenWithoutSecureConnection) {
  const uint32_t caps = capability::kProtocol41;
  ChangeUserRequest old{"app", "12345678", "", 8, ""};
  std::string payload;
  EncodeChangeUser(old, caps, &payload);
  Result<ChangeUserRequest> decoded = DecodeChangeUser(payload, caps);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, old);
}

TEST(ChangeUserTest, TruncatedInputIsBadHandshake) {
  std::string payload;
  EncodeChangeUser(Sample(), kModern, &payload);
  // Every cut inside the user or the token is an error; later cuts lose
  // only optional fields or are a truncated character set.
  const size_t token_end = 4 + 1 + Sample().auth_response.size();
  for (size_t len = 0; len < token_end; ++len) {
    Result<ChangeUserRequest> decoded = DecodeChangeUser(payload.substr(0, len), kModern);
    ASSERT_FALSE(decoded.ok()) << len;
    EXPECT_EQ(decoded.error().code, mysql_errno::kHandshake);
    EXPECT_EQ(decoded.error().sql_state, "08S01");
  }
  const size_t charset_at = token_end + std::string("commerce").size() + 1;
  Result<ChangeUserRequest> half_charset =
      DecodeChangeUser(payload.substr(0, charset_at + 1), kModern);
  EXPECT_FALSE(half_charset.ok());
  for (size_t len = token_end; len <= payload.size(); ++len) {
    if (len == charset_at + 1) continue;
    EXPECT_TRUE(DecodeChangeUser(payload.substr(0, len), kModern).ok()) << len;
  }
}

}  // namespace
}  // namespace tessera::vtgate::mysql
