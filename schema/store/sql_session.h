// SqlSession: one blocking MariaDB Connector/C connection owned by one
// schemad thread at a time. Administrative statements only (DDL, metadata
// reads and writes); never on a query path. Every failure is an Error that
// carries MariaDB's errno and message, prefixed with nothing: callers add
// context (which shard, which step).
//
// Statements are text: callers build them with QuoteIdentifier and
// QuoteSqlString (schema/store/sql_quote.h) so that names and values are
// always quoted and escaped.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "schema/store/sql_login.h"

struct st_mysql;

namespace tessera::schema {

using SqlRow = std::vector<std::optional<std::string>>;

class SqlSession {
 public:
  // Connects over TCP with utf8mb4; `database` may be empty.
  static Result<std::unique_ptr<SqlSession>> Connect(
      const SqlLogin& login, const std::string& database = "",
      std::chrono::seconds timeout = std::chrono::seconds(5));
  ~SqlSession();
  SqlSession(const SqlSession&) = delete;
  SqlSession& operator=(const SqlSession&) = delete;

  // Runs one statement, discarding any result; returns the affected rows.
  Result<uint64_t> Execute(const std::string& sql);
  // Runs a query and returns its rows (NULL as nullopt).
  Result<std::vector<SqlRow>> Query(const std::string& sql);
  // Runs a query and hands its rows to `each` one at a time as they arrive
  // (unbuffered: the session can run nothing else until this returns). The
  // first failing `each` ends the query; its error is returned.
  Status QueryEach(const std::string& sql, const std::function<Status(const SqlRow&)>& each);

  // START TRANSACTION / COMMIT / ROLLBACK. Rollback errors are ignored: the
  // connection is closed with the session and MariaDB rolls back anyway.
  Status Begin();
  Status Commit();
  void Rollback();

  // Last AUTO_INCREMENT id generated on this connection.
  uint64_t LastInsertId() const;

 private:
  explicit SqlSession(st_mysql* mysql) : mysql_(mysql) {}
  Error LastError() const;
  st_mysql* mysql_;
};

}  // namespace tessera::schema
