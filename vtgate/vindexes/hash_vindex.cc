// Uses OpenSSL's low-level DES (deprecated in OpenSSL 3, still shipped):
// its key schedule is a plain immutable value, so one schedule is shared by
// every thread with no per-call context allocation.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "vtgate/vindexes/hash_vindex.h"

#include <openssl/des.h>

#include <charconv>
#include <cstring>
#include <optional>

#include "vtgate/vindexes/vindex_value_bytes.h"

namespace tessera::vtgate {

struct HashVindex::KeySchedule {
  DES_key_schedule schedule;
};

HashVindex::HashVindex() : schedule_(std::make_unique<KeySchedule>()) {
  DES_cblock zero_key{};
  DES_set_key_unchecked(&zero_key, &schedule_->schedule);
}

HashVindex::~HashVindex() = default;

std::string HashVindex::MapUint64(uint64_t value) const {
  DES_cblock in;
  for (int i = 7; i >= 0; --i) {
    in[i] = static_cast<unsigned char>(value & 0xff);
    value >>= 8;
  }
  DES_cblock out;
  DES_ecb_encrypt(&in, &out, &schedule_->schedule, DES_ENCRYPT);
  return std::string(reinterpret_cast<const char*>(out), 8);
}

uint64_t HashVindex::Unmap(std::string_view keyspace_id) const {
  DES_cblock in{};
  std::memcpy(in, keyspace_id.data(), std::min<size_t>(8, keyspace_id.size()));
  DES_cblock out;
  DES_ecb_encrypt(&in, &out, &schedule_->schedule, DES_DECRYPT);
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | out[i];
  return value;
}

Result<std::string> HashVindex::Map(const VindexValue& value) const {
  std::string_view text = value.text;
  if (value.kind == VindexValue::Kind::kNull) {
    return Error::Make(mysql_errno::kUnknown, "hash vindex: cannot map NULL to a keyspace id");
  }
  // A decimal or floating-point literal holding an integer (4000900e0, as
  // drivers send numbers) is stored as that integer.
  std::optional<std::string> integral;
  if (value.kind == VindexValue::Kind::kOther) {
    integral = IntegralNumberText(text);
    if (integral) text = *integral;
  }
  // Integers, and strings that hold an integer (MySQL compares them numerically).
  if (value.kind == VindexValue::Kind::kInteger || value.kind == VindexValue::Kind::kString ||
      integral) {
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (!text.empty() && text.front() == '-') {
      int64_t signed_value = 0;
      auto [ptr, ec] = std::from_chars(begin, end, signed_value);
      if (ec == std::errc() && ptr == end) return MapUint64(static_cast<uint64_t>(signed_value));
    } else {
      uint64_t unsigned_value = 0;
      if (!text.empty() && text.front() == '+') ++begin;
      auto [ptr, ec] = std::from_chars(begin, end, unsigned_value);
      if (ec == std::errc() && ptr == end) return MapUint64(unsigned_value);
    }
  }
  return Error::Make(mysql_errno::kUnknown,
                     "hash vindex: could not map '" + std::string(text) + "' to a 64-bit integer");
}

}  // namespace tessera::vtgate
