#include "vtgate/vindexes/binary_vindex.h"

#include "vtgate/vindexes/vindex_value_bytes.h"

namespace tessera::vtgate {

Result<std::string> BinaryVindex::Map(const VindexValue& value) const {
  return VindexValueBytes(type(), value);
}

}  // namespace tessera::vtgate
