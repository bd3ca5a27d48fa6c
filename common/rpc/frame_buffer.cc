#include "common/rpc/frame_buffer.h"

#include <algorithm>
#include <cstring>

namespace tessera::rpc {

std::span<char> FrameBuffer::Prepare(size_t min_bytes) {
  if (begin_ == end_) {
    begin_ = 0;
    end_ = 0;
  }
  size_t pending = end_ - begin_;
  size_t needed = std::max(min_bytes, wanted_ > pending ? wanted_ - pending : 0);
  if (data_.size() - end_ < needed) {
    if (begin_ > 0) {
      std::memmove(data_.data(), data_.data() + begin_, pending);
      begin_ = 0;
      end_ = pending;
    }
    if (data_.size() - end_ < needed) data_.resize(end_ + needed);
  }
  return {data_.data() + end_, data_.size() - end_};
}

Result<std::optional<FrameView>> FrameBuffer::Next() {
  size_t available = end_ - begin_;
  if (available < kFrameHeaderSize) return std::optional<FrameView>();
  auto header = DecodeFrameHeader({data_.data() + begin_, available}, max_payload_bytes_);
  if (!header.ok()) return std::move(header).error();
  size_t frame_size = kFrameHeaderSize + header->payload_length;
  if (available < frame_size) {
    wanted_ = frame_size;
    return std::optional<FrameView>();
  }
  FrameView view{header.value(), std::string_view(data_.data() + begin_ + kFrameHeaderSize,
                                                  header->payload_length)};
  begin_ += frame_size;
  wanted_ = 0;
  return std::optional<FrameView>(view);
}

}  // namespace tessera::rpc
