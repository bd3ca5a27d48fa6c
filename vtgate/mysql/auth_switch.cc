#include "vtgate/mysql/auth_switch.h"

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {

void EncodeAuthSwitchRequest(const AuthSwitchRequest& request, std::string* out) {
  AppendU8(out, kEofHeader);
  AppendNulString(out, request.plugin);
  AppendNulString(out, request.data);
}

Result<AuthSwitchRequest> DecodeAuthSwitchRequest(std::string_view payload) {
  WireReader r(payload);
  uint8_t header = 0;
  std::string_view plugin;
  if (!r.Read(&header) || header != kEofHeader || !r.ReadNulString(&plugin)) {
    return Error::Make(mysql_errno::kHandshake, "Bad handshake");
  }
  std::string_view data = r.ReadRest();
  if (!data.empty() && data.back() == '\0') data.remove_suffix(1);
  return AuthSwitchRequest{std::string(plugin), std::string(data)};
}

}  // namespace tessera::vtgate::mysql
