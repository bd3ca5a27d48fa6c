// MariaDbClient: a small blocking Connector/C session for administrative work
// (health checks, creating databases, applying schema DDL, tests). Not for the
// query path.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

struct st_mysql;

namespace tessera::local {

struct MariaDbLogin {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string user = "root";
  std::string password;
  std::string database;  // empty: none
};

class MariaDbClient {
 public:
  // Connects over TCP; the error carries MariaDB's errno and message.
  static Result<std::unique_ptr<MariaDbClient>> Connect(
      const MariaDbLogin& login, std::chrono::seconds timeout = std::chrono::seconds(5));
  ~MariaDbClient();
  MariaDbClient(const MariaDbClient&) = delete;
  MariaDbClient& operator=(const MariaDbClient&) = delete;

  // Runs one statement, discarding any result set.
  Status Execute(const std::string& sql);
  // Runs a query and returns its rows as strings (NULL becomes nullopt).
  Result<std::vector<std::vector<std::optional<std::string>>>> Query(const std::string& sql);

 private:
  explicit MariaDbClient(st_mysql* mysql) : mysql_(mysql) {}
  Error LastError() const;
  st_mysql* mysql_;
};

}  // namespace tessera::local
