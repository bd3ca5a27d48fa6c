#include "vtgate/engine/value_compare.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace tessera::vtgate {
namespace {

struct Decimal {
  bool negative = false;
  std::string integer;   // no leading zeros ("" for zero)
  std::string fraction;  // no trailing zeros
};

Decimal ParseDecimal(std::string_view s) {
  Decimal d;
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) d.negative = s[i++] == '-';
  size_t dot = s.find('.', i);
  std::string_view int_part = s.substr(i, dot == std::string_view::npos ? s.size() - i : dot - i);
  std::string_view frac_part =
      dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  size_t first = int_part.find_first_not_of('0');
  d.integer = first == std::string_view::npos ? "" : std::string(int_part.substr(first));
  size_t last = frac_part.find_last_not_of('0');
  d.fraction = last == std::string_view::npos ? "" : std::string(frac_part.substr(0, last + 1));
  if (d.integer.empty() && d.fraction.empty()) d.negative = false;
  return d;
}

int CompareMagnitude(const Decimal& a, const Decimal& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
  if (int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
  int c = a.fraction.compare(b.fraction);  // no trailing zeros: lexicographic is numeric
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int CompareDecimal(std::string_view x, std::string_view y) {
  Decimal a = ParseDecimal(x), b = ParseDecimal(y);
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  int m = CompareMagnitude(a, b);
  return a.negative ? -m : m;
}

// Digits of |d| aligned to `frac_digits` fractional digits, most significant first.
std::string Digits(const Decimal& d, size_t frac_digits) {
  std::string out = d.integer + d.fraction;
  out.append(frac_digits - d.fraction.size(), '0');
  return out;
}

}  // namespace

bool IsIntegerType(FieldType type) {
  switch (type) {
    case FieldType::kTiny:
    case FieldType::kShort:
    case FieldType::kLong:
    case FieldType::kInt24:
    case FieldType::kLongLong:
    case FieldType::kYear:
      return true;
    default:
      return false;
  }
}

bool IsNumericType(FieldType type) {
  if (IsIntegerType(type)) return true;
  switch (type) {
    case FieldType::kFloat:
    case FieldType::kDouble:
    case FieldType::kDecimal:
    case FieldType::kNewDecimal:
      return true;
    default:
      return false;
  }
}

int CompareSortValues(const Field& field, const Value& a, const Value* weight_a, const Value& b,
                      const Value* weight_b) {
  if (!a.has_value() || !b.has_value()) return a.has_value() ? 1 : (b.has_value() ? -1 : 0);
  if (IsNumericType(field.type)) {
    if (field.type == FieldType::kFloat || field.type == FieldType::kDouble) {
      double x = std::strtod(a->c_str(), nullptr), y = std::strtod(b->c_str(), nullptr);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    return CompareDecimal(*a, *b);
  }
  if (weight_a != nullptr && weight_b != nullptr && weight_a->has_value() &&
      weight_b->has_value()) {
    int c = (*weight_a)->compare(**weight_b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  int c = a->compare(*b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string AddDecimalStrings(std::string_view x, std::string_view y) {
  Decimal a = ParseDecimal(x), b = ParseDecimal(y);
  // Keep the scale the inputs were written with (SUM of DECIMAL(10,2) stays 2 digits).
  auto scale_of = [](std::string_view s) {
    size_t dot = s.find('.');
    return dot == std::string_view::npos ? size_t{0} : s.size() - dot - 1;
  };
  size_t scale = std::max(scale_of(x), scale_of(y));
  scale = std::max({scale, a.fraction.size(), b.fraction.size()});
  size_t width = std::max(a.integer.size(), b.integer.size()) + scale + 1;
  auto pad = [&](const Decimal& d) {
    std::string digits = Digits(d, scale);
    return std::string(width - digits.size(), '0') + digits;
  };
  std::string da = pad(a), db = pad(b), result(width, '0');
  bool negative = false;
  if (a.negative == b.negative) {
    int carry = 0;
    for (size_t i = width; i-- > 0;) {
      int s = (da[i] - '0') + (db[i] - '0') + carry;
      result[i] = static_cast<char>('0' + s % 10);
      carry = s / 10;
    }
    negative = a.negative;
  } else {
    // Subtract the smaller magnitude from the larger.
    bool a_larger = CompareMagnitude(a, b) >= 0;
    const std::string& big = a_larger ? da : db;
    const std::string& small = a_larger ? db : da;
    int borrow = 0;
    for (size_t i = width; i-- > 0;) {
      int s = (big[i] - '0') - (small[i] - '0') - borrow;
      borrow = s < 0 ? 1 : 0;
      result[i] = static_cast<char>('0' + (s + 10) % 10);
    }
    negative = a_larger ? a.negative : b.negative;
  }
  std::string integer = result.substr(0, width - scale);
  size_t first = integer.find_first_not_of('0');
  integer = first == std::string::npos ? "0" : integer.substr(first);
  std::string out = integer;
  if (scale > 0) out += "." + result.substr(width - scale);
  bool zero = out.find_first_not_of("0.") == std::string::npos;
  if (negative && !zero) out.insert(out.begin(), '-');
  return out;
}

int CompareDecimalStrings(std::string_view a, std::string_view b) {
  return CompareDecimal(a, b);
}

std::string DivideDecimalByCount(std::string_view dividend, uint64_t divisor, size_t scale) {
  const Decimal d = ParseDecimal(dividend);
  // |dividend| * 10^(scale + 1) as an integer digit string: one guard digit for rounding.
  std::string digits = d.integer + d.fraction;
  const size_t want = scale + 1;
  if (d.fraction.size() <= want) {
    digits.append(want - d.fraction.size(), '0');
  } else {
    digits.resize(digits.size() - (d.fraction.size() - want));  // dropped digits never round
  }
  std::string quotient;
  unsigned __int128 remainder = 0;
  for (char c : digits) {
    remainder = remainder * 10 + static_cast<unsigned>(c - '0');
    quotient.push_back(static_cast<char>('0' + static_cast<int>(remainder / divisor)));
    remainder %= divisor;
  }
  const bool round_up = !quotient.empty() && quotient.back() >= '5';
  if (!quotient.empty()) quotient.pop_back();
  if (round_up) {
    size_t i = quotient.size();
    while (i > 0 && quotient[i - 1] == '9') quotient[--i] = '0';
    if (i == 0) {
      quotient.insert(quotient.begin(), '1');
    } else {
      ++quotient[i - 1];
    }
  }
  if (quotient.size() < scale + 1) quotient.insert(0, scale + 1 - quotient.size(), '0');
  std::string integer = quotient.substr(0, quotient.size() - scale);
  const size_t first = integer.find_first_not_of('0');
  integer = first == std::string::npos ? "0" : integer.substr(first);
  std::string out = integer;
  if (scale > 0) out += "." + quotient.substr(quotient.size() - scale);
  const bool zero = out.find_first_not_of("0.") == std::string::npos;
  if (d.negative && !zero) out.insert(out.begin(), '-');
  return out;
}

std::string FormatDouble(double value) {
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::string out = buf;
  // "1e+20" -> "1e20", "1e-05" -> "1e-5".
  if (size_t e = out.find('e'); e != std::string::npos) {
    std::string mantissa = out.substr(0, e);
    std::string exponent = out.substr(e + 1);
    bool negative = !exponent.empty() && exponent[0] == '-';
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.erase(0, 1);
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    out = mantissa + "e" + (negative ? "-" : "") + exponent;
  }
  return out;
}

}  // namespace tessera::vtgate
