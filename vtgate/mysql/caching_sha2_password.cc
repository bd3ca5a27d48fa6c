#include "vtgate/mysql/caching_sha2_password.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>

namespace tessera::vtgate::mysql {
namespace {

using Digest = std::array<unsigned char, SHA256_DIGEST_LENGTH>;
static_assert(SHA256_DIGEST_LENGTH == kCachingSha2DigestLength);

Digest Sha256(std::string_view a, std::string_view b = {}) {
  std::string joined;
  joined.reserve(a.size() + b.size());
  joined.append(a).append(b);
  Digest d;
  SHA256(reinterpret_cast<const unsigned char*>(joined.data()), joined.size(), d.data());
  return d;
}

std::string_view View(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

}  // namespace

std::string CachingSha2Digest(std::string_view password) {
  return std::string(View(Sha256(View(Sha256(password)))));
}

std::string CachingSha2Token(std::string_view password, std::string_view scramble) {
  if (password.empty()) return "";
  Digest stage1 = Sha256(password);
  Digest mask = Sha256(View(Sha256(View(stage1))), scramble);
  std::string token(kCachingSha2DigestLength, '\0');
  for (size_t i = 0; i < token.size(); ++i) token[i] = static_cast<char>(stage1[i] ^ mask[i]);
  return token;
}

bool VerifyCachingSha2Token(std::string_view digest, std::string_view scramble,
                            std::string_view token) {
  if (digest.size() != kCachingSha2DigestLength || token.size() != kCachingSha2DigestLength) {
    return false;
  }
  Digest mask = Sha256(digest, scramble);
  std::string stage1(kCachingSha2DigestLength, '\0');
  for (size_t i = 0; i < stage1.size(); ++i) {
    stage1[i] = static_cast<char>(static_cast<unsigned char>(token[i]) ^ mask[i]);
  }
  Digest candidate = Sha256(stage1);
  return CRYPTO_memcmp(candidate.data(), digest.data(), kCachingSha2DigestLength) == 0;
}

std::string XorWithScramble(std::string_view data, std::string_view scramble) {
  std::string out(data);
  if (scramble.empty()) return out;
  for (size_t i = 0; i < out.size(); ++i) out[i] ^= scramble[i % scramble.size()];
  return out;
}

}  // namespace tessera::vtgate::mysql
