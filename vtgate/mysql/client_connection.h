// ClientConnection: one client from greeting to close, as one coroutine on
// its worker thread: handshake (upgraded to TLS after an SSLRequest) and
// authentication with mysql_native_password or caching_sha2_password
// (switching other plugins to the server's default), then the command loop that hands
// COM_QUERY (several statements in one under CLIENT_MULTI_STATEMENTS),
// COM_INIT_DB and the prepared-statement commands
// (COM_STMT_PREPARE / EXECUTE / SEND_LONG_DATA / RESET / CLOSE / FETCH) to
// the SessionHandler, and answers COM_SET_OPTION, COM_CHANGE_USER and
// COM_RESET_CONNECTION itself. Every failure caused by the
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
#include "vtgate/mysql/client_directory.h"
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
  ClientDirectory* clients;
};

class ClientConnection : public std::enable_shared_from_this<ClientConnection> {
 public:
  // `admitted`: the ClientDirectory counted this connection in; one that was
  // not is answered with ERR 1040 (Too many connections) and closed.
  ClientConnection(boost::asio::ip::tcp::socket socket, uint32_t connection_id, size_t worker,
                   ConnectionDeps deps, bool admitted);
  ~ClientConnection();
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  // Serves the client until it quits or fails. Never throws.
  static boost::asio::awaitable<void> Run(std::shared_ptr<ClientConnection> self);

  // Closes the socket; pending I/O fails and Run() ends. Worker thread only.
  void Close();
  // KILL of this connection (any thread): both interrupt the statement it
  // runs, KILL CONNECTION also closes it. Posted to the worker.
  void Kill(KillScope scope);

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
  // The user's REQUIRE SSL / X509 (TlsOptions::user_requirements) is met.
  bool MeetsTransportRequirement();
  // Sends one packet and reads the client's answer into *reply (valid until
  // the next read); false, connection ended, when either fails.
  boost::asio::awaitable<bool> Exchange(std::string_view payload, std::string_view* reply);
  boost::asio::awaitable<void> ServeCommands();
  // Answers one command; false when the connection must end.
  boost::asio::awaitable<bool> Dispatch(std::string_view payload);
  // COM_QUERY (client_query.cc): runs each statement of `sql` in order and
  // sends its result as soon as it is known, with
  // SERVER_MORE_RESULTS_EXISTS on all but the last; the first error ends
  // the batch. false when a send failed.
  boost::asio::awaitable<bool> Query(std::string_view sql);
  // COM_SET_OPTION: multi statements on or off; answers EOF or ERR.
  void SetOption(std::string_view argument, PacketWriter* w);
  // COM_STATISTICS, COM_PROCESS_KILL, COM_FIELD_LIST and COM_PROCESS_INFO (as SHOW PROCESSLIST)
  // (client_server_commands.cc); each encodes its answer into `w`.
  void Statistics(PacketWriter* w);
  // false when the connection ended (it killed itself).
  boost::asio::awaitable<bool> ProcessKill(std::string_view argument, PacketWriter* w);
  boost::asio::awaitable<void> FieldList(std::string_view argument, PacketWriter* w);
  boost::asio::awaitable<bool> ProcessList();
  // COM_CHANGE_USER and COM_RESET_CONNECTION (client_reset.cc). Both close
  // the session and start a fresh one, and drop the prepared statements;
  // COM_CHANGE_USER first authenticates the new user against the greeting's
  // scramble. A failed COM_CHANGE_USER is answered with ERR and ends the
  // connection. false when the connection ended.
  boost::asio::awaitable<bool> ChangeUser(std::string_view argument);
  boost::asio::awaitable<bool> ResetConnection();
  // Replaces the session with a fresh one for info_ in `database`; false
  // after ERR and close when that fails.
  boost::asio::awaitable<bool> RenewSession(std::string database);
  // Creates the session for `info_` and selects `info_.database` in it;
  // false (the error sent, the connection closing) when either fails.
  boost::asio::awaitable<bool> OpenSession();
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
  std::string scramble_;  // of the greeting; COM_CHANGE_USER is proven against it
  uint32_t client_capabilities_ = 0;
  // CLIENT_MULTI_STATEMENTS from the handshake, then per COM_SET_OPTION.
  bool multi_statements_ = false;
  std::unique_ptr<SessionHandler> session_;
  PreparedStatements statements_;
  Phase phase_ = Phase::kHandshake;
  const bool admitted_;
  // What SHOW PROCESSLIST shows of this connection.
  std::shared_ptr<ClientActivity> activity_;
  // Set while a command runs: KILL QUERY then interrupts the session.
  bool busy_ = false;
};

}  // namespace tessera::vtgate::mysql
