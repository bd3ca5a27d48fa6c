// Session: one client connection's executor. It parses each statement,
// answers session statements itself (USE, BEGIN/COMMIT/ROLLBACK, SET,
// SHOW DATABASES, ...) and hands table statements to the planner, then runs
// the plan through its SessionCursor. Lives on one worker thread.
#pragma once

#include <string>

#include "vtgate/mysql/session_handler.h"
#include "vtgate/planner/planner.h"
#include "vtgate/prepared_statement.h"
#include "vtgate/session_cursor.h"
#include "vtgate/worker_context.h"

namespace tessera::vtgate {

class Session final : public mysql::SessionHandler {
 public:
  Session(WorkerContext& worker, const mysql::ClientInfo& client);

  boost::asio::awaitable<Result<ResultSet>> Query(std::string_view sql) override;
  Status UseDatabase(std::string_view database) override;
  uint16_t StatusFlags() const override;
  // Prepared statements (session_prepared.cc).
  boost::asio::awaitable<Result<mysql::PreparedInfo>> Prepare(std::string_view sql) override;
  boost::asio::awaitable<Result<ResultSet>> ExecutePrepared(
      std::string_view sql, const std::vector<std::string>& params) override;

 private:
  boost::asio::awaitable<Result<ResultSet>> Run(sql::ast::Statement& stmt, std::string_view sql);
  boost::asio::awaitable<Result<ResultSet>> RunShow(sql::ast::ShowStatement& show,
                                                    std::string_view sql);
  boost::asio::awaitable<Result<ResultSet>> RunSet(sql::ast::SetStatement& set);

  WorkerContext& worker_;
  Planner planner_;
  SessionCursor cursor_;
  std::string keyspace_;  // current keyspace, "" when none
  bool autocommit_ = true;
  PreparedStatementCache prepared_;  // parsed prepared statements, by text
};

}  // namespace tessera::vtgate
