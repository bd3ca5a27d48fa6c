#include "common/rpc/health_codec.h"

#include "common/rpc/frame.h"
#include "common/rpc/wire_reader.h"
#include "common/rpc/wire_writer.h"

namespace tessera::rpc {

void AppendFrame(std::string& out, uint32_t request_id, const HealthRequest&) {
  size_t frame = BeginFrame(out, request_id, MessageType::kHealthRequest);
  FinishFrame(out, frame);
}

void AppendFrame(std::string& out, uint32_t request_id, const HealthResponse& response) {
  size_t frame = BeginFrame(out, request_id, MessageType::kHealthResponse);
  WireWriter w(out);
  w.Bool(response.serving);
  w.Bytes(response.message);
  w.U64(response.queries_executed);
  w.U64(response.transactions_open);
  FinishFrame(out, frame);
}

Result<HealthRequest> DecodeHealthRequest(std::string_view payload) {
  if (!payload.empty()) return CorruptPayload("health request");
  return HealthRequest{};
}

Result<HealthResponse> DecodeHealthResponse(std::string_view payload) {
  WireReader r(payload);
  HealthResponse resp;
  if (!(r.Bool(resp.serving) && r.Bytes(resp.message) && r.U64(resp.queries_executed) &&
        r.U64(resp.transactions_open) && r.at_end())) {
    return CorruptPayload("health response");
  }
  return resp;
}

}  // namespace tessera::rpc
