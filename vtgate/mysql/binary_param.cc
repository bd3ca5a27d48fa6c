#include "vtgate/mysql/binary_param.h"

#include <bit>
#include <cmath>

#include <fmt/format.h>

#include "common/sql_string.h"

#include "vtgate/mysql/binary_temporal.h"

namespace tessera::vtgate::mysql {
namespace {

Error Truncated() {
  return Error::Make(mysql_errno::kNetReadError, "Malformed COM_STMT_EXECUTE parameter value");
}

Error WrongArguments() {
  return Error::Make(mysql_errno::kWrongArguments, "Incorrect arguments to mysqld_stmt_execute");
}

bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<uint8_t>(s[i]);
    size_t extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      extra = 1;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i <= extra) return false;
    for (size_t k = 1; k <= extra; ++k) {
      auto cc = static_cast<uint8_t>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

std::string HexLiteral(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "X'";
  out.reserve(bytes.size() * 2 + 3);
  for (char ch : bytes) {
    auto b = static_cast<uint8_t>(ch);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0x0f]);
  }
  out.push_back('\'');
  return out;
}

// [+-]digits[.digits][(e|E)[+-]digits], with digits on at least one side of
// the point.
bool IsPlainNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t mantissa = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

template <class Signed, class Unsigned>
Result<std::string> IntegerLiteral(WireReader* r, bool is_unsigned) {
  Unsigned raw = 0;
  if (!r->Read(&raw)) return Truncated();
  if (is_unsigned) return fmt::format("{}", raw);
  return fmt::format("{}", static_cast<Signed>(raw));
}

// Shortest text that reads back as the same value, always written as an
// approximate-value literal (with an exponent) so SQL treats it as DOUBLE.
template <class Floating>
Result<std::string> FloatingLiteral(Floating v) {
  if (!std::isfinite(v)) return WrongArguments();
  std::string text = fmt::format("{}", v);
  if (text.find_first_of("eE") == std::string::npos) text += "e0";
  return text;
}

bool IsStringType(FieldType type) {
  switch (type) {
    case FieldType::kVarchar:
    case FieldType::kVarString:
    case FieldType::kString:
    case FieldType::kEnum:
    case FieldType::kSet:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kBlob:
    case FieldType::kJson:
    case FieldType::kGeometry:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string StringLiteral(std::string_view bytes) {
  if (!IsUtf8(bytes)) return HexLiteral(bytes);
  return QuoteSqlString(bytes);
}

std::string LongDataLiteral(std::string_view bytes, ParamType type) {
  if (type.type == FieldType::kBit) return HexLiteral(bytes);
  if ((type.type == FieldType::kDecimal || type.type == FieldType::kNewDecimal) &&
      IsPlainNumber(bytes)) {
    return std::string(bytes);
  }
  return StringLiteral(bytes);
}

Result<std::string> ReadParamLiteral(WireReader* r, ParamType type) {
  switch (type.type) {
    case FieldType::kNull:
      return std::string("NULL");
    case FieldType::kTiny:
      return IntegerLiteral<int8_t, uint8_t>(r, type.is_unsigned);
    case FieldType::kShort:
    case FieldType::kYear:
      return IntegerLiteral<int16_t, uint16_t>(r, type.is_unsigned);
    case FieldType::kLong:
    case FieldType::kInt24:
      return IntegerLiteral<int32_t, uint32_t>(r, type.is_unsigned);
    case FieldType::kLongLong:
      return IntegerLiteral<int64_t, uint64_t>(r, type.is_unsigned);
    case FieldType::kFloat: {
      uint32_t bits = 0;
      if (!r->Read(&bits)) return Truncated();
      return FloatingLiteral(std::bit_cast<float>(bits));
    }
    case FieldType::kDouble: {
      uint64_t bits = 0;
      if (!r->Read(&bits)) return Truncated();
      return FloatingLiteral(std::bit_cast<double>(bits));
    }
    case FieldType::kDate:
    case FieldType::kNewDate: {
      DateTimeValue v;
      if (!ReadBinaryDateTime(r, &v)) return Truncated();
      return "'" + FormatDate(v) + "'";
    }
    case FieldType::kDateTime:
    case FieldType::kTimestamp: {
      DateTimeValue v;
      if (!ReadBinaryDateTime(r, &v)) return Truncated();
      return "'" + FormatDateTime(v) + "'";
    }
    case FieldType::kTime: {
      TimeValue v;
      if (!ReadBinaryTime(r, &v)) return Truncated();
      return "'" + FormatTime(v) + "'";
    }
    case FieldType::kDecimal:
    case FieldType::kNewDecimal: {
      std::string_view text;
      if (!r->ReadLenencString(&text)) return Truncated();
      if (IsPlainNumber(text)) return std::string(text);
      return StringLiteral(text);
    }
    case FieldType::kBit: {
      std::string_view bytes;
      if (!r->ReadLenencString(&bytes)) return Truncated();
      return HexLiteral(bytes);
    }
    default:
      break;
  }
  if (!IsStringType(type.type)) return WrongArguments();
  std::string_view bytes;
  if (!r->ReadLenencString(&bytes)) return Truncated();
  return StringLiteral(bytes);
}

}  // namespace tessera::vtgate::mysql
