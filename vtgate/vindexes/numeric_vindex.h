// NumericVindex: the `numeric` vindex. An unsigned 64-bit integer value is
// written as 8 bytes big-endian; those bytes are the keyspace id (identity:
// unique, reversible, cost 0, keyspace ids order like the values).
// Accepted: kInteger, and kString holding an integer (MySQL compares them
// numerically), as [+]?[0-9]+ in 0..18446744073709551615; '-0' is 0.
// Refused with an error naming the value, as Vitess refuses them: negative
// integers, values beyond 64 bits, non-integer text, NULL and kOther.
// Example: 1 -> 0000000000000001, 256 -> 0000000000000100.
#pragma once

#include <cstdint>

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

class NumericVindex final : public Vindex {
 public:
  std::string_view type() const override { return "numeric"; }
  int cost() const override { return 0; }
  bool is_unique() const override { return true; }
  Result<std::string> Map(const VindexValue& value) const override;

  // The keyspace id of a 64-bit value (8 bytes, big-endian).
  static std::string MapUint64(uint64_t value);
  // Inverse of MapUint64; `keyspace_id` must be 8 bytes.
  static Result<uint64_t> Unmap(std::string_view keyspace_id);
};

}  // namespace tessera::vtgate
