#include "vtgate/mysql/ok_packet.h"

#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {

void EncodeOkPacket(const OkPacket& ok, bool eof_header, std::string* out) {
  AppendU8(out, eof_header ? kEofHeader : kOkHeader);
  AppendLenencInt(out, ok.affected_rows);
  AppendLenencInt(out, ok.last_insert_id);
  AppendU16(out, ok.status_flags);
  AppendU16(out, ok.warnings);
  // Servers send the info as a length-encoded string and clients read it so.
  if (!ok.info.empty()) AppendLenencString(out, ok.info);
}

Result<OkPacket> DecodeOkPacket(std::string_view payload) {
  WireReader r(payload);
  uint8_t header = 0;
  OkPacket ok;
  if (!r.Read(&header) || (header != kOkHeader && header != kEofHeader) ||
      !r.ReadLenencInt(&ok.affected_rows) || !r.ReadLenencInt(&ok.last_insert_id) ||
      !r.Read(&ok.status_flags) || !r.Read(&ok.warnings)) {
    return Error::Make(mysql_errno::kNetReadError, "Malformed OK packet");
  }
  std::string_view info;
  if (!r.empty()) {
    if (!r.ReadLenencString(&info)) {
      return Error::Make(mysql_errno::kNetReadError, "Malformed OK packet");
    }
    ok.info = info;
  }
  return ok;
}

}  // namespace tessera::vtgate::mysql
