// ClientConnection: one client from greeting to close, as one coroutine on
// its worker thread: handshake (upgraded to TLS after an SSLRequest) and
// authentication with mysql_native_password or caching_sha2_password
// (switching other plugins to the server's default), then the command loop that hands
// COM_QUERY / COM_INIT_DB and the prepared-statement commands
// (COM_STMT_PREPARE / EXECUTE / SEND_LONG_DATA / RESET / CLOSE / FETCH) to
// the SessionHandler. Every failure caused by the
// client's bytes is answered with ERR where possible and ends only this
// connection.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "common/error.h"
#include "vtgate/mysql/connection_registry.h"
#include "vtgate/mysql/packet_stream.h"
#include "vtgate/mysql/prepared_statement.h"
#include "vtgate/mysql/server_options.h"
#include "vtgate/mysql/session_handler.h"

namespace spdlog {
class logger;
}
namespace boost::asio::ssl {
class context;
}

namespace tessera::vtgate::mysql {

class RsaKeyPair;
class Sha2DigestCache;
class TlsStream;

// Server-owned collaborators; they outlive every connection.
struct ConnectionDeps {
  const ServerOptions* options;
  const UserLookup* users;
  const SessionHandlerFactory* sessions;
  ConnectionRegistry* registry;
  spdlog::logger* log;
  boost::asio::ssl::context* tls;  // null: TLS is off
  const RsaKeyPair* rsa_key;       // caching_sha2_password without TLS
  Sha2DigestCache* sha2_cache;
};

class ClientConnection : public std::enable_shared_from_this<ClientConnection> {
 public:
  ClientConnection(boost::asio::ip::tcp::socket socket, uint32_t connection_id, size_t worker,
                   ConnectionDeps deps);
  ~ClientConnection();
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  // Serves the client until it quits or fails. Never throws.
  static boost::asio::awaitable<void> Run(std::shared_ptr<ClientConnection> self);

  // Closes the socket; pending I/O fails and Run() ends. Worker thread only.
  void Close();

 private:
  // kLingering: a fatal ERR was sent; input is discarded until the peer
  // closes or the deadline passes.
  enum class Phase : uint8_t { kHandshake, kCommands, kLingering, kClosed };

  boost::asio::awaitable<bool> Handshake();
  // TLS handshake after an SSLRequest; false (connection closed) on failure.
  boost::asio::awaitable<bool> StartTls();
  // Authentication (client_auth.cc). Each returns true when the client is
  // authenticated, else false after answering ERR (or seeing the client go).
  boost::asio::awaitable<bool> Authenticate(const std::string& scramble,
                                            std::string_view client_plugin, std::string token);
  boost::asio::awaitable<bool> AuthenticateCachingSha2(const std::string& scramble,
                                                       std::string_view token);
  boost::asio::awaitable<bool> Deny(bool using_password);
  // Sends one packet and reads the client's answer into *reply (valid until
  // the next read); false, connection ended, when either fails.
  boost::asio::awaitable<bool> Exchange(std::string_view payload, std::string_view* reply);
  boost::asio::awaitable<void> ServeCommands();
  // Answers one command; false when the connection must end.
  boost::asio::awaitable<bool> Dispatch(std::string_view payload);
  // Sends ERR for a read failure (when the peer can still read) and closes.
  boost::asio::awaitable<void> FailRead(ReadStatus status);
  boost::asio::awaitable<void> SendErrorAndClose(const Error& error);
  // Closes the connection unless it reached the command phase in time.
  void ArmDeadline();

  // Prepared-statement commands (client_statements.cc); each encodes its
  // answer into `w`. SEND_LONG_DATA and CLOSE have no answer.
  boost::asio::awaitable<void> StmtPrepare(std::string_view sql, PacketWriter* w);
  boost::asio::awaitable<void> StmtExecute(std::string_view argument, PacketWriter* w);
  void StmtSendLongData(std::string_view argument);
  void StmtReset(std::string_view argument, PacketWriter* w);
  void StmtClose(std::string_view argument);
  void StmtFetch(std::string_view argument, PacketWriter* w);

  boost::asio::ip::tcp::socket socket_;
  std::unique_ptr<TlsStream> tls_;  // set once the client asked for TLS
  PacketStream stream_;
  boost::asio::steady_timer deadline_;  // handshake timeout, then linger limit
  ConnectionDeps deps_;
  ClientInfo info_;
  uint32_t client_capabilities_ = 0;
  std::unique_ptr<SessionHandler> session_;
  PreparedStatements statements_;
  Phase phase_ = Phase::kHandshake;
};

}  // namespace tessera::vtgate::mysql
