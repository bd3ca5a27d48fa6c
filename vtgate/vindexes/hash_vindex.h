// HashVindex: the `hash` vindex. A 64-bit unsigned integer column value is
// written big-endian and encrypted with DES under the all-zero key; the
// 8-byte ciphertext is the keyspace id. The mapping is a bijection on 64-bit
// values (so unique and reversible) and spreads consecutive ids evenly.
// Negative values map through their two's-complement 64-bit pattern.
// Example: 1 -> 166b40b44aba4bd6, 2 -> 06e7ea22ce92708f.
#pragma once

#include <memory>

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

class HashVindex final : public Vindex {
 public:
  HashVindex();
  ~HashVindex() override;

  std::string_view type() const override { return "hash"; }
  int cost() const override { return 1; }
  bool is_unique() const override { return true; }
  Result<std::string> Map(const VindexValue& value) const override;

  // The keyspace id of a 64-bit value (8 bytes, big-endian ciphertext).
  std::string MapUint64(uint64_t value) const;
  // Inverse of MapUint64; `keyspace_id` must be 8 bytes.
  uint64_t Unmap(std::string_view keyspace_id) const;

 private:
  struct KeySchedule;
  std::unique_ptr<KeySchedule> schedule_;  // immutable after construction
};

}  // namespace tessera::vtgate
