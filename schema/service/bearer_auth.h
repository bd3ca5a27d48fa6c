// Bearer-token check for the schemad API: a request is authorized when its
// Authorization header is "Bearer <token>" (scheme case-insensitive) and the
// token matches exactly. The comparison takes the same time wherever the
// first difference is. An empty configured token authorizes nothing.
#pragma once

#include <string_view>

namespace tessera::schema {

bool IsAuthorized(std::string_view authorization_header, std::string_view token);

}  // namespace tessera::schema
