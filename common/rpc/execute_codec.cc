#include "common/rpc/execute_codec.h"

#include "common/rpc/error_codec.h"
#include "common/rpc/frame.h"
#include "common/rpc/wire_reader.h"
#include "common/rpc/wire_writer.h"

namespace tessera::rpc {
namespace {

// Smallest encoding of one field and of one cell; used to bound counts read
// from the wire before reserving memory.
constexpr size_t kMinFieldBytes = 5 * 4 + 1 + 2 + 2 + 4 + 1;
constexpr size_t kMinCellBytes = 4;

void WriteField(WireWriter& w, const Field& f) {
  w.Bytes(f.name);
  w.Bytes(f.org_name);
  w.Bytes(f.table);
  w.Bytes(f.org_table);
  w.Bytes(f.database);
  w.U8(static_cast<uint8_t>(f.type));
  w.U16(f.flags);
  w.U16(f.charset);
  w.U32(f.column_length);
  w.U8(f.decimals);
}

bool ReadField(WireReader& r, Field& f) {
  uint8_t type = 0;
  if (!(r.Bytes(f.name) && r.Bytes(f.org_name) && r.Bytes(f.table) && r.Bytes(f.org_table) &&
        r.Bytes(f.database) && r.U8(type) && r.U16(f.flags) && r.U16(f.charset) &&
        r.U32(f.column_length) && r.U8(f.decimals))) {
    return false;
  }
  f.type = static_cast<FieldType>(type);
  return true;
}

void WriteResultSet(WireWriter& w, const ResultSet& rs) {
  w.U32(static_cast<uint32_t>(rs.fields.size()));
  for (const Field& f : rs.fields) WriteField(w, f);
  w.U64(rs.rows.size());
  for (const Row& row : rs.rows) {
    // Every row has exactly one cell per field; the count is not repeated.
    for (size_t i = 0; i < rs.fields.size(); ++i) w.Cell(i < row.size() ? row[i] : Value{});
  }
  w.U64(rs.affected_rows);
  w.U64(rs.last_insert_id);
  w.U16(rs.warnings);
  w.Bytes(rs.info);
  w.U32(static_cast<uint32_t>(rs.warning_list.size()));
  for (const Warning& warning : rs.warning_list) {
    w.Bytes(warning.level);
    w.U16(warning.code);
    w.Bytes(warning.message);
  }
}

bool ReadResultSet(WireReader& r, ResultSet& rs) {
  uint32_t field_count = 0;
  if (!r.U32(field_count) || field_count > r.remaining() / kMinFieldBytes) return false;
  rs.fields.resize(field_count);
  for (Field& f : rs.fields) {
    if (!ReadField(r, f)) return false;
  }
  uint64_t row_count = 0;
  if (!r.U64(row_count)) return false;
  if (row_count > 0) {
    if (field_count == 0) return false;
    if (row_count > r.remaining() / (kMinCellBytes * field_count)) return false;
    rs.rows.resize(row_count);
    for (Row& row : rs.rows) {
      row.resize(field_count);
      for (Value& cell : row) {
        if (!r.Cell(cell)) return false;
      }
    }
  }
  uint32_t warning_count = 0;
  if (!r.U64(rs.affected_rows) || !r.U64(rs.last_insert_id) || !r.U16(rs.warnings) ||
      !r.Bytes(rs.info) || !r.U32(warning_count) || warning_count > r.remaining() / 10) {
    return false;
  }
  rs.warning_list.resize(warning_count);
  for (Warning& warning : rs.warning_list) {
    if (!r.Bytes(warning.level) || !r.U16(warning.code) || !r.Bytes(warning.message)) return false;
  }
  return true;
}

}  // namespace

void AppendFrame(std::string& out, uint32_t request_id, const ExecuteRequest& request) {
  size_t frame = BeginFrame(out, request_id, MessageType::kExecuteRequest);
  WireWriter w(out);
  w.Bytes(request.database);
  w.Bytes(request.sql);
  w.U64(request.transaction_id);
  w.Bool(request.begin);
  w.U64(request.max_rows);
  w.U32(request.timeout_ms);
  w.Bytes(request.xid);
  w.Bool(request.prepare);
  FinishFrame(out, frame);
}

void AppendFrame(std::string& out, uint32_t request_id, const ExecuteResponse& response) {
  size_t frame = BeginFrame(out, request_id, MessageType::kExecuteResponse);
  WireWriter w(out);
  w.Bool(response.result.ok());
  if (response.result.ok()) {
    WriteResultSet(w, response.result.value());
  } else {
    WriteError(w, response.result.error());
  }
  w.U64(response.transaction_id);
  FinishFrame(out, frame);
}

Result<ExecuteRequest> DecodeExecuteRequest(std::string_view payload) {
  WireReader r(payload);
  ExecuteRequest req;
  if (!(r.Bytes(req.database) && r.Bytes(req.sql) && r.U64(req.transaction_id) &&
        r.Bool(req.begin) && r.U64(req.max_rows) && r.U32(req.timeout_ms) && r.Bytes(req.xid) &&
        r.Bool(req.prepare) && r.at_end())) {
    return CorruptPayload("execute request");
  }
  return req;
}

Result<ExecuteResponse> DecodeExecuteResponse(std::string_view payload) {
  WireReader r(payload);
  ExecuteResponse resp;
  bool ok = false;
  if (!r.Bool(ok)) return CorruptPayload("execute response");
  if (ok) {
    ResultSet rs;
    if (!ReadResultSet(r, rs)) return CorruptPayload("execute response");
    resp.result = std::move(rs);
  } else {
    Error e;
    if (!ReadError(r, e)) return CorruptPayload("execute response");
    resp.result = std::move(e);
  }
  if (!r.U64(resp.transaction_id) || !r.at_end()) return CorruptPayload("execute response");
  return resp;
}

}  // namespace tessera::rpc
