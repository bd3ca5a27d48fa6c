// Packet framing: every payload travels as packets of a 3-byte little-endian
// length and a 1-byte sequence id. A payload of 0xffffff bytes or more is
// split into packets of 0xffffff bytes followed by a shorter (possibly empty)
// one; the reader joins them back. Pure functions over buffers, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tessera::vtgate::mysql {

inline constexpr size_t kPacketHeaderSize = 4;
inline constexpr size_t kMaxPacketChunk = 0xffffff;

// Appends framed packets to a caller-owned buffer and numbers them.
// Usage: std::string& p = w.Begin(); <append payload to p>; w.End();
class PacketWriter {
 public:
  PacketWriter(std::string* out, uint8_t first_seq) : out_(out), seq_(first_seq) {}

  // Reserves a header and returns the buffer to append the payload to.
  std::string& Begin();
  // Writes the header of the packet started by Begin(), splitting it when
  // the payload is 0xffffff bytes or longer.
  void End();
  void Write(std::string_view payload) {
    Begin().append(payload);
    End();
  }

  uint8_t next_seq() const { return seq_; }
  std::string& buffer() { return *out_; }

 private:
  std::string* out_;
  size_t start_ = 0;
  uint8_t seq_;
};

enum class FrameStatus : uint8_t {
  kComplete,    // one whole payload was extracted
  kNeedMore,    // the input ends before the payload does
  kOutOfOrder,  // a packet carries the wrong sequence id
  kTooLarge,    // the joined payload would exceed the size limit
};

struct Frame {
  std::string_view payload;  // into the input, or into *scratch when joined
  size_t consumed = 0;       // input bytes the payload's packets occupy
  size_t needed = 0;         // kNeedMore: input bytes known to be needed so far
  uint8_t next_seq = 0;      // sequence id expected after this payload
};

// Extracts the first logical payload from `input`, whose first packet must
// carry `expected_seq`. Payloads spanning several packets are joined into
// *scratch. A payload longer than `max_payload` is kTooLarge as soon as a
// header proves it, without waiting for its bytes.
FrameStatus ExtractPacket(std::string_view input, uint8_t expected_seq, size_t max_payload,
                          std::string* scratch, Frame* frame);

}  // namespace tessera::vtgate::mysql
