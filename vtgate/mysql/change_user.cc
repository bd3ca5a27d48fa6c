#include "vtgate/mysql/change_user.h"

#include <algorithm>

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

Error Malformed() {
  return Error::Make(mysql_errno::kHandshake, "Bad handshake");
}

}  // namespace

void EncodeChangeUser(const ChangeUserRequest& c, uint32_t capabilities, std::string* out) {
  AppendNulString(out, c.user);
  if (capabilities & capability::kSecureConnection) {
    AppendU8(out, static_cast<uint8_t>(std::min<size_t>(c.auth_response.size(), 255)));
    out->append(c.auth_response, 0, 255);
  } else {
    AppendNulString(out, c.auth_response);
  }
  AppendNulString(out, c.database);
  AppendU16(out, c.charset);
  if (capabilities & capability::kPluginAuth) AppendNulString(out, c.auth_plugin);
}

Result<ChangeUserRequest> DecodeChangeUser(std::string_view argument, uint32_t capabilities) {
  WireReader r(argument);
  ChangeUserRequest c;
  std::string_view s;
  if (!r.ReadNulString(&s)) return Malformed();
  c.user = s;
  if (capabilities & capability::kSecureConnection) {
    uint8_t n = 0;
    if (!r.Read(&n) || !r.ReadBytes(n, &s)) return Malformed();
  } else if (!r.ReadNulString(&s)) {
    return Malformed();
  }
  c.auth_response = s;
  // Old clients may end the packet right after the database name.
  c.database = r.ReadNulOrRest();
  if (r.empty()) return c;
  if (!r.Read(&c.charset)) return Malformed();
  if (capabilities & capability::kPluginAuth) c.auth_plugin = r.ReadNulOrRest();
  return c;
}

}  // namespace tessera::vtgate::mysql
