#include "schema/service/error_response.h"

#include <nlohmann/json.hpp>

namespace tessera::schema {

unsigned HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return 400;
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kConflict:
      return 409;
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

ApiResponse ErrorResponse(unsigned status, std::string_view code, std::string_view message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  ApiResponse response;
  response.status = status;
  // Invalid UTF-8 (a MariaDB message quoting bytes) is replaced, never thrown on.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

ApiResponse ErrorResponse(const Error& error) {
  ErrorKind kind = KindOf(error);
  return ErrorResponse(HttpStatusFor(kind), ErrorKindName(kind), error.message);
}

}  // namespace tessera::schema
