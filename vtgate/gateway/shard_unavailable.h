// Shard unavailability errors: a tablet that cannot be reached, or a tablet
// that cannot reach its MariaDB. Both are 1105 naming the shard; the router
// recognizes them to send a query that any shard can answer elsewhere.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate {

inline constexpr std::string_view kUnavailableMarker = " is unavailable: ";

// "<subject> is unavailable: <reason>", e.g. subject "tablet customer/-80
// (127.0.0.1:15201)" or "shard customer/-80: MariaDB".
inline Error ShardUnavailable(std::string_view subject, std::string_view reason) {
  std::string message(subject);
  message += kUnavailableMarker;
  message += reason;
  return Error::Make(mysql_errno::kUnknown, std::move(message));
}

inline bool IsShardUnavailable(const Error& error) {
  return error.code == mysql_errno::kUnknown &&
         error.message.find(kUnavailableMarker) != std::string::npos &&
         (error.message.starts_with("tablet ") || error.message.starts_with("shard "));
}

}  // namespace tessera::vtgate
