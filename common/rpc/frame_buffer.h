// FrameBuffer: reassembles frames from a byte stream. The caller reads from
// the socket into Prepare()'s span, Commit()s the byte count, then drains
// complete frames with Next(). Pure (no I/O); a header that fails validation
// (oversized length, unknown type) makes the stream unusable and is reported
// once as an error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/rpc/frame.h"

namespace tessera::rpc {

// A complete frame; `payload` points into the FrameBuffer and stays valid
// until the next Prepare().
struct FrameView {
  FrameHeader header;
  std::string_view payload;
};

class FrameBuffer {
 public:
  explicit FrameBuffer(uint32_t max_payload_bytes = kDefaultMaxFrameBytes)
      : max_payload_bytes_(max_payload_bytes) {}

  // Writable space for the next read: at least `min_bytes`, and at least the
  // rest of a partially received frame.
  std::span<char> Prepare(size_t min_bytes = 64 * 1024);
  void Commit(size_t bytes) { end_ += bytes; }

  // The next complete frame; nullopt when more bytes are needed.
  Result<std::optional<FrameView>> Next();

 private:
  uint32_t max_payload_bytes_;
  std::vector<char> data_;
  size_t begin_ = 0;   // first unconsumed byte
  size_t end_ = 0;     // one past the last received byte
  size_t wanted_ = 0;  // size of the frame at begin_, once its header is known
};

}  // namespace tessera::rpc
