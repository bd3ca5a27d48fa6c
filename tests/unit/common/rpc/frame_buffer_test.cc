#include "common/rpc/frame_buffer.h"

#include <algorithm>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "common/rpc/execute_codec.h"
#include "common/rpc/transaction_codec.h"

namespace tessera::rpc {
namespace {

void Feed(FrameBuffer& buffer, std::string_view bytes) {
  auto space = buffer.Prepare(bytes.size());
  ASSERT_GE(space.size(), bytes.size());
  std::memcpy(space.data(), bytes.data(), bytes.size());
  buffer.Commit(bytes.size());
}

TEST(FrameBuffer, ReassemblesFramesFedByteByByte) {
  std::string stream;
  AppendFrame(stream, 1, CommitRequest{10});
  ExecuteRequest big{"db", std::string(200000, 'q')};
  AppendFrame(stream, 2, big);
  AppendFrame(stream, 3, RollbackRequest{11});

  FrameBuffer buffer;
  std::vector<uint32_t> ids;
  for (size_t i = 0; i < stream.size(); i += std::min<size_t>(7, stream.size() - i)) {
    Feed(buffer, std::string_view(stream).substr(i, 7));
    for (;;) {
      auto next = buffer.Next();
      ASSERT_TRUE(next.ok());
      if (!next->has_value()) break;
      const FrameView& frame = **next;
      ids.push_back(frame.header.request_id);
      if (frame.header.request_id == 2) {
        auto req = DecodeExecuteRequest(frame.payload);
        ASSERT_TRUE(req.ok());
        EXPECT_EQ(req.value(), big);
      }
    }
  }
  EXPECT_EQ(ids, (std::vector<uint32_t>{1, 2, 3}));
}

TEST(FrameBuffer, ManyFramesInOneRead) {
  std::string stream;
  for (uint32_t id = 0; id < 100; ++id) AppendFrame(stream, id, CommitRequest{id});
  FrameBuffer buffer;
  Feed(buffer, stream);
  for (uint32_t id = 0; id < 100; ++id) {
    auto next = buffer.Next();
    ASSERT_TRUE(next.ok() && next->has_value());
    EXPECT_EQ((*next)->header.request_id, id);
    EXPECT_EQ(DecodeCommitRequest((*next)->payload)->transaction_id, id);
  }
  EXPECT_FALSE(buffer.Next()->has_value());
}

TEST(FrameBuffer, OversizedFrameIsAnError) {
  std::string stream;
  AppendFrame(stream, 1, ExecuteRequest{"db", std::string(100, 'x')});
  FrameBuffer buffer(50);
  Feed(buffer, stream.substr(0, kFrameHeaderSize));
  auto next = buffer.Next();
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, 1153);
}

}  // namespace
}  // namespace tessera::rpc
