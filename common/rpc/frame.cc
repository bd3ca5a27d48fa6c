#include "common/rpc/frame.h"

#include <cstring>

#include <fmt/format.h>

#include "common/rpc/wire_reader.h"
#include "common/rpc/wire_writer.h"

namespace tessera::rpc {
namespace {

bool IsKnownType(uint8_t t) {
  return t >= static_cast<uint8_t>(MessageType::kExecuteRequest) &&
         t <= static_cast<uint8_t>(MessageType::kCancelRequest);
}

}  // namespace

Result<FrameHeader> DecodeFrameHeader(std::string_view bytes, uint32_t max_payload_bytes) {
  WireReader reader(bytes);
  FrameHeader header;
  uint8_t type = 0;
  if (!reader.U32(header.payload_length) || !reader.U32(header.request_id) || !reader.U8(type)) {
    return Error::Make(mysql_errno::kNetReadError, "tablet RPC: truncated frame header");
  }
  if (!IsKnownType(type)) {
    return Error::Make(mysql_errno::kNetPacketsOutOfOrder,
                       fmt::format("tablet RPC: unknown message type {}", type));
  }
  if (header.payload_length > max_payload_bytes) {
    return Error::Make(mysql_errno::kNetPacketTooLarge,
                       fmt::format("tablet RPC: frame of {} bytes exceeds the limit of {} bytes",
                                   header.payload_length, max_payload_bytes));
  }
  header.type = static_cast<MessageType>(type);
  return header;
}

size_t BeginFrame(std::string& out, uint32_t request_id, MessageType type) {
  size_t offset = out.size();
  WireWriter writer(out);
  writer.U32(0);
  writer.U32(request_id);
  writer.U8(static_cast<uint8_t>(type));
  return offset;
}

void FinishFrame(std::string& out, size_t frame_offset) {
  uint32_t length = static_cast<uint32_t>(out.size() - frame_offset - kFrameHeaderSize);
  std::memcpy(out.data() + frame_offset, &length, sizeof(length));
}

Error CorruptPayload(std::string_view what) {
  return Error::Make(mysql_errno::kNetPacketsOutOfOrder,
                     fmt::format("tablet RPC: malformed {} payload", what));
}

}  // namespace tessera::rpc
