#include "vtgate/mysql/rsa_key_pair.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdio>

namespace tessera::vtgate::mysql {
namespace {

struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

std::string OpenSslError(const std::string& what) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return what;
  char text[256];
  ERR_error_string_n(code, text, sizeof(text));
  return what + ": " + text;
}

// Runs an RSA-OAEP encrypt or decrypt; nullopt on failure. OpenSSL's error
// queue is cleared either way: a leftover entry would be blamed on the next
// TLS operation of this thread.
template <class Init, class Op>
std::optional<std::string> OaepOperation(EVP_PKEY* key, std::string_view in, Init init, Op op) {
  PkeyCtx ctx(EVP_PKEY_CTX_new(key, nullptr));
  size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(in.data());
  std::string out;
  bool ok = ctx && init(ctx.get()) == 1 &&
            EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) == 1 &&
            op(ctx.get(), nullptr, &length, data, in.size()) == 1;
  if (ok) {
    out.resize(length);
    ok = op(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length, data, in.size()) == 1;
    out.resize(length);
  }
  ERR_clear_error();
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace

RsaKeyPair::RsaKeyPair(EVP_PKEY* key) : key_(key) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (bio && PEM_write_bio_PUBKEY(bio.get(), key_) == 1) {
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    public_key_pem_.assign(data, static_cast<size_t>(size));
  }
}

RsaKeyPair::~RsaKeyPair() {
  EVP_PKEY_free(key_);
}

Result<std::unique_ptr<RsaKeyPair>> RsaKeyPair::Generate(int bits) {
  EVP_PKEY* key = EVP_RSA_gen(static_cast<unsigned int>(bits));
  if (key == nullptr) return Error::Internal(OpenSslError("cannot generate an RSA key"));
  std::unique_ptr<RsaKeyPair> pair(new RsaKeyPair(key));
  if (pair->public_key_pem_.empty()) {
    return Error::Internal(OpenSslError("cannot encode the RSA public key"));
  }
  return pair;
}

Result<std::unique_ptr<RsaKeyPair>> RsaKeyPair::LoadPrivateKey(const std::string& path) {
  FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) return Error::Internal("cannot open RSA private key " + path);
  EVP_PKEY* key = PEM_read_PrivateKey(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  if (key == nullptr) return Error::Internal(OpenSslError("cannot read RSA private key " + path));
  if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return Error::Internal(path + " does not hold an RSA private key");
  }
  std::unique_ptr<RsaKeyPair> pair(new RsaKeyPair(key));
  if (pair->public_key_pem_.empty()) {
    return Error::Internal(OpenSslError("cannot encode the RSA public key of " + path));
  }
  return pair;
}

std::optional<std::string> RsaKeyPair::Decrypt(std::string_view ciphertext) const {
  return OaepOperation(key_, ciphertext, EVP_PKEY_decrypt_init, EVP_PKEY_decrypt);
}

std::optional<std::string> RsaKeyPair::Encrypt(std::string_view plaintext) const {
  return OaepOperation(key_, plaintext, EVP_PKEY_encrypt_init, EVP_PKEY_encrypt);
}

}  // namespace tessera::vtgate::mysql
