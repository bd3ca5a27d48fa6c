// ApiClient: a blocking HTTP/1.1 client for the schemad API (Boost.Beast),
// one connection per request, with a timeout. Turns every failure into an
// Error whose message a person can act on:
//   - nothing listening: "schemad is not running at H:P — start the cluster
//     with tessera up";
//   - an API error: the server's {"error": {"message"}} text.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "config/topology.h"

namespace tessera::cli {

class ApiClient {
 public:
  ApiClient(std::string host, uint16_t port, std::string token,
            std::chrono::seconds timeout = std::chrono::seconds(120))
      : host_(std::move(host)), port_(port), token_(std::move(token)), timeout_(timeout) {}

  // Sends `method target` with `body` (if any) as JSON; returns the response
  // JSON of a 2xx answer, an Error otherwise.
  Result<nlohmann::json> Call(const std::string& method, const std::string& target,
                              const std::optional<nlohmann::json>& body = std::nullopt) const;

  std::string address() const { return host_ + ":" + std::to_string(port_); }

 private:
  std::string host_;
  uint16_t port_;
  std::string token_;
  std::chrono::seconds timeout_;
};

// A client for the schemad of a loaded config; an error if it has no
// `schemad:` section.
Result<ApiClient> SchemadClient(const config::Topology& topology);

// `segment` with every byte outside [A-Za-z0-9._-] percent-encoded, for a
// path segment built from user input.
std::string PathSegment(const std::string& segment);

}  // namespace tessera::cli
