// RsaKeyPair: the server's RSA key for caching_sha2_password's full
// authentication on connections without TLS. The client fetches the public
// key (PEM) and sends RSA-OAEP(SHA-1, MGF1-SHA-1)-encrypted data, as MySQL
// clients do. Immutable after creation; Decrypt() may be called from many
// threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace tessera::vtgate::mysql {

class RsaKeyPair {
 public:
  // A fresh key pair of `bits` bits.
  static Result<std::unique_ptr<RsaKeyPair>> Generate(int bits = 2048);
  // A key pair from a PEM private key file (PKCS#1 or PKCS#8).
  static Result<std::unique_ptr<RsaKeyPair>> LoadPrivateKey(const std::string& path);

  ~RsaKeyPair();
  RsaKeyPair(const RsaKeyPair&) = delete;
  RsaKeyPair& operator=(const RsaKeyPair&) = delete;

  // "-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo), as MySQL sends it.
  const std::string& public_key_pem() const { return public_key_pem_; }

  // nullopt when `ciphertext` is not a valid OAEP encryption for this key.
  std::optional<std::string> Decrypt(std::string_view ciphertext) const;
  // Encrypts with the public key (what a client does).
  std::optional<std::string> Encrypt(std::string_view plaintext) const;

 private:
  explicit RsaKeyPair(EVP_PKEY* key);

  EVP_PKEY* key_;
  std::string public_key_pem_;
};

}  // namespace tessera::vtgate::mysql
