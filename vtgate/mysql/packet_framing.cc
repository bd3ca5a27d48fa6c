#include "vtgate/mysql/packet_framing.h"

#include <algorithm>

namespace tessera::vtgate::mysql {
namespace {

void PutHeader(char* at, size_t length, uint8_t seq) {
  at[0] = static_cast<char>(length & 0xff);
  at[1] = static_cast<char>((length >> 8) & 0xff);
  at[2] = static_cast<char>((length >> 16) & 0xff);
  at[3] = static_cast<char>(seq);
}

size_t HeaderLength(std::string_view input, size_t at) {
  return static_cast<uint8_t>(input[at]) | (static_cast<uint8_t>(input[at + 1]) << 8) |
         (static_cast<size_t>(static_cast<uint8_t>(input[at + 2])) << 16);
}

}  // namespace

std::string& PacketWriter::Begin() {
  start_ = out_->size();
  out_->append(kPacketHeaderSize, '\0');
  return *out_;
}

void PacketWriter::End() {
  size_t length = out_->size() - start_ - kPacketHeaderSize;
  if (length < kMaxPacketChunk) {
    PutHeader(out_->data() + start_, length, seq_++);
    return;
  }
  // Rare path: re-lay the payload as several packets.
  std::string payload = out_->substr(start_ + kPacketHeaderSize);
  out_->resize(start_);
  size_t offset = 0;
  for (;;) {
    size_t chunk = std::min(kMaxPacketChunk, payload.size() - offset);
    char header[kPacketHeaderSize];
    PutHeader(header, chunk, seq_++);
    out_->append(header, kPacketHeaderSize);
    out_->append(payload, offset, chunk);
    offset += chunk;
    if (chunk < kMaxPacketChunk) break;  // a full chunk is always followed by another
  }
}

FrameStatus ExtractPacket(std::string_view input, uint8_t expected_seq, size_t max_payload,
                          std::string* scratch, Frame* frame) {
  size_t at = 0;
  size_t total = 0;
  uint8_t seq = expected_seq;
  // First pass: walk the headers, validate them and find the payload's end.
  for (;;) {
    if (input.size() - at < kPacketHeaderSize) {
      frame->needed = at + kPacketHeaderSize;
      return FrameStatus::kNeedMore;
    }
    size_t length = HeaderLength(input, at);
    if (static_cast<uint8_t>(input[at + 3]) != seq) return FrameStatus::kOutOfOrder;
    total += length;
    if (total > max_payload) return FrameStatus::kTooLarge;
    ++seq;
    if (input.size() - at - kPacketHeaderSize < length) {
      frame->needed = at + kPacketHeaderSize + length;
      return FrameStatus::kNeedMore;
    }
    at += kPacketHeaderSize + length;
    if (length < kMaxPacketChunk) break;
  }
  frame->consumed = at;
  frame->next_seq = seq;
  if (at == total + kPacketHeaderSize) {  // one packet: no copy
    frame->payload = input.substr(kPacketHeaderSize, total);
    return FrameStatus::kComplete;
  }
  scratch->clear();
  scratch->reserve(total);
  for (size_t pos = 0; pos < at;) {
    size_t length = HeaderLength(input, pos);
    scratch->append(input.substr(pos + kPacketHeaderSize, length));
    pos += kPacketHeaderSize + length;
  }
  frame->payload = *scratch;
  return FrameStatus::kComplete;
}

}  // namespace tessera::vtgate::mysql
