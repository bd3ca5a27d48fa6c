// AuthMoreData: a packet of an authentication plugin's own exchange, 0x01
// followed by plugin data to the end of the payload. caching_sha2_password
// uses it for the fast-auth result (one byte) and for its RSA public key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

inline constexpr uint8_t kAuthMoreDataHeader = 0x01;

// caching_sha2_password's bytes: the server's fast-auth results (sent as
// AuthMoreData) and the client's request for the server's public key (sent
// as a bare one-byte payload).
namespace caching_sha2 {
inline constexpr uint8_t kRequestPublicKey = 0x02;
inline constexpr uint8_t kFastAuthSuccess = 0x03;
inline constexpr uint8_t kPerformFullAuthentication = 0x04;
}  // namespace caching_sha2

void EncodeAuthMoreData(std::string_view data, std::string* out);

// The plugin data of an AuthMoreData payload; an Error (1043) when the
// payload is empty or does not start with 0x01.
Result<std::string_view> DecodeAuthMoreData(std::string_view payload);

}  // namespace tessera::vtgate::mysql
