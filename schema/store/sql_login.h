// SqlLogin: where and as whom schemad reaches one MariaDB server (a shard's
// server or the metadata server). Built from config::MariaDbConfig.
#pragma once

#include <cstdint>
#include <string>

#include "config/topology.h"

namespace tessera::schema {

struct SqlLogin {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string user = "root";
  std::string password;

  // A listen address of 0.0.0.0 / empty is reached on the loopback address.
  static SqlLogin For(const config::MariaDbConfig& db) {
    SqlLogin login;
    login.host = db.host.empty() || db.host == "0.0.0.0" ? "127.0.0.1" : db.host;
    login.port = db.port;
    login.user = db.user;
    login.password = db.password;
    return login;
  }
};

}  // namespace tessera::schema
