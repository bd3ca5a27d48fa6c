#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include "vttablet/mariadb/mariadb_connection.h"

#include <sys/socket.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>
#include <mysql.h>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "vttablet/mariadb/result_conversion.h"

namespace tessera::vttablet {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// MariaDB's own error for a statement stopped by max_statement_time.
constexpr uint16_t kStatementTimeout = 1969;

MariaDbConnection::MariaDbConnection(asio::any_io_executor executor, MariaDbParams params)
    : executor_(std::move(executor)),
      params_(std::move(params)),
      wait_(std::make_shared<SocketWait>()),
      timer_(executor_) {}

MariaDbConnection::~MariaDbConnection() {
  Close();
}

void MariaDbConnection::Close(bool abort) {
  if (wait_->socket) {
    // The fd belongs to Connector/C: stop watching it without closing it.
    wait_->socket->release();
    wait_->socket.reset();
  }
  if (mysql_ == nullptr) return;
  // After an abandoned operation the protocol state is unknown: make the
  // farewell write fail at once instead of blocking.
  if (abort) ::shutdown(mysql_get_socket(mysql_), SHUT_RDWR);
  mysql_close(mysql_);
  mysql_ = nullptr;
  current_database_.clear();
}

uint64_t MariaDbConnection::thread_id() const {
  return mysql_ == nullptr ? 0 : mysql_thread_id(mysql_);
}

Error MariaDbConnection::LastError() const {
  return ErrorFromMysql(mysql_);
}

void MariaDbConnection::CloseIfBroken(const Error& error) {
  if (IsConnectionError(error.code)) Close();
}

Error MariaDbConnection::TimeoutError() {
  Close(/*abort=*/true);
  return Error{kStatementTimeout, "70100",
               "Query execution was interrupted (max_statement_time exceeded)"};
}

asio::awaitable<int> MariaDbConnection::WaitFor(int status) {
  const auto now = Clock::now();
  const bool library_timeout = (status & MYSQL_WAIT_TIMEOUT) != 0;
  const auto library_limit =
      library_timeout ? now + std::chrono::milliseconds(mysql_get_timeout_value_ms(mysql_))
                      : Clock::time_point::max();
  const auto wake = std::min(deadline_, library_limit);
  const int timeout_result = library_limit <= deadline_ ? MYSQL_WAIT_TIMEOUT : 0;
  if (wake <= now) co_return timeout_result;

  if ((status & (MYSQL_WAIT_READ | MYSQL_WAIT_WRITE | MYSQL_WAIT_EXCEPT)) == 0) {
    timer_.expires_at(wake);
    boost::system::error_code ignored;
    co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    co_return timeout_result;
  }

  const int fd = mysql_get_socket(mysql_);
  const bool want_write = (status & MYSQL_WAIT_WRITE) != 0;
  // Once the reactor has watched the socket for writing it keeps asking for
  // write readiness, which wakes every later read wait once for nothing;
  // start a read wait after a write wait from a fresh registration.
  if (!wait_->socket || wait_->socket->native_handle() != fd ||
      (wait_->watched_write && !want_write)) {
    if (wait_->socket) wait_->socket->release();
    wait_->socket.emplace(executor_, fd);
    wait_->watched_write = false;
  }
  wait_->watched_write = wait_->watched_write || want_write;
  const uint64_t generation = ++wait_->generation;
  wait_->deadline_fired = false;
  const bool armed = wake != Clock::time_point::max();
  if (armed) {
    timer_.expires_at(wake);
    timer_.async_wait(
        [weak = std::weak_ptr<SocketWait>(wait_), generation](boost::system::error_code ec) {
          auto wait = weak.lock();
          if (ec || !wait || wait->generation != generation) return;
          wait->deadline_fired = true;
          if (wait->socket) wait->socket->cancel();
        });
  }
  boost::system::error_code ec;
  co_await wait_->socket->async_wait(want_write ? asio::posix::stream_descriptor::wait_write
                                                : asio::posix::stream_descriptor::wait_read,
                                     asio::redirect_error(asio::use_awaitable, ec));
  ++wait_->generation;
  if (armed) timer_.cancel();
  if (wait_->deadline_fired) co_return timeout_result;
  if (ec) co_return 0;
  co_return want_write ? MYSQL_WAIT_WRITE : MYSQL_WAIT_READ;
}

template <class Cont>
asio::awaitable<bool> MariaDbConnection::Drive(int status, Cont cont) {
  while (status != 0) {
    int events = co_await WaitFor(status);
    if (events == 0) co_return false;
    status = cont(events);
  }
  co_return true;
}

asio::awaitable<Status> MariaDbConnection::Connect() {
  if (mysql_ != nullptr) co_return Status::Ok();
  const auto saved_deadline = deadline_;
  deadline_ = std::min(deadline_, Clock::now() + params_.connect_timeout);
  mysql_ = mysql_init(nullptr);
  if (mysql_ == nullptr) co_return Error::Internal("out of memory creating a MariaDB connection");
  mysql_options(mysql_, MYSQL_OPT_NONBLOCK, nullptr);
  mysql_options(mysql_, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  unsigned int connect_seconds =
      static_cast<unsigned int>(std::max<int64_t>(1, params_.connect_timeout.count() / 1000));
  mysql_options(mysql_, MYSQL_OPT_CONNECT_TIMEOUT, &connect_seconds);
  my_bool reconnect = 0;
  mysql_options(mysql_, MYSQL_OPT_RECONNECT, &reconnect);

  unsigned int protocol = params_.socket.empty() ? MYSQL_PROTOCOL_TCP : MYSQL_PROTOCOL_SOCKET;
  mysql_options(mysql_, MYSQL_OPT_PROTOCOL, &protocol);
  const char* socket = params_.socket.empty() ? nullptr : params_.socket.c_str();

  MYSQL* connected = nullptr;
  // No CLIENT_FOUND_ROWS: affected rows count changed rows, as MySQL clients expect.
  int status =
      mysql_real_connect_start(&connected, mysql_, params_.ConnectHost(), params_.user.c_str(),
                               params_.password.c_str(), nullptr, params_.port, socket, 0);
  bool finished = co_await Drive(
      status, [&](int events) { return mysql_real_connect_cont(&connected, mysql_, events); });
  deadline_ = saved_deadline;
  if (!finished) {
    Close(/*abort=*/true);
    co_return Error{
        2003, "HY000",
        fmt::format("Can't connect to MariaDB server on '{}' (timed out)", params_.Address())};
  }
  if (connected == nullptr) {
    Error error = LastError();
    Close();
    co_return error;
  }
  co_return Status::Ok();
}

asio::awaitable<void> MariaDbConnection::ReadWarnings(ResultSet& result,
                                                      std::chrono::milliseconds timeout) {
  // Read before anything else runs on this connection; without them the
  // caller still has the count. SHOW WARNINGS reports none of its own.
  Result<ResultSet> warnings = co_await Execute("", "SHOW WARNINGS", 0, timeout);
  if (!warnings.ok()) co_return;
  for (const Row& row : warnings->rows) {
    if (row.size() < 3) continue;
    Warning warning;
    warning.level = row[0].value_or("");
    warning.code = static_cast<uint16_t>(std::strtoul(row[1].value_or("0").c_str(), nullptr, 10));
    warning.message = row[2].value_or("");
    result.warning_list.push_back(std::move(warning));
  }
}

asio::awaitable<Result<ResultSet>> MariaDbConnection::Execute(std::string_view database,
                                                              std::string_view sql,
                                                              uint64_t max_rows,
                                                              std::chrono::milliseconds timeout) {
  deadline_ = timeout.count() > 0 ? Clock::now() + timeout : Clock::time_point::max();
  if (mysql_ == nullptr) {
    Status connected = co_await Connect();
    if (!connected.ok()) co_return connected.error();
  }

  if (!database.empty() && database != current_database_) {
    std::string name(database);
    int failed = 0;
    int status = mysql_select_db_start(&failed, mysql_, name.c_str());
    // GCC 12 can miscompile a co_await inside an if condition: take the value first.
    const bool selected =
        co_await Drive(status, [&](int ev) { return mysql_select_db_cont(&failed, mysql_, ev); });
    if (!selected) co_return TimeoutError();
    if (failed != 0) {
      Error error = LastError();
      CloseIfBroken(error);
      co_return error;
    }
    current_database_ = std::move(name);
  }

  int failed = 0;
  int status = mysql_real_query_start(&failed, mysql_, sql.data(), sql.size());
  const bool queried =
      co_await Drive(status, [&](int ev) { return mysql_real_query_cont(&failed, mysql_, ev); });
  if (!queried) co_return TimeoutError();
  if (failed != 0) {
    Error error = LastError();
    CloseIfBroken(error);
    co_return error;
  }
  if (mysql_field_count(mysql_) == 0) {
    ResultSet ok = OkResultFromMysql(mysql_);
    if (ok.warnings > 0) co_await ReadWarnings(ok, timeout);
    co_return ok;
  }

  MYSQL_RES* stored = nullptr;
  status = mysql_store_result_start(&stored, mysql_);
  const bool stored_all =
      co_await Drive(status, [&](int ev) { return mysql_store_result_cont(&stored, mysql_, ev); });
  if (!stored_all) co_return TimeoutError();
  if (stored == nullptr) {
    Error error = LastError();
    CloseIfBroken(error);
    co_return error;
  }
  std::unique_ptr<MYSQL_RES, decltype(&mysql_free_result)> result(stored, &mysql_free_result);
  if (max_rows > 0 && mysql_num_rows(stored) > max_rows) {
    co_return Error::Internal(fmt::format("row count exceeded the limit of {} rows", max_rows));
  }
  ResultSet rows = ResultSetFromMysql(mysql_, stored);
  result.reset();
  if (rows.warnings > 0) co_await ReadWarnings(rows, timeout);
  co_return rows;
}

}  // namespace tessera::vttablet
