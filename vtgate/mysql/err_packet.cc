#include "vtgate/mysql/err_packet.h"

#include <utility>

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {

void EncodeErrPacket(const Error& error, std::string* out) {
  AppendU8(out, kErrHeader);
  AppendU16(out, error.code);
  out->push_back('#');
  out->append(error.sql_state.size() == 5 ? std::string_view(error.sql_state) : "HY000");
  out->append(error.message);
}

Result<ErrPacket> DecodeErrPacket(std::string_view payload) {
  WireReader r(payload);
  uint8_t header = 0;
  Error e;
  if (!r.Read(&header) || header != kErrHeader || !r.Read(&e.code)) {
    return Error::Make(mysql_errno::kNetReadError, "Malformed ERR packet");
  }
  uint8_t marker = 0;
  std::string_view state;
  if (r.Peek(&marker) && marker == '#') {
    if (!r.Skip(1) || !r.ReadBytes(5, &state)) {
      return Error::Make(mysql_errno::kNetReadError, "Malformed ERR packet");
    }
    e.sql_state = state;
  }
  e.message = r.ReadRest();
  return ErrPacket{std::move(e)};
}

}  // namespace tessera::vtgate::mysql
