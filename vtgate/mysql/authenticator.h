// Decides whether a client may log in with mysql_native_password. Unknown
// user and wrong password give the same error, so a client cannot probe
// which user names exist.
#pragma once

#include <string_view>

#include "common/error.h"
#include "vtgate/mysql/session_handler.h"

namespace tessera::vtgate::mysql {

// ERR 1045 (28000) "Access denied for user 'u'@'host' (using password:
// YES|NO)": the one answer to every failed login.
Error AccessDenied(std::string_view user, std::string_view host, bool using_password);

// Ok when `user` exists and `token` answers `scramble` for its stored hash;
// otherwise ERR 1045 (28000) "Access denied for user 'u'@'host' (using
// password: YES|NO)", YES when the client sent a non-empty token.
Status AuthenticateNative(const UserLookup& users, std::string_view user, std::string_view host,
                          std::string_view scramble, std::string_view token);

}  // namespace tessera::vtgate::mysql
