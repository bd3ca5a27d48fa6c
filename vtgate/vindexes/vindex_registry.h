// VindexRegistry: builds vindexes by type name ("hash", ...) from their
// config parameters. Unknown types are an error naming the type.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

Result<std::unique_ptr<Vindex>> CreateVindex(const std::string& type,
                                             const std::map<std::string, std::string>& params);

}  // namespace tessera::vtgate
