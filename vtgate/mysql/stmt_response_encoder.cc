#include "vtgate/mysql/stmt_response_encoder.h"

#include <algorithm>

#include "vtgate/mysql/binary_row.h"
#include "vtgate/mysql/column_definition.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/eof_packet.h"
#include "vtgate/mysql/ok_packet.h"
#include "vtgate/mysql/response_encoder.h"
#include "vtgate/mysql/stmt_prepare_ok.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

Field ParamDefinition() {
  Field f;
  f.name = "?";
  f.type = FieldType::kVarString;
  f.charset = kCharsetBinary;
  return f;
}

void EncodeDefinitions(const std::vector<Field>& fields, bool deprecate_eof, uint16_t status,
                       PacketWriter* w) {
  for (const Field& f : fields) {
    EncodeColumnDefinition(f, &w->Begin());
    w->End();
  }
  if (!deprecate_eof) {
    EncodeEofPacket(EofPacket{0, status}, &w->Begin());
    w->End();
  }
}

// EOF, or OK with header 0xfe under CLIENT_DEPRECATE_EOF.
void EncodeEndOfRows(uint16_t warnings, uint16_t status, uint32_t caps, PacketWriter* w) {
  if (caps & capability::kDeprecateEof) {
    EncodeOkPacket(OkPacket{0, 0, status, warnings, {}}, true, &w->Begin());
  } else {
    EncodeEofPacket(EofPacket{warnings, status}, &w->Begin());
  }
  w->End();
}

// Encodes the result with `fields` as column types; the index of a column
// whose cell did not fit its type when encoding stopped early.
std::optional<size_t> TryEncodeResultSet(const ResultSet& rs, const std::vector<Field>& fields,
                                         bool deprecate_eof, uint16_t status, PacketWriter* w) {
  AppendLenencInt(&w->Begin(), fields.size());
  w->End();
  EncodeDefinitions(fields, deprecate_eof, status, w);
  for (const Row& row : rs.rows) {
    std::optional<size_t> misfit = EncodeBinaryRow(fields, row, &w->Begin());
    if (misfit) return misfit;
    w->End();
  }
  EncodeEndOfRows(rs.warnings, status, deprecate_eof ? capability::kDeprecateEof : 0, w);
  return std::nullopt;
}

}  // namespace

void EncodeStmtPrepareResponse(uint32_t statement_id, uint16_t param_count,
                               const std::vector<Field>& columns, uint32_t caps, PacketWriter* w) {
  const bool deprecate_eof = caps & capability::kDeprecateEof;
  StmtPrepareOk ok{statement_id, static_cast<uint16_t>(columns.size()), param_count, 0};
  EncodeStmtPrepareOk(ok, &w->Begin());
  w->End();
  if (param_count > 0) {
    std::vector<Field> params(param_count, ParamDefinition());
    EncodeDefinitions(params, deprecate_eof, 0, w);
  }
  if (!columns.empty()) EncodeDefinitions(columns, deprecate_eof, 0, w);
}

void EncodeBinaryResultSetResponse(const ResultSet& rs, uint32_t caps, uint16_t status,
                                   PacketWriter* w) {
  if (rs.fields.empty()) {
    EncodeResultSetResponse(rs, caps, status, w);
    return;
  }
  const bool deprecate_eof = caps & capability::kDeprecateEof;
  std::vector<Field> fields = rs.fields;
  const size_t start = w->buffer().size();
  const PacketWriter fresh = *w;
  // Each retry turns one more column into a string column, so this ends.
  for (;;) {
    std::optional<size_t> misfit = TryEncodeResultSet(rs, fields, deprecate_eof, status, w);
    if (!misfit) return;
    fields[*misfit] = AsStringColumn(fields[*misfit]);
    w->buffer().resize(start);
    *w = fresh;
  }
}

std::vector<Field> BinaryColumns(const ResultSet& rs) {
  std::vector<Field> columns = rs.fields;
  std::string scratch;
  for (const Row& row : rs.rows) {
    for (;;) {
      scratch.clear();
      std::optional<size_t> misfit = EncodeBinaryRow(columns, row, &scratch);
      if (!misfit) break;
      columns[*misfit] = AsStringColumn(columns[*misfit]);
    }
  }
  return columns;
}

void EncodeCursorOpenResponse(const std::vector<Field>& columns, uint32_t caps, uint16_t status,
                              PacketWriter* w) {
  AppendLenencInt(&w->Begin(), columns.size());
  w->End();
  EncodeDefinitions(columns, /*deprecate_eof=*/true, status, w);
  EncodeEndOfRows(0, status | server_status::kCursorExists, caps, w);
}

void EncodeCursorFetchResponse(const ResultSet& rs, const std::vector<Field>& columns, size_t* next,
                               uint32_t max_rows, uint32_t caps, uint16_t status, PacketWriter* w) {
  size_t end = std::min(rs.rows.size(), *next + std::max<size_t>(max_rows, 1));
  for (; *next < end; ++*next) {
    // BinaryColumns() made every cell fit.
    EncodeBinaryRow(columns, rs.rows[*next], &w->Begin());
    w->End();
  }
  const bool done = *next >= rs.rows.size();
  EncodeEndOfRows(rs.warnings,
                  status | (done ? server_status::kLastRowSent : server_status::kCursorExists),
                  caps, w);
}

void EncodeExecuteResponse(const Result<ResultSet>& result, uint32_t caps, uint16_t status,
                           PacketWriter* w) {
  if (result.ok()) {
    EncodeBinaryResultSetResponse(result.value(), caps, status, w);
  } else {
    EncodeErrorResponse(result.error(), w);
  }
}

}  // namespace tessera::vtgate::mysql
