#include "config/endpoint_registry.h"

#include <algorithm>
#include <cctype>

namespace tessera::config {
namespace {

std::string CanonicalHost(std::string host) {
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (host.empty() || host == "localhost" || host == "::1" || host == "0.0.0.0" || host == "::" ||
      host.rfind("127.", 0) == 0) {
    return "<this machine>";
  }
  return host;
}

}  // namespace

std::string EndpointRegistry::Claim(const std::string& host, uint16_t port,
                                    const std::string& owner) {
  auto [it, inserted] = owners_.emplace(std::make_pair(CanonicalHost(host), port), owner);
  return inserted ? std::string() : it->second;
}

}  // namespace tessera::config
