// mysql_native_password: the server stores SHA1(SHA1(password)) as "*" + 40
// upper-case hex digits; the client proves it knows the password with
// token = SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))).
#pragma once

#include <string>
#include <string_view>

namespace tessera::vtgate::mysql {

// A fresh random scramble of 20 bytes, none of them NUL.
std::string GenerateScramble();

// The stored form of `password`: "*<40 hex>", or "" for an empty password.
std::string NativePasswordHash(std::string_view password);

// The 20-byte token a client sends for `password` ("" for an empty password).
std::string NativePasswordToken(std::string_view password, std::string_view scramble);

// True when `token` proves knowledge of the password whose stored hash is
// `stored_hash` ("" means no password: only an empty token matches).
bool VerifyNativePassword(std::string_view stored_hash, std::string_view scramble,
                          std::string_view token);

// True when `password` (in clear) is the one whose stored hash is
// `stored_hash` ("" matches only the empty password). Constant time in the
// password's digest.
bool VerifyNativeClearPassword(std::string_view stored_hash, std::string_view password);

}  // namespace tessera::vtgate::mysql
