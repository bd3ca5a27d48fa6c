#include "vtgate/vindexes/numeric_vindex.h"

#include <charconv>

#include "vtgate/vindexes/vindex_value_bytes.h"

namespace tessera::vtgate {

std::string NumericVindex::MapUint64(uint64_t value) {
  std::string keyspace_id(8, '\0');
  for (int i = 7; i >= 0; --i) {
    keyspace_id[static_cast<size_t>(i)] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return keyspace_id;
}

Result<uint64_t> NumericVindex::Unmap(std::string_view keyspace_id) {
  if (keyspace_id.size() != 8) {
    return Error::Make(
        mysql_errno::kUnknown,
        "numeric vindex: keyspace id has " + std::to_string(keyspace_id.size()) + " bytes, want 8");
  }
  uint64_t value = 0;
  for (unsigned char c : keyspace_id) value = (value << 8) | c;
  return value;
}

Result<std::string> NumericVindex::Map(const VindexValue& value) const {
  if (value.kind == VindexValue::Kind::kNull) {
    return Error::Make(mysql_errno::kUnknown, "numeric vindex: cannot map NULL to a keyspace id");
  }
  if (value.kind == VindexValue::Kind::kInteger || value.kind == VindexValue::Kind::kString ||
      value.kind == VindexValue::Kind::kOther) {
    // kOther: a decimal or floating-point literal holding an integer.
    auto canonical = value.kind == VindexValue::Kind::kOther ? IntegralNumberText(value.text)
                                                             : CanonicalIntegerText(value.text);
    if (canonical && canonical->front() != '-') {
      uint64_t number = 0;
      const char* end = canonical->data() + canonical->size();
      auto [ptr, ec] = std::from_chars(canonical->data(), end, number);
      if (ec == std::errc() && ptr == end) return MapUint64(number);
    }
  }
  return Error::Make(mysql_errno::kUnknown, "numeric vindex: could not map '" + value.text +
                                                "' to an unsigned 64-bit integer");
}

}  // namespace tessera::vtgate
