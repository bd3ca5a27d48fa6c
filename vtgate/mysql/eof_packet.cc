#include "vtgate/mysql/eof_packet.h"

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {

void EncodeEofPacket(const EofPacket& eof, std::string* out) {
  AppendU8(out, kEofHeader);
  AppendU16(out, eof.warnings);
  AppendU16(out, eof.status_flags);
}

Result<EofPacket> DecodeEofPacket(std::string_view payload) {
  WireReader r(payload);
  uint8_t header = 0;
  EofPacket eof;
  if (!r.Read(&header) || header != kEofHeader || !r.Read(&eof.warnings) ||
      !r.Read(&eof.status_flags)) {
    return Error::Make(mysql_errno::kNetReadError, "Malformed EOF packet");
  }
  return eof;
}

bool IsEndOfRows(std::string_view payload) {
  return !payload.empty() && static_cast<uint8_t>(payload[0]) == kEofHeader && payload.size() < 9;
}

}  // namespace tessera::vtgate::mysql
