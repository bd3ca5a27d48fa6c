// UTC timestamps as the metadata store writes them, "YYYY-MM-DD HH:MM:SS",
// which order correctly as strings.
#pragma once

#include <chrono>
#include <string>

namespace tessera::schema {

std::string UtcTimestamp(std::chrono::system_clock::time_point when);
inline std::string UtcNow() {
  return UtcTimestamp(std::chrono::system_clock::now());
}

}  // namespace tessera::schema
