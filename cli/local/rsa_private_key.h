// vtgate's RSA key for caching_sha2_password on connections without TLS,
// made once per local cluster: a client that cached the public key (or was
// given it, e.g. MYSQL_SERVER_PUBLIC_KEY) keeps working across restarts.
#pragma once

#include <string>

#include "common/error.h"

namespace tessera::local {

// Unless `path` exists already, creates a 2048-bit RSA private key and
// writes it there as PEM (PKCS#8), readable by its owner only; missing
// directories are created. Returns true when it created the key.
Result<bool> EnsureRsaPrivateKey(const std::string& path);

}  // namespace tessera::local
