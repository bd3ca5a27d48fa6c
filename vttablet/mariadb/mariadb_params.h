// MariaDbParams: how vttablet reaches its MariaDB server.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace tessera::vttablet {

struct MariaDbParams {
  std::string host = "127.0.0.1";
  uint16_t port = 3306;
  std::string user = "root";
  std::string password;
  std::chrono::milliseconds connect_timeout{2000};
};

}  // namespace tessera::vttablet
