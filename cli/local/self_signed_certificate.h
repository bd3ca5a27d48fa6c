// A self-signed TLS certificate for a local cluster's vtgate, so TLS clients
// (`mariadb --ssl`) work without any set-up. Not for production: clients
// cannot verify it against a CA they trust.
#pragma once

#include <string>

#include "common/error.h"

namespace tessera::local {

// Unless both files exist already, creates an RSA-2048 key and a
// self-signed SHA-256 certificate for `common_name` (valid ten years, for
// the names localhost, 127.0.0.1 and ::1) and writes them as PEM; the key
// file is readable by its owner only. Missing directories are created.
// Returns true when it created them, false when they existed.
Result<bool> EnsureSelfSignedCertificate(const std::string& cert_path, const std::string& key_path,
                                         const std::string& common_name);

}  // namespace tessera::local
