// mysql_native_password hashes as MariaDB's PASSWORD() prints them:
// "*" followed by 40 upper-case hex digits of SHA1(SHA1(password)).
#pragma once

#include <string>
#include <string_view>

namespace tessera::config {

std::string NativePasswordHash(std::string_view password);

// caching_sha2_password's stored digest: SHA256(SHA256(password)), 32 raw bytes.
std::string CachingSha2Digest(std::string_view password);

// True for "*" + 40 hex digits (either case).
bool IsNativePasswordHash(std::string_view text);

}  // namespace tessera::config
