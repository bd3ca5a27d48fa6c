// EndpointRegistry: remembers every host:port a config assigns so that two
// components never share one (internal to config/). Loopback spellings
// (127.0.0.1, localhost, ::1, 0.0.0.0) count as one host.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace tessera::config {

class EndpointRegistry {
 public:
  // Records `owner` at host:port. Returns the previous owner's description
  // if the endpoint was taken, or "" if it was free.
  std::string Claim(const std::string& host, uint16_t port, const std::string& owner);

 private:
  std::map<std::pair<std::string, uint16_t>, std::string> owners_;
};

}  // namespace tessera::config
