// WritePemFile: writes key or certificate text to `path` with permissions
// `mode`, through a temporary file renamed into place, so a reader never
// sees half a file and a private key is never readable by others, even
// briefly.
#pragma once

#include <sys/types.h>

#include <string>

#include "common/error.h"

namespace tessera::local {

Status WritePemFile(const std::string& path, const std::string& pem, mode_t mode);

}  // namespace tessera::local
