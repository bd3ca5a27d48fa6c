// Packet headers, splitting of large payloads and joining them on read.
#include <gtest/gtest.h>

#include "vtgate/mysql/packet_framing.h"

namespace tessera::vtgate::mysql {
namespace {

TEST(PacketFraming, SmallPacketRoundTrip) {
  std::string wire;
  PacketWriter w(&wire, 3);
  w.Write("hello");
  w.Write("");
  EXPECT_EQ(w.next_seq(), 5);
  EXPECT_EQ(wire.substr(0, 9), std::string("\x05\x00\x00\x03hello", 9));
  std::string scratch;
  Frame f;
  ASSERT_EQ(ExtractPacket(wire, 3, 1 << 20, &scratch, &f), FrameStatus::kComplete);
  EXPECT_EQ(f.payload, "hello");
  EXPECT_EQ(f.consumed, 9u);
  EXPECT_EQ(f.next_seq, 4);
  ASSERT_EQ(ExtractPacket(std::string_view(wire).substr(9), 4, 1 << 20, &scratch, &f),
            FrameStatus::kComplete);
  EXPECT_EQ(f.payload, "");
}

TEST(PacketFraming, TruncatedInputNeedsMore) {
  std::string wire;
  PacketWriter(&wire, 0).Write("select 1");
  std::string scratch;
  for (size_t n = 0; n < wire.size(); ++n) {
    Frame f;
    EXPECT_EQ(ExtractPacket(std::string_view(wire).substr(0, n), 0, 1 << 20, &scratch, &f),
              FrameStatus::kNeedMore)
        << n;
    EXPECT_GT(f.needed, n);
  }
}

TEST(PacketFraming, WrongSequenceIsOutOfOrder) {
  std::string wire;
  PacketWriter(&wire, 7).Write("x");
  std::string scratch;
  Frame f;
  EXPECT_EQ(ExtractPacket(wire, 0, 1 << 20, &scratch, &f), FrameStatus::kOutOfOrder);
}

TEST(PacketFraming, OversizedHeaderIsTooLargeBeforeItsBytesArrive) {
  std::string header("\x00\x00\x10\x00", 4);  // 1 MiB payload announced, none sent
  std::string scratch;
  Frame f;
  EXPECT_EQ(ExtractPacket(header, 0, 1000, &scratch, &f), FrameStatus::kTooLarge);
}

TEST(PacketFraming, LargePayloadIsSplitAndJoined) {
  for (size_t size : {kMaxPacketChunk - 1, kMaxPacketChunk, kMaxPacketChunk + 10}) {
    std::string payload(size, 'a');
    payload.back() = 'z';
    std::string wire;
    PacketWriter w(&wire, 0);
    w.Begin().append(payload);
    w.End();
    size_t packets = size / kMaxPacketChunk + 1;
    EXPECT_EQ(w.next_seq(), packets) << size;
    EXPECT_EQ(wire.size(), size + packets * kPacketHeaderSize);
    std::string scratch;
    Frame f;
    ASSERT_EQ(ExtractPacket(wire, 0, 32 << 20, &scratch, &f), FrameStatus::kComplete);
    EXPECT_EQ(f.payload.size(), size);
    EXPECT_TRUE(f.payload == payload);
    EXPECT_EQ(f.consumed, wire.size());
    EXPECT_EQ(f.next_seq, packets);
    // Every cut short of the end asks for more.
    Frame partial;
    EXPECT_EQ(ExtractPacket(std::string_view(wire).substr(0, wire.size() - 1), 0, 32 << 20,
                            &scratch, &partial),
              FrameStatus::kNeedMore);
    // A limit below the joined size is detected.
    EXPECT_EQ(ExtractPacket(wire, 0, size - 1, &scratch, &partial), FrameStatus::kTooLarge);
  }
}

}  // namespace
}  // namespace tessera::vtgate::mysql
