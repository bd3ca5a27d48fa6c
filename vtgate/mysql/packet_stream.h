// PacketStream: reads and writes framed packets on one client socket. Reads
// go through one reusable buffer (a payload is a view into it, valid until
// the next Read); a response is built in one output buffer and sent with one
// write. Buffers that grew for a large packet are shrunk again by Trim(), so
// an idle connection holds a few KiB. After UseTls() the bytes travel through
// the connection's TlsStream instead of the bare socket: one pointer test per
// read or write, and the plaintext path is unchanged. Worker-thread only; not
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "vtgate/mysql/packet_framing.h"

namespace tessera::vtgate::mysql {

class TlsStream;

enum class ReadStatus : uint8_t {
  kOk,
  kClosed,      // the peer closed the connection, or the socket failed / was closed
  kOutOfOrder,  // wrong sequence id
  kTooLarge,    // payload longer than the limit
};

class PacketStream {
 public:
  // Puts `socket` in non-blocking mode (Send writes before it waits).
  explicit PacketStream(boost::asio::ip::tcp::socket* socket);

  // Reads one whole payload, whose first packet must carry the current
  // sequence id, and advances the sequence id past it.
  boost::asio::awaitable<ReadStatus> Read(size_t max_payload, std::string_view* payload);

  // Starts a response numbered from the current sequence id. Encode into it
  // and pass it to Send().
  PacketWriter StartResponse();
  // Writes everything encoded since StartResponse() with one write; false
  // when the write failed.
  boost::asio::awaitable<bool> Send(const PacketWriter& writer);

  // Starts a new command exchange (sequence id 0).
  void ResetSequence() { seq_ = 0; }

  // Releases buffers that grew beyond their steady-state size.
  void Trim();

  // Reads and discards input until the peer closes or the socket fails;
  // used to let a client read our last ERR before the connection closes.
  // Reads the socket itself, under TLS too: the bytes are thrown away.
  boost::asio::awaitable<void> Drain(size_t max_bytes);

  // Hands over the bytes received after the last payload Read() returned
  // (the client's first TLS bytes after an SSLRequest) and empties the
  // input buffer.
  std::string TakeReceived();
  // From now on reads and writes go through `tls` (which must outlive this
  // stream), or through the socket again when null.
  void UseTls(TlsStream* tls) { tls_ = tls; }

 private:
  boost::asio::ip::tcp::socket* socket_;
  TlsStream* tls_ = nullptr;
  std::string in_;  // bytes [begin_, end_) are received and not yet consumed
  size_t begin_ = 0;
  size_t end_ = 0;
  size_t pending_ = 0;  // bytes of the last returned payload, consumed on next Read
  std::string joined_;  // payloads spanning several packets
  std::string out_;
  uint8_t seq_ = 0;
};

}  // namespace tessera::vtgate::mysql
