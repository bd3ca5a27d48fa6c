// ServerOptions: how the vtgate MySQL server listens and what it allows.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace tessera::vtgate::mysql {

// What a user's login must come over, as MariaDB's REQUIRE SSL / X509.
enum class TransportRequirement : uint8_t {
  kNone,
  kSsl,   // TLS
  kX509,  // TLS with a client certificate that verified against ca_file
};

// TLS for client connections. Off unless cert_file is set.
struct TlsOptions {
  std::string cert_file;  // PEM certificate chain, server certificate first
  std::string key_file;   // PEM private key of the certificate
  // PEM CA bundle; when set, a client certificate is requested and, if the
  // client presents one, it must verify against these CAs.
  std::string ca_file;
  // Plaintext logins are refused with ERR 3159.
  bool require_secure_transport = false;
  // Users whose login must meet more than kNone; a login that does not is
  // refused with the ERR 1045 of a wrong password.
  std::map<std::string, TransportRequirement, std::less<>> user_requirements;

  bool enabled() const { return !cert_file.empty(); }
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;   // 0: pick a free port (see Server::port())
  size_t workers = 0;  // 0: std::thread::hardware_concurrency()
  // Largest command payload accepted; a larger one gets ERR 1153 and the
  // connection is closed.
  uint32_t max_allowed_packet = 16 << 20;
  // Client connections served at once; one more is answered with ERR 1040
  // (Too many connections) and closed.
  size_t max_connections = 20000;
  // A client that has not finished authenticating by then is disconnected.
  std::chrono::seconds handshake_timeout{10};
  std::string server_version = "5.5.5-10.11.6-MariaDB-tessera";
  TlsOptions tls;
  // Plugin named in the greeting and switched to when a client answers with
  // a plugin vtgate does not implement: "mysql_native_password" or
  // "caching_sha2_password". Clients answering with either one are served
  // with the one they chose.
  std::string default_auth_plugin = "mysql_native_password";
  // PEM RSA private key for caching_sha2_password over plaintext; empty: a
  // 2048-bit key is generated when the server starts.
  std::string rsa_private_key_file;
};

}  // namespace tessera::vtgate::mysql
