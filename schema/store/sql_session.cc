#include "schema/store/sql_session.h"

#include <mysql.h>

namespace tessera::schema {

Result<std::unique_ptr<SqlSession>> SqlSession::Connect(const SqlLogin& login,
                                                        const std::string& database,
                                                        std::chrono::seconds timeout) {
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) return Error::Internal("mysql_init failed");
  unsigned int seconds = static_cast<unsigned int>(timeout.count());
  unsigned int io_seconds = 60;
  unsigned int protocol = MYSQL_PROTOCOL_TCP;
  mysql_optionsv(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &seconds);
  mysql_optionsv(mysql, MYSQL_OPT_READ_TIMEOUT, &io_seconds);
  mysql_optionsv(mysql, MYSQL_OPT_WRITE_TIMEOUT, &io_seconds);
  mysql_optionsv(mysql, MYSQL_OPT_PROTOCOL, &protocol);
  mysql_optionsv(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const char* db = database.empty() ? nullptr : database.c_str();
  if (mysql_real_connect(mysql, login.host.c_str(), login.user.c_str(), login.password.c_str(), db,
                         login.port, nullptr, 0) == nullptr) {
    Error e = Error::Make(static_cast<uint16_t>(::mysql_errno(mysql)),
                          "cannot connect to MariaDB at " + login.host + ":" +
                              std::to_string(login.port) + ": " + mysql_error(mysql));
    mysql_close(mysql);
    return e;
  }
  return std::unique_ptr<SqlSession>(new SqlSession(mysql));
}

SqlSession::~SqlSession() {
  mysql_close(mysql_);
}

Error SqlSession::LastError() const {
  return Error::Make(static_cast<uint16_t>(::mysql_errno(mysql_)), mysql_error(mysql_));
}

Result<uint64_t> SqlSession::Execute(const std::string& sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  MYSQL_RES* res = mysql_store_result(mysql_);
  if (res != nullptr) {
    mysql_free_result(res);
    return uint64_t{0};
  }
  if (mysql_field_count(mysql_) != 0) return LastError();
  return static_cast<uint64_t>(mysql_affected_rows(mysql_));
}

Result<std::vector<SqlRow>> SqlSession::Query(const std::string& sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  MYSQL_RES* res = mysql_store_result(mysql_);
  std::vector<SqlRow> rows;
  if (res == nullptr) {
    if (mysql_field_count(mysql_) != 0) return LastError();
    return rows;
  }
  unsigned int columns = mysql_num_fields(res);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    SqlRow out;
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

Status SqlSession::QueryEach(const std::string& sql,
                             const std::function<Status(const SqlRow&)>& each) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  MYSQL_RES* res = mysql_use_result(mysql_);
  if (res == nullptr) {
    if (mysql_field_count(mysql_) != 0) return LastError();
    return Status::Ok();
  }
  unsigned int columns = mysql_num_fields(res);
  SqlRow out(columns);
  Status status = Status::Ok();
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    for (unsigned int i = 0; i < columns; ++i) {
      if (row[i] == nullptr) {
        out[i].reset();
      } else {
        out[i].emplace(row[i], lengths[i]);
      }
    }
    status = each(out);
    if (!status.ok()) break;
  }
  // A fetch that ended early because of an error (not the end of the rows).
  if (status.ok() && ::mysql_errno(mysql_) != 0) status = LastError();
  mysql_free_result(res);  // reads and discards any rows left
  return status;
}

Status SqlSession::Begin() {
  auto r = Execute("START TRANSACTION");
  return r.ok() ? Status::Ok() : Status(r.error());
}

Status SqlSession::Commit() {
  auto r = Execute("COMMIT");
  return r.ok() ? Status::Ok() : Status(r.error());
}

void SqlSession::Rollback() {
  (void)Execute("ROLLBACK");
}

uint64_t SqlSession::LastInsertId() const {
  return static_cast<uint64_t>(mysql_insert_id(mysql_));
}

}  // namespace tessera::schema
