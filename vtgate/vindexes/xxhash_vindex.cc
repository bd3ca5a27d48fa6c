#include "vtgate/vindexes/xxhash_vindex.h"

#include <xxhash.h>

#include "vtgate/vindexes/vindex_value_bytes.h"

namespace tessera::vtgate {

std::string XxhashVindex::MapBytes(std::string_view bytes) {
  uint64_t hash = XXH64(bytes.data(), bytes.size(), 0);
  std::string keyspace_id(8, '\0');
  for (size_t i = 0; i < 8; ++i) {
    keyspace_id[i] = static_cast<char>(hash & 0xff);
    hash >>= 8;
  }
  return keyspace_id;
}

Result<std::string> XxhashVindex::Map(const VindexValue& value) const {
  auto bytes = VindexValueBytes(type(), value);
  if (!bytes.ok()) return bytes.error();
  return MapBytes(*bytes);
}

}  // namespace tessera::vtgate
