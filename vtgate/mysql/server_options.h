// ServerOptions: how the vtgate MySQL server listens and what it allows.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace tessera::vtgate::mysql {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;   // 0: pick a free port (see Server::port())
  size_t workers = 0;  // 0: std::thread::hardware_concurrency()
  // Largest command payload accepted; a larger one gets ERR 1153 and the
  // connection is closed.
  uint32_t max_allowed_packet = 16 << 20;
  // A client that has not finished authenticating by then is disconnected.
  std::chrono::seconds handshake_timeout{10};
  std::string server_version = "5.5.5-10.11.6-MariaDB-tessera";
};

}  // namespace tessera::vtgate::mysql
