// Handshake v10, HandshakeResponse41 / SSLRequest and AuthSwitchRequest.
#include <gtest/gtest.h>

#include "vtgate/mysql/auth_switch.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/handshake_response.h"
#include "vtgate/mysql/handshake_v10.h"
#include "vtgate/mysql/native_password.h"

namespace tessera::vtgate::mysql {
namespace {

HandshakeV10 SampleGreeting() {
  return HandshakeV10{"5.5.5-10.11.6-MariaDB-tessera",
                      42,
                      GenerateScramble(),
                      kServerCapabilities,
                      45,
                      server_status::kAutocommit,
                      kNativePasswordPlugin};
}

HandshakeResponse SampleResponse(uint32_t extra_caps) {
  HandshakeResponse h;
  h.capabilities = capability::kProtocol41 | capability::kSecureConnection |
                   capability::kPluginAuth | extra_caps;
  h.max_packet_size = 1 << 24;
  h.charset = 45;
  h.user = "app";
  h.auth_response = NativePasswordToken("secret", "01234567890123456789");
  if (extra_caps & capability::kConnectWithDb) h.database = "commerce";
  h.auth_plugin = kNativePasswordPlugin;
  if (extra_caps & capability::kConnectAttrs) h.attributes = {{"_client_name", "test"}};
  return h;
}

TEST(HandshakeV10, RoundTrip) {
  HandshakeV10 g = SampleGreeting();
  std::string payload;
  EncodeHandshakeV10(g, &payload);
  Result<HandshakeV10> decoded = DecodeHandshakeV10(payload);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, g);
  EXPECT_EQ(decoded->scramble.size(), kScrambleLength);
}

TEST(HandshakeV10, TruncatedFails) {
  std::string payload;
  EncodeHandshakeV10(SampleGreeting(), &payload);
  // Everything up to and including the scramble is mandatory.
  size_t mandatory = payload.size() - std::string(kNativePasswordPlugin).size() - 1;
  for (size_t n = 0; n < mandatory; ++n) {
    Result<HandshakeV10> r = DecodeHandshakeV10(std::string_view(payload).substr(0, n));
    EXPECT_FALSE(r.ok()) << n;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, mysql_errno::kHandshake);
    }
  }
}

TEST(HandshakeResponse, RoundTripsWithEachOptionalPart) {
  for (uint32_t extra : {0u, capability::kConnectWithDb, capability::kPluginAuthLenencData,
                         capability::kConnectWithDb | capability::kConnectAttrs |
                             capability::kPluginAuthLenencData}) {
    HandshakeResponse h = SampleResponse(extra);
    std::string payload;
    EncodeHandshakeResponse(h, &payload);
    Result<HandshakeResponse> decoded = DecodeHandshakeResponse(payload);
    ASSERT_TRUE(decoded.ok()) << extra;
    EXPECT_EQ(*decoded, h) << extra;
    EXPECT_FALSE(IsSslRequest(payload));
  }
}

TEST(HandshakeResponse, TruncatedNeverMatchesAndFixedPartFails) {
  HandshakeResponse h = SampleResponse(capability::kConnectWithDb | capability::kConnectAttrs |
                                       capability::kPluginAuthLenencData);
  std::string payload;
  EncodeHandshakeResponse(h, &payload);
  for (size_t n = 0; n < payload.size(); ++n) {
    Result<HandshakeResponse> r = DecodeHandshakeResponse(std::string_view(payload).substr(0, n));
    if (r.ok()) {
      EXPECT_NE(*r, h) << n;
    }
    // Up to the end of the auth token nothing can be decoded.
    if (n < 32 + h.user.size() + 1 + 1 + h.auth_response.size()) {
      EXPECT_FALSE(r.ok()) << n;
    }
  }
}

TEST(HandshakeResponse, RejectsPre41Clients) {
  HandshakeResponse h = SampleResponse(0);
  h.capabilities &= ~capability::kProtocol41;
  std::string payload;
  EncodeHandshakeResponse(h, &payload);
  EXPECT_FALSE(DecodeHandshakeResponse(payload).ok());
}

TEST(HandshakeResponse, DetectsSslRequest) {
  HandshakeResponse h = SampleResponse(capability::kSsl);
  std::string payload;
  EncodeHandshakeResponse(h, &payload);
  std::string ssl_request = payload.substr(0, 32);
  EXPECT_TRUE(IsSslRequest(ssl_request));
  EXPECT_FALSE(IsSslRequest(payload));
  h.capabilities &= ~capability::kSsl;
  payload.clear();
  EncodeHandshakeResponse(h, &payload);
  EXPECT_FALSE(IsSslRequest(payload.substr(0, 32)));
}

TEST(AuthSwitchRequest, RoundTripAndTruncation) {
  AuthSwitchRequest req{kNativePasswordPlugin, GenerateScramble()};
  std::string payload;
  EncodeAuthSwitchRequest(req, &payload);
  EXPECT_EQ(static_cast<uint8_t>(payload[0]), 0xfe);
  Result<AuthSwitchRequest> decoded = DecodeAuthSwitchRequest(payload);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, req);
  for (size_t n = 0; n < 2 + req.plugin.size(); ++n) {
    EXPECT_FALSE(DecodeAuthSwitchRequest(std::string_view(payload).substr(0, n)).ok()) << n;
  }
}

}  // namespace
}  // namespace tessera::vtgate::mysql
