// ApiRequest / ApiResponse: one HTTP exchange of the schemad API, free of any
// HTTP library so that routing and handlers are plain functions of values.
#pragma once

#include <string>

namespace tessera::schema {

struct ApiRequest {
  std::string method;         // "GET", "POST", ...
  std::string target;         // path and optional query, e.g. "/api/keyspaces"
  std::string authorization;  // the Authorization header, "" if absent
  std::string body;           // JSON or empty
};

struct ApiResponse {
  unsigned status = 200;
  std::string body;   // always a JSON document
  std::string allow;  // for 405: the methods the route accepts
};

}  // namespace tessera::schema
