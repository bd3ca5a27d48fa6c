#include "vtgate/mysql/binary_temporal.h"

#include <algorithm>

#include <fmt/format.h>

#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

// Parses exactly `digits` decimal digits at `*pos`.
bool Digits(std::string_view s, size_t* pos, size_t digits, uint32_t* out) {
  if (s.size() - *pos < digits) return false;
  uint32_t v = 0;
  for (size_t i = 0; i < digits; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  *pos += digits;
  *out = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

// ".f..." (1..6 digits) scaled to microseconds, or nothing.
bool Fraction(std::string_view s, size_t* pos, uint32_t* micro) {
  *micro = 0;
  if (*pos == s.size()) return true;
  if (!Expect(s, pos, '.')) return false;
  size_t digits = s.size() - *pos;
  if (digits == 0 || digits > 6) return false;
  uint32_t v = 0;
  if (!Digits(s, pos, digits, &v)) return false;
  for (size_t i = digits; i < 6; ++i) v *= 10;
  *micro = v;
  return true;
}

std::string FractionText(uint32_t micro, int digits) {
  if (digits < 0) digits = micro == 0 ? 0 : 6;
  if (digits == 0) return {};
  std::string f = fmt::format("{:06d}", micro);
  return "." + f.substr(0, static_cast<size_t>(std::min(digits, 6)));
}

}  // namespace

void AppendBinaryDateTime(const DateTimeValue& v, std::string* out) {
  uint8_t length = 0;
  if (v.microsecond != 0) {
    length = 11;
  } else if (v.hour != 0 || v.minute != 0 || v.second != 0) {
    length = 7;
  } else if (v.year != 0 || v.month != 0 || v.day != 0) {
    length = 4;
  }
  AppendU8(out, length);
  if (length == 0) return;
  AppendU16(out, v.year);
  AppendU8(out, v.month);
  AppendU8(out, v.day);
  if (length == 4) return;
  AppendU8(out, v.hour);
  AppendU8(out, v.minute);
  AppendU8(out, v.second);
  if (length == 7) return;
  AppendU32(out, v.microsecond);
}

void AppendBinaryTime(const TimeValue& v, std::string* out) {
  uint8_t length = 0;
  if (v.microsecond != 0) {
    length = 12;
  } else if (v.days != 0 || v.hour != 0 || v.minute != 0 || v.second != 0) {
    length = 8;
  }
  AppendU8(out, length);
  if (length == 0) return;
  AppendU8(out, v.negative ? 1 : 0);
  AppendU32(out, v.days);
  AppendU8(out, v.hour);
  AppendU8(out, v.minute);
  AppendU8(out, v.second);
  if (length == 12) AppendU32(out, v.microsecond);
}

bool ReadBinaryDateTime(WireReader* r, DateTimeValue* out) {
  uint8_t length = 0;
  if (!r->Peek(&length)) return false;
  if (length != 0 && length != 4 && length != 7 && length != 11) return false;
  if (r->remaining() < 1u + length) return false;
  r->Skip(1);
  DateTimeValue v;
  if (length >= 4) {
    r->Read(&v.year);
    r->Read(&v.month);
    r->Read(&v.day);
  }
  if (length >= 7) {
    r->Read(&v.hour);
    r->Read(&v.minute);
    r->Read(&v.second);
  }
  if (length == 11) r->Read(&v.microsecond);
  *out = v;
  return true;
}

bool ReadBinaryTime(WireReader* r, TimeValue* out) {
  uint8_t length = 0;
  if (!r->Peek(&length)) return false;
  if (length != 0 && length != 8 && length != 12) return false;
  if (r->remaining() < 1u + length) return false;
  r->Skip(1);
  TimeValue v;
  if (length >= 8) {
    uint8_t negative = 0;
    r->Read(&negative);
    v.negative = negative != 0;
    r->Read(&v.days);
    r->Read(&v.hour);
    r->Read(&v.minute);
    r->Read(&v.second);
  }
  if (length == 12) r->Read(&v.microsecond);
  *out = v;
  return true;
}

std::string FormatDate(const DateTimeValue& v) {
  return fmt::format("{:04d}-{:02d}-{:02d}", v.year, v.month, v.day);
}

std::string FormatDateTime(const DateTimeValue& v, int fraction_digits) {
  return fmt::format("{:04d}-{:02d}-{:02d} {:02d}:{:02d}:{:02d}{}", v.year, v.month, v.day, v.hour,
                     v.minute, v.second, FractionText(v.microsecond, fraction_digits));
}

std::string FormatTime(const TimeValue& v, int fraction_digits) {
  uint64_t hours = static_cast<uint64_t>(v.days) * 24 + v.hour;
  return fmt::format("{}{:02d}:{:02d}:{:02d}{}", v.negative ? "-" : "", hours, v.minute, v.second,
                     FractionText(v.microsecond, fraction_digits));
}

std::optional<DateTimeValue> ParseDateTime(std::string_view s) {
  size_t pos = 0;
  uint32_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, micro = 0;
  if (!Digits(s, &pos, 4, &year) || !Expect(s, &pos, '-') || !Digits(s, &pos, 2, &month) ||
      !Expect(s, &pos, '-') || !Digits(s, &pos, 2, &day)) {
    return std::nullopt;
  }
  if (pos != s.size()) {
    if (!Expect(s, &pos, ' ') || !Digits(s, &pos, 2, &hour) || !Expect(s, &pos, ':') ||
        !Digits(s, &pos, 2, &minute) || !Expect(s, &pos, ':') || !Digits(s, &pos, 2, &second) ||
        !Fraction(s, &pos, &micro)) {
      return std::nullopt;
    }
  }
  if (month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return DateTimeValue{static_cast<uint16_t>(year),
                       static_cast<uint8_t>(month),
                       static_cast<uint8_t>(day),
                       static_cast<uint8_t>(hour),
                       static_cast<uint8_t>(minute),
                       static_cast<uint8_t>(second),
                       micro};
}

std::optional<TimeValue> ParseTime(std::string_view s) {
  size_t pos = 0;
  TimeValue v;
  if (!s.empty() && s[0] == '-') {
    v.negative = true;
    pos = 1;
  }
  size_t colon = s.find(':', pos);
  if (colon == std::string_view::npos || colon == pos || colon - pos > 9) return std::nullopt;
  uint32_t hours = 0, minute = 0, second = 0, micro = 0;
  if (!Digits(s, &pos, colon - pos, &hours) || !Expect(s, &pos, ':') ||
      !Digits(s, &pos, 2, &minute) || !Expect(s, &pos, ':') || !Digits(s, &pos, 2, &second) ||
      !Fraction(s, &pos, &micro) || minute > 59 || second > 59) {
    return std::nullopt;
  }
  v.days = hours / 24;
  v.hour = static_cast<uint8_t>(hours % 24);
  v.minute = static_cast<uint8_t>(minute);
  v.second = static_cast<uint8_t>(second);
  v.microsecond = micro;
  return v;
}

}  // namespace tessera::vtgate::mysql
