#include "vtgate/vindexes/vindex_value_bytes.h"

namespace tessera::vtgate {

std::optional<std::string> CanonicalIntegerText(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const size_t first_nonzero = text.find_first_not_of('0');
  if (first_nonzero == std::string_view::npos) return std::string("0");
  std::string out = negative ? "-" : "";
  out += text.substr(first_nonzero);
  return out;
}

Result<std::string> VindexValueBytes(std::string_view vindex_type, const VindexValue& value) {
  switch (value.kind) {
    case VindexValue::Kind::kString:
      return value.text;
    case VindexValue::Kind::kInteger: {
      auto canonical = CanonicalIntegerText(value.text);
      if (canonical) return std::move(*canonical);
      return Error::Make(mysql_errno::kUnknown, std::string(vindex_type) + " vindex: '" +
                                                    value.text + "' is not an integer");
    }
    case VindexValue::Kind::kNull:
      return Error::Make(mysql_errno::kUnknown,
                         std::string(vindex_type) + " vindex: cannot map NULL to a keyspace id");
    case VindexValue::Kind::kOther:
      break;
  }
  return Error::Make(mysql_errno::kUnknown, std::string(vindex_type) + " vindex: cannot map '" +
                                                value.text +
                                                "': only integer and string values are supported");
}

}  // namespace tessera::vtgate
