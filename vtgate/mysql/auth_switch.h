// AuthSwitchRequest: the server asks the client to answer the scramble with
// another authentication plugin. The client's answer is the raw token as
// the whole payload of its next packet.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate::mysql {

struct AuthSwitchRequest {
  std::string plugin;
  std::string data;  // the scramble, without its trailing NUL

  bool operator==(const AuthSwitchRequest&) const = default;
};

void EncodeAuthSwitchRequest(const AuthSwitchRequest& request, std::string* out);
Result<AuthSwitchRequest> DecodeAuthSwitchRequest(std::string_view payload);

}  // namespace tessera::vtgate::mysql
