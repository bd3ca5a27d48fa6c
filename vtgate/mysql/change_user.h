// COM_CHANGE_USER: the argument after the command byte. The client proves
// its password for the new user against the scramble of the connection's
// greeting, with the plugin it names (or mysql_native_password).
//
// Layout: user NUL; auth response (1-byte length under
// CLIENT_SECURE_CONNECTION, else NUL-terminated); database NUL; then, if
// bytes remain, a 2-byte character set, the plugin name (NUL or end of
// payload) under CLIENT_PLUGIN_AUTH, and connection attributes under
// CLIENT_CONNECT_ATTRS, which are skipped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

struct ChangeUserRequest {
  std::string user;
  std::string auth_response;
  std::string database;
  uint16_t charset = 0;     // 0 when absent
  std::string auth_plugin;  // empty when absent

  bool operator==(const ChangeUserRequest&) const = default;
};

// `capabilities`: those agreed with the client in the handshake.
void EncodeChangeUser(const ChangeUserRequest& change, uint32_t capabilities, std::string* out);

// Errors (1043, Bad handshake) on truncation.
Result<ChangeUserRequest> DecodeChangeUser(std::string_view argument, uint32_t capabilities);

}  // namespace tessera::vtgate::mysql
