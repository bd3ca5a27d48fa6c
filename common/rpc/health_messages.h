// Health: whether the tablet can reach its MariaDB, plus counters.
#pragma once

#include <cstdint>
#include <string>

namespace tessera::rpc {

struct HealthRequest {};

struct HealthResponse {
  bool serving = false;
  std::string message;
  uint64_t queries_executed = 0;
  uint64_t transactions_open = 0;

  bool operator==(const HealthResponse&) const = default;
};

}  // namespace tessera::rpc
