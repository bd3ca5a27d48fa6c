// Temporal values of the binary protocol (DATE, DATETIME, TIMESTAMP, TIME)
// and their text forms. The binary form is a length byte followed by only
// as many fields as are non-zero: 0/4/7/11 bytes for dates and date-times
// (year u16, month, day, hour, minute, second, microsecond u32), 0/8/12
// bytes for TIME (negative flag, days u32, hour, minute, second,
// microsecond u32). Text forms are MariaDB's: 'YYYY-MM-DD hh:mm:ss[.ffffff]'
// and '[-]hhh:mm:ss[.ffffff]'. Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vtgate/mysql/wire_reader.h"

namespace tessera::vtgate::mysql {

struct DateTimeValue {
  uint16_t year = 0;
  uint8_t month = 0;
  uint8_t day = 0;
  uint8_t hour = 0;
  uint8_t minute = 0;
  uint8_t second = 0;
  uint32_t microsecond = 0;

  bool operator==(const DateTimeValue&) const = default;
};

struct TimeValue {
  bool negative = false;
  uint32_t days = 0;
  uint8_t hour = 0;  // 0..23; whole days are in `days`
  uint8_t minute = 0;
  uint8_t second = 0;
  uint32_t microsecond = 0;

  bool operator==(const TimeValue&) const = default;
};

// Binary encodings, shortest length that keeps every non-zero field.
void AppendBinaryDateTime(const DateTimeValue& v, std::string* out);
void AppendBinaryTime(const TimeValue& v, std::string* out);
// False (nothing consumed) when truncated or the length byte is not one
// the protocol allows.
bool ReadBinaryDateTime(WireReader* r, DateTimeValue* out);
bool ReadBinaryTime(WireReader* r, TimeValue* out);

// Text forms. `fraction_digits` 1..6 writes that many fraction digits;
// 0 writes none, and -1 writes six only when the microseconds are non-zero.
std::string FormatDate(const DateTimeValue& v);
std::string FormatDateTime(const DateTimeValue& v, int fraction_digits = -1);
std::string FormatTime(const TimeValue& v, int fraction_digits = -1);

// Parses MariaDB's text forms: "YYYY-MM-DD", "YYYY-MM-DD hh:mm:ss[.f...]"
// and "[-]h...:mm:ss[.f...]" (up to 6 fraction digits). nullopt otherwise.
std::optional<DateTimeValue> ParseDateTime(std::string_view text);
std::optional<TimeValue> ParseTime(std::string_view text);

}  // namespace tessera::vtgate::mysql
