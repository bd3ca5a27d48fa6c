// MariaDbParams: how vttablet reaches its MariaDB server.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace tessera::vttablet {

struct MariaDbParams {
  std::string host = "127.0.0.1";
  uint16_t port = 3306;
  // When set, connections use this Unix socket instead of host:port (the
  // cheaper path on one machine).
  std::string socket;
  std::string user = "root";
  std::string password;
  std::chrono::milliseconds connect_timeout{2000};

  // The host argument for Connector/C, which takes the socket only with
  // "localhost".
  const char* ConnectHost() const { return socket.empty() ? host.c_str() : "localhost"; }

  // Where the server is, for messages: the socket path or host:port.
  std::string Address() const {
    return socket.empty() ? host + ":" + std::to_string(port) : socket;
  }
};

}  // namespace tessera::vttablet
