// BinaryMd5Vindex: the `binary_md5` vindex. The keyspace id is the 16-byte
// MD5 digest of the value's bytes as VindexValueBytes defines them (string
// bytes as sent, so comparison is binary and case-sensitive; an integer's
// canonical decimal text). Unique, cost 1; not reversible.
// Example: 'Test' -> 0cbc6611f5540bd0809a388dc95a615b.
// NULL and kOther values are errors.
#pragma once

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

class BinaryMd5Vindex final : public Vindex {
 public:
  std::string_view type() const override { return "binary_md5"; }
  int cost() const override { return 1; }
  bool is_unique() const override { return true; }
  Result<std::string> Map(const VindexValue& value) const override;

  // The 16-byte MD5 digest of `bytes`, or an error if the crypto library
  // refuses MD5 (e.g. a FIPS-only OpenSSL configuration). Thread-safe.
  static Result<std::string> Digest(std::string_view bytes);
};

}  // namespace tessera::vtgate
