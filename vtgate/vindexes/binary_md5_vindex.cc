#include "vtgate/vindexes/binary_md5_vindex.h"

#include <openssl/evp.h>

#include "vtgate/vindexes/vindex_value_bytes.h"

namespace tessera::vtgate {

Result<std::string> BinaryMd5Vindex::Digest(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // EVP_Digest keeps its context local, so concurrent calls share nothing.
  const EVP_MD* md5 = EVP_md5();
  if (md5 == nullptr ||
      EVP_Digest(bytes.data(), bytes.size(), digest, &length, md5, nullptr) != 1 || length != 16) {
    return Error::Make(mysql_errno::kUnknown, "MD5 is not available in the crypto library");
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

Result<std::string> BinaryMd5Vindex::Map(const VindexValue& value) const {
  auto bytes = VindexValueBytes(type(), value);
  if (!bytes.ok()) return bytes.error();
  return Digest(*bytes);
}

}  // namespace tessera::vtgate
