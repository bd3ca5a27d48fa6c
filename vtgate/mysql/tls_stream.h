// TlsStream: the TLS session of one client connection, layered over its TCP
// socket after the client's SSLRequest. The PacketStream reads and writes
// through it once it exists; the socket itself stays owned by the
// connection (closing it ends the session). Worker-thread only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

namespace tessera::vtgate::mysql {

class TlsStream {
 public:
  TlsStream(boost::asio::ip::tcp::socket& socket, boost::asio::ssl::context& context);

  // The server side of the TLS handshake. `received` holds bytes the client
  // sent after its SSLRequest that were already read from the socket (the
  // start of its ClientHello). False when the handshake failed.
  boost::asio::awaitable<bool> Handshake(std::string_view received);

  // Reads some decrypted bytes; 0 when the peer closed or the session failed.
  boost::asio::awaitable<size_t> ReadSome(char* data, size_t size);
  // Writes all of `data`; false when the session failed.
  boost::asio::awaitable<bool> Write(std::string_view data);

  // "TLSv1.3 TLS_AES_256_GCM_SHA384", for logs.
  std::string Describe();
  // Whether the client presented a certificate and it verified against the
  // context's CAs (after Handshake).
  bool PeerCertificateVerified();

 private:
  boost::asio::ssl::stream<boost::asio::ip::tcp::socket&> stream_;
};

}  // namespace tessera::vtgate::mysql
