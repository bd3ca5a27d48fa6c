#include "vtgate/mysql/packet_stream.h"

#include <algorithm>
#include <cstring>

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "vtgate/mysql/tls_stream.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

// Smallest free space offered to a read: an idle connection keeps this much
// (1 KiB with std::string's terminator), and it holds any OLTP statement; a
// longer packet costs one more read, which its header sizes exactly.
constexpr size_t kMinRead = 1024 - 1;
constexpr size_t kSteadyBuffer = 64 * 1024;  // buffers above this are released by Trim()

void Release(std::string* s) {
  if (s->capacity() > kSteadyBuffer) std::string().swap(*s);
}

}  // namespace

asio::awaitable<ReadStatus> PacketStream::Read(size_t max_payload, std::string_view* payload) {
  begin_ += pending_;
  pending_ = 0;
  for (;;) {
    Frame frame;
    std::string_view have(in_.data() + begin_, end_ - begin_);
    switch (ExtractPacket(have, seq_, max_payload, &joined_, &frame)) {
      case FrameStatus::kComplete:
        pending_ = frame.consumed;
        seq_ = frame.next_seq;
        *payload = frame.payload;
        co_return ReadStatus::kOk;
      case FrameStatus::kOutOfOrder:
        co_return ReadStatus::kOutOfOrder;
      case FrameStatus::kTooLarge:
        co_return ReadStatus::kTooLarge;
      case FrameStatus::kNeedMore:
        break;
    }
    // Make room from begin_ for the bytes known to be needed, and some more.
    size_t buffered = end_ - begin_;
    size_t want = std::max(frame.needed, buffered + kMinRead);
    if (in_.size() - begin_ < want) {
      if (begin_ > 0) {
        std::memmove(in_.data(), in_.data() + begin_, buffered);
        begin_ = 0;
        end_ = buffered;
      }
      if (in_.size() < want) in_.resize(want);
    }
    size_t n = 0;
    if (tls_ != nullptr) {
      n = co_await tls_->ReadSome(in_.data() + end_, in_.size() - end_);
    } else {
      boost::system::error_code ec;
      n = co_await socket_->async_read_some(asio::buffer(in_.data() + end_, in_.size() - end_),
                                            asio::redirect_error(asio::use_awaitable, ec));
      if (ec) n = 0;
    }
    if (n == 0) co_return ReadStatus::kClosed;
    end_ += n;
  }
}

PacketWriter PacketStream::StartResponse() {
  out_.clear();
  return PacketWriter(&out_, seq_);
}

PacketStream::PacketStream(asio::ip::tcp::socket* socket) : socket_(socket) {
  // Send() first writes without blocking (the usual case: the whole response
  // fits in the socket buffer) and awaits only for what is left.
  boost::system::error_code ignored;
  socket_->non_blocking(true, ignored);
}

asio::awaitable<bool> PacketStream::Send(const PacketWriter& writer) {
  seq_ = writer.next_seq();
  if (tls_ != nullptr) {
    bool sent = co_await tls_->Write(out_);
    out_.clear();
    co_return sent;
  }
  size_t written = 0;
  boost::system::error_code ec;
  while (written < out_.size()) {
    written += socket_->write_some(asio::buffer(out_.data() + written, out_.size() - written), ec);
    if (ec) break;
  }
  if (ec == asio::error::would_block || ec == asio::error::try_again) {
    ec.clear();
    co_await asio::async_write(*socket_, asio::buffer(out_.data() + written, out_.size() - written),
                               asio::redirect_error(asio::use_awaitable, ec));
  }
  out_.clear();
  co_return !ec;
}

void PacketStream::Trim() {
  begin_ += pending_;
  pending_ = 0;
  if (begin_ == end_) {
    begin_ = end_ = 0;
    if (in_.size() > kSteadyBuffer) std::string().swap(in_);
  }
  Release(&joined_);
  Release(&out_);
}

std::string PacketStream::TakeReceived() {
  begin_ += pending_;
  pending_ = 0;
  std::string received(in_.data() + begin_, end_ - begin_);
  begin_ = end_ = 0;
  return received;
}

asio::awaitable<void> PacketStream::Drain(size_t max_bytes) {
  char sink[4096];
  size_t total = 0;
  while (total < max_bytes) {
    boost::system::error_code ec;
    size_t n = co_await socket_->async_read_some(asio::buffer(sink),
                                                 asio::redirect_error(asio::use_awaitable, ec));
    if (ec || n == 0) co_return;
    total += n;
  }
}

}  // namespace tessera::vtgate::mysql
