// XxhashVindex: the `xxhash` vindex. The keyspace id is XXH64 (seed 0) of the
// value's bytes as VindexValueBytes defines them (string bytes as sent; an
// integer's canonical decimal text), written as 8 bytes LITTLE-endian, which
// is the byte order Vitess uses, so keyspace ids agree with Vitess.
// Works on any string, so it suits varchar and varbinary keys as well as
// integers. Unique, cost 1; not reversible.
// Example: 'test1' -> d01ab7e4d6978f0b, 1 (and '1') -> d46405367612b4b7.
// NULL and kOther values are errors.
#pragma once

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

class XxhashVindex final : public Vindex {
 public:
  std::string_view type() const override { return "xxhash"; }
  int cost() const override { return 1; }
  bool is_unique() const override { return true; }
  Result<std::string> Map(const VindexValue& value) const override;

  // The keyspace id of raw bytes.
  static std::string MapBytes(std::string_view bytes);
};

}  // namespace tessera::vtgate
