// MariaDbConnection: one MariaDB Connector/C connection driven with the
// non-blocking API (MYSQL_OPT_NONBLOCK, *_start/*_cont) from coroutines on one
// io_context: while the library would block, the coroutine waits on the
// connection's socket. Settings: utf8mb4, autocommit on, CLIENT_FOUND_ROWS
// off, the library's auto-reconnect off.
//
// A statement that fails with a connection-level error (server gone, lost,
// timeout) reports that error and leaves the connection closed; the next
// statement reconnects. Statements are never retried. One statement at a time:
// the caller (a pool or a transaction) owns the connection exclusively.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "common/error.h"
#include "common/result_set.h"
#include "vttablet/mariadb/mariadb_params.h"

struct st_mysql;

namespace tessera::vttablet {

class MariaDbConnection {
 public:
  MariaDbConnection(boost::asio::any_io_executor executor, MariaDbParams params);
  ~MariaDbConnection();
  MariaDbConnection(const MariaDbConnection&) = delete;
  MariaDbConnection& operator=(const MariaDbConnection&) = delete;

  // Connects if not connected. Fails with MariaDB's error (e.g. 2002/2003).
  boost::asio::awaitable<Status> Connect();

  // Runs one statement. `database` is selected first when it is not empty and
  // not the current one. `max_rows` > 0 fails statements returning more rows.
  // `timeout` > 0 bounds the whole call; when it passes, the connection is
  // closed (the server aborts the statement) and 1969 (70100) is returned.
  // A statement with warnings comes back with them (SHOW WARNINGS, run
  // next on the same connection).
  boost::asio::awaitable<Result<ResultSet>> Execute(std::string_view database, std::string_view sql,
                                                    uint64_t max_rows,
                                                    std::chrono::milliseconds timeout);

  bool connected() const { return mysql_ != nullptr; }
  // MariaDB's id of this connection (what KILL takes); 0 when not connected.
  uint64_t thread_id() const;
  // Closes the connection; the next statement reconnects.
  void Disconnect() { Close(); }

 private:
  // Appends SHOW WARNINGS' rows to `result.warning_list` (a statement
  // whose count is above 0, just run on this connection).
  boost::asio::awaitable<void> ReadWarnings(ResultSet& result, std::chrono::milliseconds timeout);
  // Waits until the socket is ready for what `status` (MYSQL_WAIT_* bits)
  // asks and returns the bits that happened; 0 when the deadline passed.
  boost::asio::awaitable<int> WaitFor(int status);
  // Drives a *_cont function until the operation completes; false when the
  // deadline passed (the connection is then closed).
  template <class Cont>
  boost::asio::awaitable<bool> Drive(int status, Cont cont);
  Error LastError() const;
  // Closes the connection if `error` means it is no longer usable.
  void CloseIfBroken(const Error& error);
  // Closes the connection after a deadline and returns 1969 (70100).
  Error TimeoutError();
  void Close(bool abort = false);

  // State the deadline timer's handler may touch; it holds a weak_ptr so that
  // a late handler after destruction is harmless.
  struct SocketWait {
    std::optional<boost::asio::posix::stream_descriptor> socket;  // borrowed fd, released on close
    uint64_t generation = 0;  // identifies the wait a timer handler belongs to
    bool deadline_fired = false;
    bool watched_write = false;  // the socket's registration includes write readiness
  };

  boost::asio::any_io_executor executor_;
  MariaDbParams params_;
  st_mysql* mysql_ = nullptr;
  std::shared_ptr<SocketWait> wait_;
  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  std::string current_database_;
};

}  // namespace tessera::vttablet
