#include "vtgate/vindexes/vindex_registry.h"

#include "vtgate/vindexes/hash_vindex.h"

namespace tessera::vtgate {

Result<std::unique_ptr<Vindex>> CreateVindex(const std::string& type,
                                             const std::map<std::string, std::string>& /*params*/) {
  if (type == "hash") return std::unique_ptr<Vindex>(std::make_unique<HashVindex>());
  return Error::Make(mysql_errno::kUnknown, "unknown vindex type '" + type + "'");
}

}  // namespace tessera::vtgate
