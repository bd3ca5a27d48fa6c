#include "common/rpc/transaction_codec.h"

#include "common/rpc/error_codec.h"
#include "common/rpc/frame.h"
#include "common/rpc/wire_reader.h"
#include "common/rpc/wire_writer.h"

namespace tessera::rpc {
namespace {

void AppendTransactionFrame(std::string& out, uint32_t request_id, MessageType type, uint64_t id) {
  size_t frame = BeginFrame(out, request_id, type);
  WireWriter(out).U64(id);
  FinishFrame(out, frame);
}

bool ReadTransactionId(std::string_view payload, uint64_t& id) {
  WireReader r(payload);
  return r.U64(id) && r.at_end();
}

}  // namespace

void AppendFrame(std::string& out, uint32_t request_id, const CommitRequest& request) {
  AppendTransactionFrame(out, request_id, MessageType::kCommitRequest, request.transaction_id);
}

void AppendFrame(std::string& out, uint32_t request_id, const RollbackRequest& request) {
  AppendTransactionFrame(out, request_id, MessageType::kRollbackRequest, request.transaction_id);
}

void AppendFrame(std::string& out, uint32_t request_id, const StatusResponse& response) {
  size_t frame = BeginFrame(out, request_id, MessageType::kStatusResponse);
  WireWriter w(out);
  w.Bool(response.status.ok());
  if (!response.status.ok()) WriteError(w, response.status.error());
  FinishFrame(out, frame);
}

Result<CommitRequest> DecodeCommitRequest(std::string_view payload) {
  CommitRequest req;
  if (!ReadTransactionId(payload, req.transaction_id)) return CorruptPayload("commit request");
  return req;
}

Result<RollbackRequest> DecodeRollbackRequest(std::string_view payload) {
  RollbackRequest req;
  if (!ReadTransactionId(payload, req.transaction_id)) return CorruptPayload("rollback request");
  return req;
}

Result<StatusResponse> DecodeStatusResponse(std::string_view payload) {
  WireReader r(payload);
  bool ok = false;
  if (!r.Bool(ok)) return CorruptPayload("status response");
  StatusResponse resp;
  if (!ok) {
    Error e;
    if (!ReadError(r, e)) return CorruptPayload("status response");
    resp.status = Status(std::move(e));
  }
  if (!r.at_end()) return CorruptPayload("status response");
  return resp;
}

}  // namespace tessera::rpc
