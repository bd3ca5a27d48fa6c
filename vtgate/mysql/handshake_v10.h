// Handshake v10: the greeting the server sends first on every connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

struct HandshakeV10 {
  std::string server_version;
  uint32_t connection_id = 0;
  std::string scramble;  // 20 bytes, no NUL bytes
  uint32_t capabilities = 0;
  uint8_t charset = 0;
  uint16_t status_flags = 0;
  std::string auth_plugin;

  bool operator==(const HandshakeV10&) const = default;
};

// Appends the greeting payload (without packet header).
void EncodeHandshakeV10(const HandshakeV10& greeting, std::string* out);

// Parses a greeting; an Error (1043) when the payload is truncated or is not
// protocol version 10.
Result<HandshakeV10> DecodeHandshakeV10(std::string_view payload);

}  // namespace tessera::vtgate::mysql
