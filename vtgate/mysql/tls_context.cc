#include "vtgate/mysql/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

namespace tessera::vtgate::mysql {
namespace {

namespace ssl = boost::asio::ssl;

Error TlsError(const std::string& what, const boost::system::error_code& ec) {
  ERR_clear_error();
  return Error::Internal("TLS " + what + ": " + ec.message());
}

// An Error naming `path` when it cannot be opened for reading (OpenSSL's own
// message for a missing file is only "asio.ssl error").
std::optional<Error> Unreadable(const std::string& what, const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "r");
  if (file != nullptr) {
    std::fclose(file);
    return std::nullopt;
  }
  return Error::Internal("TLS " + what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Result<std::unique_ptr<ssl::context>> MakeServerTlsContext(const TlsOptions& options) {
  if (options.cert_file.empty() || options.key_file.empty()) {
    return Error::Internal("TLS needs both a certificate and a private key");
  }
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                       ec);
  if (ec) return TlsError("options", ec);
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    ERR_clear_error();
    return Error::Internal("TLS: cannot require TLS 1.2");
  }
  if (auto e = Unreadable("certificate", options.cert_file)) return *e;
  if (auto e = Unreadable("private key", options.key_file)) return *e;
  if (!options.ca_file.empty()) {
    if (auto e = Unreadable("CA", options.ca_file)) return *e;
  }
  context->use_certificate_chain_file(options.cert_file, ec);
  if (ec) return TlsError("certificate " + options.cert_file, ec);
  context->use_private_key_file(options.key_file, ssl::context::pem, ec);
  if (ec) return TlsError("private key " + options.key_file, ec);
  if (SSL_CTX_check_private_key(context->native_handle()) != 1) {
    ERR_clear_error();
    return Error::Internal("TLS private key " + options.key_file + " does not match certificate " +
                           options.cert_file);
  }
  if (!options.ca_file.empty()) {
    context->load_verify_file(options.ca_file, ec);
    if (ec) return TlsError("CA " + options.ca_file, ec);
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(options.ca_file.c_str())) {
      SSL_CTX_set_client_CA_list(context->native_handle(), names);
    }
    ERR_clear_error();
    context->set_verify_mode(ssl::verify_peer, ec);
    if (ec) return TlsError("verify mode", ec);
  }
  return context;
}

}  // namespace tessera::vtgate::mysql
