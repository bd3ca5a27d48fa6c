// The kinds of failure the schema service reports, carried in the project's
// one Error value by MySQL errno so that they cross rooms unchanged:
//   invalid argument  1210 ER_WRONG_ARGUMENTS   (bad branch name, bad body)
//   not found         1049 ER_BAD_DB_ERROR      (unknown keyspace, branch, ...)
//   conflict          1007 ER_DB_CREATE_EXISTS  (exists already, refused in this state)
//                     1062 ER_DUP_ENTRY          (a racing insert of the same key)
// Everything else (MariaDB unreachable, DDL failed) is internal. The HTTP
// layer maps kinds to status codes (schema/service/error_response.h).
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::schema {

enum class ErrorKind { kInvalidArgument, kNotFound, kConflict, kInternal };

namespace service_errno {
inline constexpr uint16_t kInvalidArgument = 1210;
inline constexpr uint16_t kNotFound = 1049;
inline constexpr uint16_t kConflict = 1007;
}  // namespace service_errno

inline Error InvalidArgument(std::string message) {
  return Error::Make(service_errno::kInvalidArgument, std::move(message));
}
inline Error NotFound(std::string message) {
  return Error::Make(service_errno::kNotFound, std::move(message));
}
inline Error Conflict(std::string message) {
  return Error::Make(service_errno::kConflict, std::move(message));
}

inline ErrorKind KindOf(const Error& error) {
  switch (error.code) {
    case service_errno::kInvalidArgument:
      return ErrorKind::kInvalidArgument;
    case service_errno::kNotFound:
      return ErrorKind::kNotFound;
    case service_errno::kConflict:
    case mysql_errno::kDupEntry:
      return ErrorKind::kConflict;
    default:
      return ErrorKind::kInternal;
  }
}

// Stable machine-readable names: "invalid_argument", "not_found", "conflict", "internal".
inline std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument:
      return "invalid_argument";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

// `error` with `context + ": "` before its message; code and SQLSTATE kept.
inline Error WithContext(const std::string& context, Error error) {
  error.message = context + ": " + error.message;
  return error;
}

}  // namespace tessera::schema
