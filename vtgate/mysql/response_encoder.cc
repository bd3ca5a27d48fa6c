#include "vtgate/mysql/response_encoder.h"

#include "vtgate/mysql/column_definition.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/err_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/text_row.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

// Generous guess of the encoded size, to grow the buffer once.
size_t EstimateSize(const ResultSet& rs) {
  size_t size = 64 + rs.fields.size() * 64;
  for (const Row& row : rs.rows) {
    size += 4 + row.size();
    for (const Value& v : row) size += v ? v->size() + 8 : 0;
  }
  return size;
}

}  // namespace

void EncodeResultSetResponse(const ResultSet& rs, uint32_t caps, uint16_t status, PacketWriter* w) {
  if (rs.fields.empty()) {
    OkPacket ok{rs.affected_rows, rs.last_insert_id, status, rs.warnings, rs.info};
    EncodeOkPacket(ok, false, &w->Begin());
    w->End();
    return;
  }
  w->buffer().reserve(w->buffer().size() + EstimateSize(rs));
  const bool deprecate_eof = caps & capability::kDeprecateEof;
  AppendLenencInt(&w->Begin(), rs.fields.size());
  w->End();
  for (const Field& f : rs.fields) {
    EncodeColumnDefinition(f, &w->Begin());
    w->End();
  }
  if (!deprecate_eof) {
    EncodeEofPacket(EofPacket{0, status}, &w->Begin());
    w->End();
  }
  for (const Row& row : rs.rows) {
    EncodeTextRow(row, &w->Begin());
    w->End();
  }
  if (deprecate_eof) {
    OkPacket ok{0, 0, status, rs.warnings, {}};
    EncodeOkPacket(ok, true, &w->Begin());
  } else {
    EncodeEofPacket(EofPacket{rs.warnings, status}, &w->Begin());
  }
  w->End();
}

void EncodeOkResponse(uint16_t status, PacketWriter* w) {
  EncodeOkPacket(OkPacket{0, 0, status, 0, {}}, false, &w->Begin());
  w->End();
}

void EncodeErrorResponse(const Error& error, PacketWriter* w) {
  EncodeErrPacket(error, &w->Begin());
  w->End();
}

void EncodeQueryResponse(const Result<ResultSet>& result, uint32_t caps, uint16_t status,
                         PacketWriter* w) {
  if (result.ok()) {
    EncodeResultSetResponse(result.value(), caps, status, w);
  } else {
    EncodeErrorResponse(result.error(), w);
  }
}

}  // namespace tessera::vtgate::mysql
