// caching_sha2_password: the SHA-256 scramble of MySQL 8's default plugin.
// The server keeps digest = SHA256(SHA256(password)); the client proves it
// knows the password with
//   token = SHA256(password) XOR SHA256(SHA256(SHA256(password)) + scramble)
// (the "fast path"). Without a digest the server asks for the password itself
// (the "full path"): in clear over TLS, else RSA-encrypted after XOR with the
// scramble (see XorWithScramble).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tessera::vtgate::mysql {

inline constexpr const char* kCachingSha2PasswordPlugin = "caching_sha2_password";
inline constexpr size_t kCachingSha2DigestLength = 32;

// SHA256(SHA256(password)): 32 raw bytes.
std::string CachingSha2Digest(std::string_view password);

// The 32-byte fast-path token a client sends for `password` ("" for an
// empty password, as clients send).
std::string CachingSha2Token(std::string_view password, std::string_view scramble);

// True when `token` proves knowledge of the password whose digest is
// `digest`. Constant time in the token's content.
bool VerifyCachingSha2Token(std::string_view digest, std::string_view scramble,
                            std::string_view token);

// `data` XOR `scramble` repeated: what a client RSA-encrypts (with data =
// password + NUL), and, applied again, what the server recovers.
std::string XorWithScramble(std::string_view data, std::string_view scramble);

}  // namespace tessera::vtgate::mysql
