// Frame: the unit of the tablet RPC on a TCP stream. Layout (little-endian):
//   u32 payload length | u32 request id | u8 message type | payload
// A response carries the id of its request. Frames whose declared length is
// above the receiver's limit are rejected before any buffer is allocated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::rpc {

enum class MessageType : uint8_t {
  kExecuteRequest = 1,
  kExecuteResponse = 2,
  kCommitRequest = 3,
  kRollbackRequest = 4,
  kStatusResponse = 5,
  kHealthRequest = 6,
  kHealthResponse = 7,
  // Asks the tablet to stop the ExecuteRequest that carries the same request
  // id on the same connection (KILL QUERY). Empty payload, no answer: the
  // call itself ends with 1317 if it was stopped, or as it would have.
  kCancelRequest = 8,
};

inline constexpr size_t kFrameHeaderSize = 9;
inline constexpr uint32_t kDefaultMaxFrameBytes = 64u << 20;

struct FrameHeader {
  uint32_t payload_length = 0;
  uint32_t request_id = 0;
  MessageType type = MessageType::kExecuteRequest;
};

// Parses the first kFrameHeaderSize bytes of `bytes`. Fails on short input,
// an unknown message type, or a payload longer than `max_payload_bytes`.
Result<FrameHeader> DecodeFrameHeader(std::string_view bytes,
                                      uint32_t max_payload_bytes = kDefaultMaxFrameBytes);

// Appends a header with a zero length and returns the offset of the frame;
// FinishFrame patches the length once the payload has been appended.
size_t BeginFrame(std::string& out, uint32_t request_id, MessageType type);
void FinishFrame(std::string& out, size_t frame_offset);

// Error for a frame whose payload does not decode as `what`.
Error CorruptPayload(std::string_view what);

}  // namespace tessera::rpc
