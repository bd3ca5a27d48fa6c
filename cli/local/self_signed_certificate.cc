#include "cli/local/self_signed_certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/local/pem_file.h"

namespace tessera::local {
namespace {

namespace fs = std::filesystem;

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Free>;

constexpr long kValidSeconds = 10L * 365 * 24 * 60 * 60;

Error OpenSslFailure(const std::string& what) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  std::string message = "cannot create the vtgate TLS certificate: " + what;
  if (code != 0) {
    char text[256];
    ERR_error_string_n(code, text, sizeof(text));
    message += ": ";
    message += text;
  }
  return Error::Internal(message);
}

bool AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

template <class WritePem>
std::string ToPem(WritePem write) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  if (!bio || write(bio.get()) != 1) return "";
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

}  // namespace

Result<bool> EnsureSelfSignedCertificate(const std::string& cert_path, const std::string& key_path,
                                         const std::string& common_name) {
  std::error_code ec;
  if (fs::exists(cert_path, ec) && fs::exists(key_path, ec)) return false;
  for (const auto& path : {cert_path, key_path}) {
    fs::path dir = fs::path(path).parent_path();
    if (!dir.empty()) fs::create_directories(dir, ec);
    if (ec) return Error::Internal("cannot create " + dir.string() + ": " + ec.message());
  }

  Owned<EVP_PKEY> key(EVP_RSA_gen(2048));
  if (!key) return OpenSslFailure("RSA key generation");
  Owned<X509> cert(X509_new());
  if (!cert) return OpenSslFailure("X509_new");
  unsigned char serial[16];
  bool ok = X509_set_version(cert.get(), 2) == 1 && RAND_bytes(serial, sizeof(serial)) == 1;
  serial[0] &= 0x7f;  // a positive serial number
  if (ok) {
    BIGNUM* bn = BN_bin2bn(serial, sizeof(serial), nullptr);
    ok = bn != nullptr && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr;
    BN_free(bn);
  }
  ok = ok && X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60 * 60) != nullptr &&
       X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValidSeconds) != nullptr &&
       X509_set_pubkey(cert.get(), key.get()) == 1;
  X509_NAME* name = X509_get_subject_name(cert.get());
  ok = ok &&
       X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                  reinterpret_cast<const unsigned char*>("Tessera local cluster"),
                                  -1, -1, 0) == 1 &&
       X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                  reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                                  -1, 0) == 1 &&
       X509_set_issuer_name(cert.get(), name) == 1 &&
       AddExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") &&
       AddExtension(cert.get(), NID_subject_key_identifier, "hash") &&
       AddExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1") &&
       X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
  if (!ok) return OpenSslFailure("building the certificate");

  std::string key_pem = ToPem([&](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
  std::string cert_pem = ToPem([&](BIO* bio) { return PEM_write_bio_X509(bio, cert.get()); });
  if (key_pem.empty() || cert_pem.empty()) return OpenSslFailure("PEM encoding");
  if (Status s = WritePemFile(key_path, key_pem, 0600); !s.ok()) return s.error();
  if (Status s = WritePemFile(cert_path, cert_pem, 0644); !s.ok()) return s.error();
  return true;
}

}  // namespace tessera::local
