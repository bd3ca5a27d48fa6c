// The contract between the protocol server and the executor. The server
// authenticates a client, then creates one SessionHandler for it through the
// SessionHandlerFactory; every call on that handler happens on the
// connection's worker thread, one at a time, and the handler is destroyed
// when the connection ends (on the same thread, or after Server::Stop()
// joined the workers). COM_CHANGE_USER and COM_RESET_CONNECTION Close() the
// handler and replace it with a fresh one from the factory: that is how
// every piece of session state is reset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "common/result_set.h"

namespace tessera::vtgate::mysql {

class ClientDirectory;

// What COM_STMT_PREPARE learns about a statement.
struct PreparedInfo {
  uint16_t param_count = 0;    // number of `?` placeholders
  std::vector<Field> columns;  // result columns; empty when none or unknown
};

struct ClientInfo {
  uint32_t connection_id = 0;
  std::string user;
  std::string database;  // from the handshake; may be empty
  size_t worker = 0;     // index of the worker thread the connection lives on
  std::string remote_address;
  // The server's live connections (SHOW PROCESSLIST, KILL); null in tests
  // that run a session without a server.
  ClientDirectory* directory = nullptr;
};

class SessionHandler {
 public:
  virtual ~SessionHandler() = default;

  // COM_QUERY. A result with fields is sent as a text result set, one
  // without fields as OK (affected rows, last insert id, warnings, info);
  // an Error as ERR with its code, SQLSTATE and message. `sql` points into
  // the connection's read buffer: valid until the returned awaitable
  // completes; copy what must outlive it. Must not throw.
  virtual boost::asio::awaitable<Result<ResultSet>> Query(std::string_view sql) = 0;

  // COM_INIT_DB, and the database named in the handshake.
  virtual Status UseDatabase(std::string_view database) = 0;

  // COM_STMT_PREPARE: checks `sql` and describes its parameters and result
  // columns. An Error is sent as ERR and no statement is created. `sql` is
  // valid until the returned awaitable completes. The default refuses
  // prepared statements (1295).
  virtual boost::asio::awaitable<Result<PreparedInfo>> Prepare(std::string_view sql);

  // COM_STMT_EXECUTE of a statement Prepare() accepted: runs `sql` with its
  // i-th `?` replaced by `params[i]`, a SQL literal the protocol layer built
  // from the binary value ('quoted and escaped' strings, NULL, numbers,
  // 'YYYY-MM-DD hh:mm:ss.ffffff'). Answered like Query(), with binary rows.
  virtual boost::asio::awaitable<Result<ResultSet>> ExecutePrepared(
      std::string_view sql, const std::vector<std::string>& params);

  // COM_FIELD_LIST: the columns of `table` in the current database. The
  // default asks Query() for `SELECT * FROM table LIMIT 0`.
  virtual boost::asio::awaitable<Result<std::vector<Field>>> Columns(std::string_view table);

  // SERVER_STATUS_* bits (autocommit, in transaction) for OK/EOF packets.
  virtual uint16_t StatusFlags() const = 0;

  // The current database as UseDatabase() accepts it, "" when none;
  // COM_RESET_CONNECTION gives it to the fresh session. The default is "".
  virtual std::string Database() const;

  // Called before the handler is replaced (COM_CHANGE_USER,
  // COM_RESET_CONNECTION) and destroyed: rolls back an open transaction and
  // releases what the session holds outside itself, so the fresh session
  // starts clean. Must not throw. The default does nothing.
  virtual boost::asio::awaitable<void> Close();

  // KILL QUERY of this connection, from another connection: the statement
  // running now, if any, ends as soon as possible with 1317 (Query
  // execution was interrupted). Called on the connection's worker thread
  // while a Query()/ExecutePrepared() of this handler may be suspended.
  // The default does nothing.
  virtual void Interrupt();
};

using SessionHandlerFactory = std::function<std::unique_ptr<SessionHandler>(const ClientInfo&)>;

// Looks a user up; returns the stored "*HEX" native-password hash ("" for a
// user without password), or nullopt when the user is unknown. Called on
// worker threads, concurrently: it must be thread-safe.
using UserLookup = std::function<std::optional<std::string>(std::string_view user)>;

}  // namespace tessera::vtgate::mysql
