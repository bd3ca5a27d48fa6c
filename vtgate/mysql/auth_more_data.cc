#include "vtgate/mysql/auth_more_data.h"

#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {

void EncodeAuthMoreData(std::string_view data, std::string* out) {
  AppendU8(out, kAuthMoreDataHeader);
  out->append(data);
}

Result<std::string_view> DecodeAuthMoreData(std::string_view payload) {
  if (payload.empty() || static_cast<uint8_t>(payload[0]) != kAuthMoreDataHeader) {
    return Error::Make(mysql_errno::kHandshake, "Bad handshake");
  }
  return payload.substr(1);
}

}  // namespace tessera::vtgate::mysql
