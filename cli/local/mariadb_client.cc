#include "cli/local/mariadb_client.h"

#include <mysql.h>

namespace tessera::local {

Result<std::unique_ptr<MariaDbClient>> MariaDbClient::Connect(const MariaDbLogin& login,
                                                              std::chrono::seconds timeout) {
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) return Error::Internal("mysql_init failed");
  unsigned int seconds = static_cast<unsigned int>(timeout.count());
  unsigned int protocol = MYSQL_PROTOCOL_TCP;
  mysql_optionsv(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &seconds);
  mysql_optionsv(mysql, MYSQL_OPT_READ_TIMEOUT, &seconds);
  mysql_optionsv(mysql, MYSQL_OPT_PROTOCOL, &protocol);
  const char* db = login.database.empty() ? nullptr : login.database.c_str();
  if (mysql_real_connect(mysql, login.host.c_str(), login.user.c_str(), login.password.c_str(), db,
                         login.port, nullptr, 0) == nullptr) {
    Error e = Error::Make(static_cast<uint16_t>(::mysql_errno(mysql)),
                          "cannot connect to MariaDB at " + login.host + ":" +
                              std::to_string(login.port) + ": " + mysql_error(mysql));
    mysql_close(mysql);
    return e;
  }
  return std::unique_ptr<MariaDbClient>(new MariaDbClient(mysql));
}

MariaDbClient::~MariaDbClient() {
  mysql_close(mysql_);
}

Error MariaDbClient::LastError() const {
  return Error::Make(static_cast<uint16_t>(::mysql_errno(mysql_)), mysql_error(mysql_));
}

Status MariaDbClient::Execute(const std::string& sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  MYSQL_RES* res = mysql_store_result(mysql_);
  if (res != nullptr) mysql_free_result(res);
  if (res == nullptr && mysql_field_count(mysql_) != 0) return LastError();
  return Status::Ok();
}

Result<std::vector<std::vector<std::optional<std::string>>>> MariaDbClient::Query(
    const std::string& sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  MYSQL_RES* res = mysql_store_result(mysql_);
  std::vector<std::vector<std::optional<std::string>>> rows;
  if (res == nullptr) {
    if (mysql_field_count(mysql_) != 0) return LastError();
    return rows;
  }
  unsigned int columns = mysql_num_fields(res);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    std::vector<std::optional<std::string>> out;
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

}  // namespace tessera::local
