// HandshakeResponse41: the client's reply to the greeting (user, auth token,
// database, auth plugin, connection attributes), and the SSLRequest prefix a
// TLS client sends instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"

namespace tessera::vtgate::mysql {

struct HandshakeResponse {
  uint32_t capabilities = 0;
  uint32_t max_packet_size = 0;
  uint8_t charset = 0;
  std::string user;
  std::string auth_response;
  std::string database;     // empty unless CLIENT_CONNECT_WITH_DB
  std::string auth_plugin;  // empty unless CLIENT_PLUGIN_AUTH
  std::vector<std::pair<std::string, std::string>> attributes;

  bool operator==(const HandshakeResponse&) const = default;
};

// True when `payload` is an SSLRequest: the 32-byte fixed prefix of a
// response with CLIENT_SSL set and nothing after it.
bool IsSslRequest(std::string_view payload);

void EncodeHandshakeResponse(const HandshakeResponse& response, std::string* out);

// Parses a HandshakeResponse41. Errors (1043) on truncation, on a client
// without CLIENT_PROTOCOL_41, and on malformed attributes.
Result<HandshakeResponse> DecodeHandshakeResponse(std::string_view payload);

}  // namespace tessera::vtgate::mysql
