// BlockingConnection: one blocking Connector/C session, for work that runs on
// its own thread next to the data (the online DDL executor: copy, refresh,
// cut-over, binlog reads). Never used on the tablet's io_context.
// - Errors carry MariaDB's errno and message.
// - Not thread-safe; one thread owns a connection at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "vttablet/mariadb/mariadb_params.h"

struct st_mysql;

namespace tessera::vttablet {

using TextRow = std::vector<std::optional<std::string>>;

class BlockingConnection {
 public:
  // Connects over TCP to `params`, with `database` as the default database
  // ("" for none). `read_timeout` bounds each read from the server (0: none).
  // The session's time zone is UTC.
  static Result<std::unique_ptr<BlockingConnection>> Connect(
      const MariaDbParams& params, const std::string& database = "",
      std::chrono::seconds read_timeout = std::chrono::seconds(0));
  ~BlockingConnection();
  BlockingConnection(const BlockingConnection&) = delete;
  BlockingConnection& operator=(const BlockingConnection&) = delete;

  // Runs one statement, discarding any rows; returns the affected-row count.
  Result<uint64_t> Execute(std::string_view sql);
  // Runs a query and returns its rows as text (NULL is nullopt); with
  // `column_names`, also the names of its columns (for SHOW statements whose
  // column order differs between server versions).
  Result<std::vector<TextRow>> Query(std::string_view sql,
                                     std::vector<std::string>* column_names = nullptr);
  // The first column of the first row; nullopt when there is no row or it is NULL.
  Result<std::optional<std::string>> QueryValue(std::string_view sql);

  // The server's id for this session (CONNECTION_ID()).
  uint64_t ThreadId() const;
  // Warnings of the last statement (SHOW WARNINGS lists them).
  uint32_t WarningCount() const;
  // For the replication API, which drives the session itself.
  st_mysql* handle() { return mysql_; }

 private:
  explicit BlockingConnection(st_mysql* mysql) : mysql_(mysql) {}
  Error LastError() const;
  st_mysql* mysql_;
};

}  // namespace tessera::vttablet
