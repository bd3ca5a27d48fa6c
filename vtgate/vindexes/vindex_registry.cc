#include "vtgate/vindexes/vindex_registry.h"

#include "vtgate/vindexes/binary_md5_vindex.h"
#include "vtgate/vindexes/binary_vindex.h"
#include "vtgate/vindexes/hash_vindex.h"
#include "vtgate/vindexes/lookup_vindex.h"
#include "vtgate/vindexes/numeric_vindex.h"
#include "vtgate/vindexes/unicode_loose_md5_vindex.h"
#include "vtgate/vindexes/xxhash_vindex.h"

namespace tessera::vtgate {

Result<std::unique_ptr<Vindex>> CreateVindex(const std::string& type,
                                             const std::map<std::string, std::string>& params) {
  if (type == "hash") return std::unique_ptr<Vindex>(std::make_unique<HashVindex>());
  if (type == "xxhash") return std::unique_ptr<Vindex>(std::make_unique<XxhashVindex>());
  if (type == "numeric") return std::unique_ptr<Vindex>(std::make_unique<NumericVindex>());
  if (type == "binary") return std::unique_ptr<Vindex>(std::make_unique<BinaryVindex>());
  if (type == "binary_md5") return std::unique_ptr<Vindex>(std::make_unique<BinaryMd5Vindex>());
  if (type == "unicode_loose_md5") {
    return std::unique_ptr<Vindex>(std::make_unique<UnicodeLooseMd5Vindex>());
  }
  if (type == "lookup_unique" || type == "lookup") {
    auto lookup = LookupVindex::Create(type == "lookup_unique", params);
    if (!lookup.ok()) return lookup.error();
    return std::unique_ptr<Vindex>(std::move(lookup).value());
  }
  return Error::Make(mysql_errno::kUnknown, "unknown vindex type '" + type + "'");
}

}  // namespace tessera::vtgate
