#include "vtgate/mysql/authenticator.h"

#include <fmt/format.h>

#include "vtgate/mysql/native_password.h"

namespace tessera::vtgate::mysql {

Error AccessDenied(std::string_view user, std::string_view host, bool using_password) {
  return Error::Make(mysql_errno::kAccessDenied,
                     fmt::format("Access denied for user '{}'@'{}' (using password: {})", user,
                                 host, using_password ? "YES" : "NO"));
}

Status AuthenticateNative(const UserLookup& users, std::string_view user, std::string_view host,
                          std::string_view scramble, std::string_view token) {
  std::optional<std::string> stored = users ? users(user) : std::nullopt;
  if (stored && VerifyNativePassword(*stored, scramble, token)) return Status::Ok();
  return AccessDenied(user, host, !token.empty());
}

}  // namespace tessera::vtgate::mysql
