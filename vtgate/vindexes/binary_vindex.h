// BinaryVindex: the `binary` vindex. The keyspace id is the value's bytes
// themselves, as VindexValueBytes defines them (string bytes as sent; an
// integer's canonical decimal text), so keyspace ids order like the values'
// bytes and the mapping is reversible. Unique, cost 0 (identity).
// Example: 'test1' -> 7465737431. The empty string maps to the empty keyspace
// id, which sorts before every other. NULL and kOther values are errors.
#pragma once

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

class BinaryVindex final : public Vindex {
 public:
  std::string_view type() const override { return "binary"; }
  int cost() const override { return 0; }
  bool is_unique() const override { return true; }
  Result<std::string> Map(const VindexValue& value) const override;
};

}  // namespace tessera::vtgate
