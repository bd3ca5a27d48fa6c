// DtidSource: ids of distributed transactions, unique across vtgates and
// restarts: "tsr-<16 hex digits of random seed>-<counter>" (at most 41
// characters, within XA's 64-byte gtrid). One per worker; not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "vtgate/twopc/transaction_log.h"

namespace tessera::vtgate::twopc {

class DtidSource {
 public:
  explicit DtidSource(uint64_t seed) : seed_(seed) {}
  std::string Next() { return fmt::format("{}{:016x}-{}", kDtidPrefix, seed_, ++counter_); }

 private:
  uint64_t seed_;
  uint64_t counter_ = 0;
};

}  // namespace tessera::vtgate::twopc
