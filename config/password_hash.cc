#include "config/password_hash.h"

#include <openssl/evp.h>

#include <cctype>

namespace tessera::config {
namespace {

std::string Digest(std::string_view data, const EVP_MD* md) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Sha1(std::string_view data) {
  return Digest(data, EVP_sha1());
}

}  // namespace

std::string NativePasswordHash(std::string_view password) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "*";
  for (unsigned char b : Sha1(Sha1(password))) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

std::string CachingSha2Digest(std::string_view password) {
  return Digest(Digest(password, EVP_sha256()), EVP_sha256());
}

bool IsNativePasswordHash(std::string_view text) {
  if (text.size() != 41 || text[0] != '*') return false;
  for (char c : text.substr(1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace tessera::config
