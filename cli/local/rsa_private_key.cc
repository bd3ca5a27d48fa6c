#include "cli/local/rsa_private_key.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <filesystem>
#include <memory>

#include "cli/local/pem_file.h"

namespace tessera::local {
namespace {

namespace fs = std::filesystem;

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
};

Error OpenSslFailure(const std::string& what) {
  ERR_clear_error();
  return Error::Internal("cannot create the vtgate RSA key: " + what);
}

}  // namespace

Result<bool> EnsureRsaPrivateKey(const std::string& path) {
  std::error_code ec;
  if (fs::exists(path, ec)) return false;
  fs::path dir = fs::path(path).parent_path();
  if (!dir.empty()) fs::create_directories(dir, ec);
  if (ec) return Error::Internal("cannot create " + dir.string() + ": " + ec.message());

  std::unique_ptr<EVP_PKEY, Free> key(EVP_RSA_gen(2048));
  if (!key) return OpenSslFailure("RSA key generation");
  std::unique_ptr<BIO, Free> bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return OpenSslFailure("PEM encoding");
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  if (Status s = WritePemFile(path, std::string(data, static_cast<size_t>(size)), 0600); !s.ok())
    return s.error();
  return true;
}

}  // namespace tessera::local
