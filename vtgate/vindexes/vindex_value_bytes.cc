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

std::optional<std::string> IntegralNumberText(std::string_view text) {
  std::string sign;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    if (text.front() == '-') sign = "-";
    text.remove_prefix(1);
  }
  const size_t e = text.find_first_of("eE");
  const bool floating = e != std::string_view::npos;
  std::string_view mantissa = floating ? text.substr(0, e) : text;
  long exponent = 0;
  if (floating) {
    std::string_view power = text.substr(e + 1);
    bool negative_power = false;
    if (!power.empty() && (power.front() == '-' || power.front() == '+')) {
      negative_power = power.front() == '-';
      power.remove_prefix(1);
    }
    if (power.empty() || power.size() > 4) return std::nullopt;
    for (char c : power) {
      if (c < '0' || c > '9') return std::nullopt;
      exponent = exponent * 10 + (c - '0');
    }
    if (negative_power) exponent = -exponent;
  }
  const size_t dot = mantissa.find('.');
  std::string digits(mantissa.substr(0, dot));
  if (dot != std::string_view::npos) {
    std::string_view fraction = mantissa.substr(dot + 1);
    digits += fraction;
    exponent -= static_cast<long>(fraction.size());
  }
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  if (exponent >= 0) {
    if (exponent > 40) return std::nullopt;
    digits.append(static_cast<size_t>(exponent), '0');
  } else {
    const size_t drop = static_cast<size_t>(-exponent);
    if (drop > digits.size()) {
      if (digits.find_first_not_of('0') != std::string::npos) return std::nullopt;
      digits = "0";
    } else {
      if (digits.find_first_not_of('0', digits.size() - drop) != std::string::npos)
        return std::nullopt;  // a fraction
      digits.resize(digits.size() - drop);
      if (digits.empty()) digits = "0";
    }
  }
  auto canonical = CanonicalIntegerText(sign + digits);
  if (!canonical) return std::nullopt;
  if (floating) {
    const std::string magnitude = canonical->front() == '-' ? canonical->substr(1) : *canonical;
    const std::string limit = "9007199254740992";  // 2^53
    if (magnitude.size() > limit.size() || (magnitude.size() == limit.size() && magnitude > limit))
      return std::nullopt;
  }
  return canonical;
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
