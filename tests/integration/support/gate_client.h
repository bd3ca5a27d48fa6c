// GateClient: a blocking Connector/C session for integration tests, with
// helpers that return rows as strings ("NULL" for NULL).
#pragma once

#include <mysql.h>

#include <string>
#include <vector>

namespace tessera::testing {

class GateClient {
 public:
  explicit GateClient(uint16_t port, const char* user = "app", const char* password = "app",
                      const char* db = nullptr) {
    mysql_ = mysql_init(nullptr);
    ok_ = mysql_real_connect(mysql_, "127.0.0.1", user, password, db, port, nullptr, 0) != nullptr;
  }
  ~GateClient() { mysql_close(mysql_); }
  GateClient(const GateClient&) = delete;
  GateClient& operator=(const GateClient&) = delete;
  bool connected() const { return ok_; }
  MYSQL* get() { return mysql_; }
  unsigned error_code() { return ::mysql_errno(mysql_); }
  std::string sqlstate() { return mysql_sqlstate(mysql_); }
  std::string error() { return mysql_error(mysql_); }

  // Runs `sql`; returns false on error.
  bool Exec(const std::string& sql) {
    if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return false;
    MYSQL_RES* res = mysql_store_result(mysql_);
    if (res != nullptr) mysql_free_result(res);
    return ::mysql_errno(mysql_) == 0;
  }
  // Rows of a query as strings ("NULL" for NULL); empty on error.
  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return out;
    MYSQL_RES* res = mysql_store_result(mysql_);
    if (res == nullptr) return out;
    unsigned n = mysql_num_fields(res);
    while (MYSQL_ROW row = mysql_fetch_row(res)) {
      unsigned long* lengths = mysql_fetch_lengths(res);
      std::vector<std::string> r;
      for (unsigned i = 0; i < n; ++i)
        r.push_back(row[i] ? std::string(row[i], lengths[i]) : "NULL");
      out.push_back(std::move(r));
    }
    mysql_free_result(res);
    return out;
  }

 private:
  MYSQL* mysql_;
  bool ok_ = false;
};

}  // namespace tessera::testing
