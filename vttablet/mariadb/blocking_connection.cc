#include "vttablet/mariadb/blocking_connection.h"

#include <mysql.h>

#include <fmt/format.h>

namespace tessera::vttablet {

Result<std::unique_ptr<BlockingConnection>> BlockingConnection::Connect(
    const MariaDbParams& params, const std::string& database, std::chrono::seconds read_timeout) {
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) return Error::Internal("mysql_init failed");
  unsigned int connect_seconds = static_cast<unsigned int>(std::max<int64_t>(
      1, std::chrono::duration_cast<std::chrono::seconds>(params.connect_timeout).count()));
  unsigned int protocol = params.socket.empty() ? MYSQL_PROTOCOL_TCP : MYSQL_PROTOCOL_SOCKET;
  mysql_optionsv(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect_seconds);
  mysql_optionsv(mysql, MYSQL_OPT_PROTOCOL, &protocol);
  if (read_timeout.count() > 0) {
    unsigned int seconds = static_cast<unsigned int>(read_timeout.count());
    mysql_optionsv(mysql, MYSQL_OPT_READ_TIMEOUT, &seconds);
  }
  const char* db = database.empty() ? nullptr : database.c_str();
  const char* socket = params.socket.empty() ? nullptr : params.socket.c_str();
  if (mysql_real_connect(mysql, params.ConnectHost(), params.user.c_str(), params.password.c_str(),
                         db, params.port, socket, 0) == nullptr) {
    Error e = Error::Make(
        static_cast<uint16_t>(::mysql_errno(mysql)),
        fmt::format("cannot connect to MariaDB at {}: {}", params.Address(), mysql_error(mysql)));
    mysql_close(mysql);
    return e;
  }
  std::unique_ptr<BlockingConnection> connection(new BlockingConnection(mysql));
  // Timestamps we write and read (schedules, key values) are in UTC.
  auto zone = connection->Execute("SET time_zone = '+00:00'");
  if (!zone.ok()) return std::move(zone).error();
  return connection;
}

BlockingConnection::~BlockingConnection() {
  mysql_close(mysql_);
}

Error BlockingConnection::LastError() const {
  return Error::Make(static_cast<uint16_t>(::mysql_errno(mysql_)), mysql_error(mysql_));
}

uint64_t BlockingConnection::ThreadId() const {
  return mysql_thread_id(mysql_);
}

uint32_t BlockingConnection::WarningCount() const {
  return mysql_warning_count(mysql_);
}

Result<uint64_t> BlockingConnection::Execute(std::string_view sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  MYSQL_RES* res = mysql_store_result(mysql_);
  if (res != nullptr) {
    mysql_free_result(res);
    return uint64_t{0};
  }
  if (mysql_field_count(mysql_) != 0) return LastError();
  return static_cast<uint64_t>(mysql_affected_rows(mysql_));
}

Result<std::vector<TextRow>> BlockingConnection::Query(std::string_view sql,
                                                       std::vector<std::string>* column_names) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  MYSQL_RES* res = mysql_store_result(mysql_);
  std::vector<TextRow> rows;
  if (res == nullptr) {
    if (mysql_field_count(mysql_) != 0) return LastError();
    return rows;
  }
  unsigned int columns = mysql_num_fields(res);
  if (column_names != nullptr) {
    column_names->clear();
    MYSQL_FIELD* fields = mysql_fetch_fields(res);
    for (unsigned int i = 0; i < columns; ++i)
      column_names->emplace_back(fields[i].name, fields[i].name_length);
  }
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    TextRow out;
    out.reserve(columns);
    for (unsigned int i = 0; i < columns; ++i) {
      if (row[i] == nullptr) {
        out.emplace_back(std::nullopt);
      } else {
        out.emplace_back(std::string(row[i], lengths[i]));
      }
    }
    rows.push_back(std::move(out));
  }
  mysql_free_result(res);
  return rows;
}

Result<std::optional<std::string>> BlockingConnection::QueryValue(std::string_view sql) {
  auto rows = Query(sql);
  if (!rows.ok()) return std::move(rows).error();
  if (rows.value().empty() || rows.value()[0].empty()) return std::optional<std::string>();
  return rows.value()[0][0];
}

}  // namespace tessera::vttablet
