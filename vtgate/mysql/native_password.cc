#include "vtgate/mysql/native_password.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>

#include "vtgate/mysql/constants.h"

namespace tessera::vtgate::mysql {
namespace {

using Digest = std::array<unsigned char, SHA_DIGEST_LENGTH>;

Digest Sha1(std::string_view a, std::string_view b = {}) {
  std::string joined;
  joined.reserve(a.size() + b.size());
  joined.append(a).append(b);
  Digest d;
  SHA1(reinterpret_cast<const unsigned char*>(joined.data()), joined.size(), d.data());
  return d;
}

std::string_view View(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Parses "*<40 hex>" into the 20-byte SHA1(SHA1(password)).
bool ParseStoredHash(std::string_view stored, Digest* out) {
  if (stored.size() != 1 + 2 * SHA_DIGEST_LENGTH || stored[0] != '*') return false;
  for (size_t i = 0; i < SHA_DIGEST_LENGTH; ++i) {
    int hi = HexValue(stored[1 + 2 * i]);
    int lo = HexValue(stored[2 + 2 * i]);
    if (hi < 0 || lo < 0) return false;
    (*out)[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return true;
}

}  // namespace

std::string GenerateScramble() {
  std::array<unsigned char, kScrambleLength> bytes;
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // The CSPRNG failing is not a condition a connection can recover from.
    std::abort();
  }
  std::string scramble(kScrambleLength, '\0');
  for (size_t i = 0; i < kScrambleLength; ++i) {
    scramble[i] = static_cast<char>(1 + bytes[i] % 127);  // 1..127: never NUL
  }
  return scramble;
}

std::string NativePasswordHash(std::string_view password) {
  if (password.empty()) return "";
  static constexpr char kHex[] = "0123456789ABCDEF";
  Digest stage2 = Sha1(View(Sha1(password)));
  std::string out = "*";
  for (unsigned char b : stage2) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

std::string NativePasswordToken(std::string_view password, std::string_view scramble) {
  if (password.empty()) return "";
  Digest stage1 = Sha1(password);
  Digest mask = Sha1(scramble, View(Sha1(View(stage1))));
  std::string token(SHA_DIGEST_LENGTH, '\0');
  for (size_t i = 0; i < SHA_DIGEST_LENGTH; ++i) token[i] = static_cast<char>(stage1[i] ^ mask[i]);
  return token;
}

bool VerifyNativePassword(std::string_view stored_hash, std::string_view scramble,
                          std::string_view token) {
  if (stored_hash.empty()) return token.empty();
  Digest stage2;
  if (!ParseStoredHash(stored_hash, &stage2) || token.size() != SHA_DIGEST_LENGTH) return false;
  Digest mask = Sha1(scramble, View(stage2));
  Digest stage1;
  for (size_t i = 0; i < SHA_DIGEST_LENGTH; ++i) {
    stage1[i] = static_cast<unsigned char>(token[i]) ^ mask[i];
  }
  Digest candidate = Sha1(View(stage1));
  return CRYPTO_memcmp(candidate.data(), stage2.data(), SHA_DIGEST_LENGTH) == 0;
}

bool VerifyNativeClearPassword(std::string_view stored_hash, std::string_view password) {
  if (stored_hash.empty()) return password.empty();
  Digest stage2;
  if (!ParseStoredHash(stored_hash, &stage2) || password.empty()) return false;
  Digest candidate = Sha1(View(Sha1(password)));
  return CRYPTO_memcmp(candidate.data(), stage2.data(), SHA_DIGEST_LENGTH) == 0;
}

}  // namespace tessera::vtgate::mysql
