// Test doubles for the protocol integration tests: a SessionHandler with
// fixed answers and a running Server with one known user ("app"/"app").
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "vtgate/mysql/server.h"
#include "vtgate/mysql/session_handler.h"

namespace tessera::vtgate::mysql::testing {

// Answers:
//   "select 1"        one BIGINT column "1", one row "1"
//   "select rows"     id BIGINT NOT NULL, name VARCHAR; rows (1,'alice'), (2,NULL), (3,'')
//   "SELECT * FROM `rows` LIMIT 0"  the same columns, no rows (COM_FIELD_LIST of `rows`)
//   "select many"     one column, 10000 rows "0".."9999"
//   "select length"   prefix: one row with the byte length of the whole statement
//   "insert"          OK: 3 affected rows, last insert id 42, info "Records: 3"
//   "fail"            ERR 1146 42S02
//   "select db"       one VARCHAR column "db": the current database ("" for none)
//   anything else     ERR 1064 42000
// UseDatabase accepts "commerce" and "customer" only (else ERR 1049).
// Prepared statements (each `?` in the text is a parameter):
//   "select echo ?, ..."  one VARCHAR column per parameter; executing returns
//                         one row holding the SQL literal of each parameter
//   "select types"        one row with a column of every binary row type
//                         (see TypedRow() in fake_session.cc)
//   "select many"         described as its Query() answer (one column)
//   "fail ..."            prepare fails with ERR 1146 42S02
//   anything else         no columns; executing runs the text as Query()
struct SessionLog;

class FakeSession : public SessionHandler {
 public:
  explicit FakeSession(SessionLog* log = nullptr) : log_(log) {}
  boost::asio::awaitable<Result<ResultSet>> Query(std::string_view sql) override;
  Status UseDatabase(std::string_view database) override;
  uint16_t StatusFlags() const override;
  std::string Database() const override { return database_; }
  // Counted in the SessionLog.
  boost::asio::awaitable<void> Close() override;
  boost::asio::awaitable<Result<PreparedInfo>> Prepare(std::string_view sql) override;
  boost::asio::awaitable<Result<ResultSet>> ExecutePrepared(
      std::string_view sql, const std::vector<std::string>& params) override;

 private:
  SessionLog* log_;
  std::string database_;
};

// Records the ClientInfo of every session created, and how many were
// closed by COM_CHANGE_USER / COM_RESET_CONNECTION.
struct SessionLog {
  std::mutex mu;
  std::vector<ClientInfo> clients;
  int closed = 0;
};

// A Server on 127.0.0.1, port 0, 2 workers, user app/app, FakeSession.
std::unique_ptr<Server> StartFakeServer(SessionLog* log, ServerOptions options);
// With default options.
std::unique_ptr<Server> StartFakeServer(SessionLog* log);

}  // namespace tessera::vtgate::mysql::testing
