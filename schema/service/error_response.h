// The one shape of every schemad API error:
//   {"error": {"code": "<machine name>", "message": "<for people>"}}
// with an HTTP status that fits: 400 invalid_argument, 401 unauthorized,
// 404 not_found, 405 method_not_allowed, 409 conflict, 500 internal.
#pragma once

#include <string_view>

#include "common/error.h"
#include "schema/service/api_message.h"
#include "schema/store/service_error.h"

namespace tessera::schema {

unsigned HttpStatusFor(ErrorKind kind);

ApiResponse ErrorResponse(unsigned status, std::string_view code, std::string_view message);
// Status and code from KindOf(error), message from the error.
ApiResponse ErrorResponse(const Error& error);

}  // namespace tessera::schema
