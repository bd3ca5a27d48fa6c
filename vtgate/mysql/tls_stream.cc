#include "vtgate/mysql/tls_stream.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

}  // namespace

TlsStream::TlsStream(asio::ip::tcp::socket& socket, asio::ssl::context& context)
    : stream_(socket, context) {}

asio::awaitable<bool> TlsStream::Handshake(std::string_view received) {
  boost::system::error_code ec;
  co_await stream_.async_handshake(asio::ssl::stream_base::server,
                                   asio::buffer(received.data(), received.size()),
                                   asio::redirect_error(asio::use_awaitable, ec));
  if (ec) ERR_clear_error();
  co_return !ec;
}

asio::awaitable<size_t> TlsStream::ReadSome(char* data, size_t size) {
  boost::system::error_code ec;
  size_t n = co_await stream_.async_read_some(asio::buffer(data, size),
                                              asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    ERR_clear_error();
    co_return 0;
  }
  co_return n;
}

asio::awaitable<bool> TlsStream::Write(std::string_view data) {
  boost::system::error_code ec;
  co_await asio::async_write(stream_, asio::buffer(data.data(), data.size()),
                             asio::redirect_error(asio::use_awaitable, ec));
  if (ec) ERR_clear_error();
  co_return !ec;
}

std::string TlsStream::Describe() {
  SSL* ssl = stream_.native_handle();
  const char* version = SSL_get_version(ssl);
  const char* cipher = SSL_get_cipher_name(ssl);
  return std::string(version ? version : "?") + " " + (cipher ? cipher : "?");
}

bool TlsStream::PeerCertificateVerified() {
  SSL* ssl = stream_.native_handle();
  X509* peer = SSL_get1_peer_certificate(ssl);
  if (peer == nullptr) return false;
  X509_free(peer);
  return SSL_get_verify_result(ssl) == X509_V_OK;
}

}  // namespace tessera::vtgate::mysql
