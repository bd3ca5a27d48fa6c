#include "config/password_hash.h"

#include <openssl/evp.h>

#include <cctype>

namespace tessera::config {
namespace {

std::string Sha1(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha1(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
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

bool IsNativePasswordHash(std::string_view text) {
  if (text.size() != 41 || text[0] != '*') return false;
  for (char c : text.substr(1)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace tessera::config
