// Binary-protocol values: temporal encodings, parameter literals and
// binary result rows.
#include <bit>
#include <cstring>

#include <gtest/gtest.h>

#include "vtgate/mysql/binary_param.h"
#include "vtgate/mysql/binary_row.h"
#include "vtgate/mysql/binary_temporal.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

// ---- temporal -------------------------------------------------------------

TEST(BinaryTemporal, DateTimeUsesShortestLength) {
  struct Case {
    DateTimeValue v;
    size_t length;
  };
  const Case cases[] = {
      {{}, 0},
      {{2024, 2, 29, 0, 0, 0, 0}, 4},
      {{2024, 2, 29, 13, 14, 15, 0}, 7},
      {{2024, 2, 29, 13, 14, 15, 123456}, 11},
      {{0, 0, 0, 0, 0, 0, 1}, 11},
  };
  for (const Case& c : cases) {
    std::string out;
    AppendBinaryDateTime(c.v, &out);
    ASSERT_EQ(out.size(), 1 + c.length);
    EXPECT_EQ(static_cast<uint8_t>(out[0]), c.length);
    WireReader r(out);
    DateTimeValue back;
    ASSERT_TRUE(ReadBinaryDateTime(&r, &back));
    EXPECT_EQ(back, c.v);
    EXPECT_TRUE(r.empty());
  }
}

TEST(BinaryTemporal, TimeRoundTripIncludingNegativeAndDays) {
  const TimeValue cases[] = {
      {},
      {false, 0, 1, 2, 3, 0},
      {true, 0, 1, 2, 3, 0},
      {true, 34, 22, 59, 59, 999999},
  };
  for (const TimeValue& v : cases) {
    std::string out;
    AppendBinaryTime(v, &out);
    WireReader r(out);
    TimeValue back;
    ASSERT_TRUE(ReadBinaryTime(&r, &back));
    EXPECT_EQ(back, v);
  }
}

TEST(BinaryTemporal, TruncatedOrBadLengthFails) {
  std::string dt;
  AppendBinaryDateTime({2024, 1, 2, 3, 4, 5, 6}, &dt);
  for (size_t n = 0; n < dt.size(); ++n) {
    WireReader r(std::string_view(dt).substr(0, n));
    DateTimeValue v;
    EXPECT_FALSE(ReadBinaryDateTime(&r, &v)) << n;
    EXPECT_EQ(r.remaining(), n);  // nothing consumed
  }
  std::string t;
  AppendBinaryTime({true, 1, 2, 3, 4, 5}, &t);
  for (size_t n = 0; n < t.size(); ++n) {
    WireReader r(std::string_view(t).substr(0, n));
    TimeValue v;
    EXPECT_FALSE(ReadBinaryTime(&r, &v)) << n;
  }
  std::string bad = "\x05" + std::string(5, '\0');
  WireReader r(bad);
  DateTimeValue v;
  EXPECT_FALSE(ReadBinaryDateTime(&r, &v));
}

TEST(BinaryTemporal, TextForms) {
  DateTimeValue v{2024, 2, 9, 3, 4, 5, 120};
  EXPECT_EQ(FormatDate(v), "2024-02-09");
  EXPECT_EQ(FormatDateTime(v), "2024-02-09 03:04:05.000120");
  EXPECT_EQ(FormatDateTime(v, 3), "2024-02-09 03:04:05.000");
  EXPECT_EQ(FormatDateTime(v, 0), "2024-02-09 03:04:05");
  EXPECT_EQ(FormatDateTime({2024, 2, 9, 3, 4, 5, 0}), "2024-02-09 03:04:05");
  EXPECT_EQ(FormatTime({true, 1, 2, 3, 4, 500000}), "-26:03:04.500000");
  EXPECT_EQ(FormatTime({false, 0, 0, 0, 7, 0}), "00:00:07");

  EXPECT_EQ(ParseDateTime("2024-02-09"), (DateTimeValue{2024, 2, 9, 0, 0, 0, 0}));
  EXPECT_EQ(ParseDateTime("2024-02-09 03:04:05.5"), (DateTimeValue{2024, 2, 9, 3, 4, 5, 500000}));
  EXPECT_EQ(ParseDateTime("0000-00-00 00:00:00"), DateTimeValue{});
  EXPECT_FALSE(ParseDateTime("2024-02-09 03:04"));
  EXPECT_FALSE(ParseDateTime("2024-13-09"));
  EXPECT_FALSE(ParseDateTime("2024-02-09 03:04:05.1234567"));
  EXPECT_FALSE(ParseDateTime("abc"));
  EXPECT_EQ(ParseTime("-838:59:59.000001"), (TimeValue{true, 34, 22, 59, 59, 1}));
  EXPECT_EQ(ParseTime("12:00:01"), (TimeValue{false, 0, 12, 0, 1, 0}));
  EXPECT_FALSE(ParseTime("12:60:00"));
  EXPECT_FALSE(ParseTime(":00:00"));
  EXPECT_FALSE(ParseTime("1200"));
}

// ---- parameter literals ---------------------------------------------------

std::string Fixed(uint64_t v, size_t bytes) {
  std::string out;
  AppendFixed(&out, v, bytes);
  return out;
}

std::string Lenenc(std::string_view s) {
  std::string out;
  AppendLenencString(&out, s);
  return out;
}

Result<std::string> Literal(FieldType type, std::string_view bytes, bool is_unsigned = false) {
  WireReader r(bytes);
  Result<std::string> literal = ReadParamLiteral(&r, ParamType{type, is_unsigned});
  if (literal.ok()) {
    EXPECT_TRUE(r.empty()) << "bytes left for type " << int(type);
  }
  return literal;
}

// The literal, or "<error N>".
std::string Lit(FieldType type, std::string_view bytes, bool is_unsigned = false) {
  Result<std::string> literal = Literal(type, bytes, is_unsigned);
  if (!literal.ok()) return "<error " + std::to_string(literal.error().code) + ">";
  return literal.value();
}

TEST(ParamLiteral, Integers) {
  EXPECT_EQ(Lit(FieldType::kTiny, Fixed(0xfb, 1)), "-5");
  EXPECT_EQ(Lit(FieldType::kTiny, Fixed(0xfb, 1), true), "251");
  EXPECT_EQ(Lit(FieldType::kShort, Fixed(0x8000, 2)), "-32768");
  EXPECT_EQ(Lit(FieldType::kShort, Fixed(0xffff, 2), true), "65535");
  EXPECT_EQ(Lit(FieldType::kYear, Fixed(2024, 2)), "2024");
  EXPECT_EQ(Lit(FieldType::kLong, Fixed(0xffffffff, 4)), "-1");
  EXPECT_EQ(Lit(FieldType::kLong, Fixed(0xffffffff, 4), true), "4294967295");
  EXPECT_EQ(Lit(FieldType::kInt24, Fixed(70000, 4)), "70000");
  EXPECT_EQ(Lit(FieldType::kLongLong, Fixed(0x8000000000000000ull, 8)), "-9223372036854775808");
  EXPECT_EQ(Lit(FieldType::kLongLong, Fixed(~0ull, 8), true), "18446744073709551615");
}

TEST(ParamLiteral, FloatingPointIsApproximateLiteral) {
  EXPECT_EQ(Lit(FieldType::kFloat, Fixed(std::bit_cast<uint32_t>(1.5f), 4)), "1.5e0");
  EXPECT_EQ(Lit(FieldType::kDouble, Fixed(std::bit_cast<uint64_t>(0.1), 8)), "0.1e0");
  EXPECT_EQ(Lit(FieldType::kDouble, Fixed(std::bit_cast<uint64_t>(-2.0), 8)), "-2e0");
  EXPECT_EQ(Lit(FieldType::kDouble, Fixed(std::bit_cast<uint64_t>(1e300), 8)), "1e+300");
  Result<std::string> nan =
      Literal(FieldType::kDouble,
              Fixed(std::bit_cast<uint64_t>(std::numeric_limits<double>::quiet_NaN()), 8));
  ASSERT_FALSE(nan.ok());
  EXPECT_EQ(nan.error().code, 1210);
}

TEST(ParamLiteral, DecimalIsPlainNumberOrQuoted) {
  EXPECT_EQ(Lit(FieldType::kNewDecimal, Lenenc("-12.3400")), "-12.3400");
  EXPECT_EQ(Lit(FieldType::kDecimal, Lenenc("1e5")), "1e5");
  EXPECT_EQ(Lit(FieldType::kNewDecimal, Lenenc("1;DROP TABLE t")), "'1;DROP TABLE t'");
  EXPECT_EQ(Lit(FieldType::kNewDecimal, Lenenc(".")), "'.'");
}

TEST(ParamLiteral, Temporal) {
  std::string date;
  AppendBinaryDateTime({2024, 2, 29, 0, 0, 0, 0}, &date);
  EXPECT_EQ(Lit(FieldType::kDate, date), "'2024-02-29'");
  EXPECT_EQ(Lit(FieldType::kDateTime, date), "'2024-02-29 00:00:00'");
  std::string dt;
  AppendBinaryDateTime({2024, 2, 29, 23, 59, 58, 1}, &dt);
  EXPECT_EQ(Lit(FieldType::kDateTime, dt), "'2024-02-29 23:59:58.000001'");
  EXPECT_EQ(Lit(FieldType::kTimestamp, dt), "'2024-02-29 23:59:58.000001'");
  EXPECT_EQ(Lit(FieldType::kDateTime, std::string(1, '\0')), "'0000-00-00 00:00:00'");
  std::string t;
  AppendBinaryTime({true, 1, 1, 2, 3, 40}, &t);
  EXPECT_EQ(Lit(FieldType::kTime, t), "'-25:02:03.000040'");
}

TEST(ParamLiteral, StringsAreQuotedAndEscaped) {
  for (FieldType type :
       {FieldType::kVarchar, FieldType::kVarString, FieldType::kString, FieldType::kBlob,
        FieldType::kTinyBlob, FieldType::kMediumBlob, FieldType::kLongBlob, FieldType::kJson,
        FieldType::kEnum, FieldType::kSet}) {
    EXPECT_EQ(Lit(type, Lenenc("it's")), "'it\\'s'") << int(type);
  }
  EXPECT_EQ(Lit(FieldType::kVarString, Lenenc(std::string("a\\b\0c\n\r\x1a", 8))),
            "'a\\\\b\\0c\\n\\r\\Z'");
  EXPECT_EQ(Lit(FieldType::kVarString, Lenenc("h\xc3\xa9llo")), "'h\xc3\xa9llo'");
  EXPECT_EQ(Lit(FieldType::kBlob, Lenenc(std::string("\xff\x00\x01", 3))), "X'FF0001'");
  EXPECT_EQ(Lit(FieldType::kVarString, Lenenc("\xc3")), "X'C3'");        // cut sequence
  EXPECT_EQ(Lit(FieldType::kVarString, Lenenc("\xc0\xaf")), "X'C0AF'");  // overlong
  EXPECT_EQ(Lit(FieldType::kVarString, Lenenc("")), "''");
  EXPECT_EQ(Lit(FieldType::kBit, Lenenc("\x05")), "X'05'");
  EXPECT_EQ(Lit(FieldType::kNull, ""), "NULL");
}

TEST(ParamLiteral, LongDataLiteral) {
  EXPECT_EQ(LongDataLiteral("o'k", ParamType{FieldType::kBlob, false}), "'o\\'k'");
  EXPECT_EQ(LongDataLiteral("12.5", ParamType{FieldType::kNewDecimal, false}), "12.5");
  EXPECT_EQ(LongDataLiteral("\x01", ParamType{FieldType::kBit, false}), "X'01'");
}

TEST(ParamLiteral, TruncatedValuesFail) {
  struct Case {
    FieldType type;
    std::string bytes;
  };
  std::string dt, t;
  AppendBinaryDateTime({2024, 1, 2, 3, 4, 5, 6}, &dt);
  AppendBinaryTime({false, 1, 2, 3, 4, 5}, &t);
  const Case cases[] = {
      {FieldType::kTiny, Fixed(1, 1)},
      {FieldType::kShort, Fixed(1, 2)},
      {FieldType::kLong, Fixed(1, 4)},
      {FieldType::kLongLong, Fixed(1, 8)},
      {FieldType::kFloat, Fixed(0, 4)},
      {FieldType::kDouble, Fixed(0, 8)},
      {FieldType::kYear, Fixed(1, 2)},
      {FieldType::kInt24, Fixed(1, 4)},
      {FieldType::kDateTime, dt},
      {FieldType::kDate, dt},
      {FieldType::kTimestamp, dt},
      {FieldType::kTime, t},
      {FieldType::kNewDecimal, Lenenc("1.5")},
      {FieldType::kVarString, Lenenc("abc")},
      {FieldType::kBlob, Lenenc("abc")},
      {FieldType::kBit, Lenenc("a")},
  };
  for (const Case& c : cases) {
    ASSERT_TRUE(Literal(c.type, c.bytes).ok()) << int(c.type);
    for (size_t n = 0; n < c.bytes.size(); ++n) {
      WireReader r(std::string_view(c.bytes).substr(0, n));
      Result<std::string> literal = ReadParamLiteral(&r, ParamType{c.type, false});
      ASSERT_FALSE(literal.ok()) << int(c.type) << " cut at " << n;
      EXPECT_EQ(literal.error().code, 1158);
    }
  }
}

TEST(ParamLiteral, UnknownTypeIsWrongArguments) {
  WireReader r("\x01");
  Result<std::string> literal = ReadParamLiteral(&r, ParamType{static_cast<FieldType>(100), false});
  ASSERT_FALSE(literal.ok());
  EXPECT_EQ(literal.error().code, 1210);
}

// ---- binary rows ----------------------------------------------------------

Field Col(FieldType type, uint16_t flags = 0, uint8_t decimals = 0) {
  Field f;
  f.name = "c";
  f.type = type;
  f.flags = flags;
  f.decimals = decimals;
  return f;
}

TEST(BinaryRow, EveryTypeRoundTrips) {
  std::vector<Field> fields = {
      Col(FieldType::kTiny),
      Col(FieldType::kTiny, field_flag::kUnsigned),
      Col(FieldType::kShort),
      Col(FieldType::kYear, field_flag::kUnsigned),
      Col(FieldType::kInt24),
      Col(FieldType::kLong, field_flag::kUnsigned),
      Col(FieldType::kLongLong),
      Col(FieldType::kLongLong, field_flag::kUnsigned),
      Col(FieldType::kFloat),
      Col(FieldType::kDouble),
      Col(FieldType::kNewDecimal),
      Col(FieldType::kDate),
      Col(FieldType::kDateTime, 0, 6),
      Col(FieldType::kTimestamp),
      Col(FieldType::kTime, 0, 3),
      Col(FieldType::kVarString),
      Col(FieldType::kBlob),
      Col(FieldType::kJson),
      Col(FieldType::kBit),
      Col(FieldType::kNull),
      Col(FieldType::kVarString),
  };
  Row row = {std::string("-128"),
             std::string("255"),
             std::string("-32768"),
             std::string("2024"),
             std::string("-8388608"),
             std::string("4294967295"),
             std::string("-9223372036854775808"),
             std::string("18446744073709551615"),
             std::string("1.5"),
             std::string("-0.1"),
             std::string("-12345678901234567890.123"),
             std::string("2024-02-29"),
             std::string("2024-02-29 01:02:03.000004"),
             std::string("1970-01-01 00:00:01"),
             std::string("-838:59:59.500"),
             std::string("hello"),
             std::string("\x00\xff", 2),
             std::string("{\"a\": 1}"),
             std::string("\x01"),
             std::nullopt,
             std::string(300, 'x')};
  std::string payload;
  ASSERT_FALSE(EncodeBinaryRow(fields, row, &payload).has_value());
  Result<Row> back = DecodeBinaryRow(payload, fields);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, row);
}

TEST(BinaryRow, IntegersAreFixedWidthLittleEndian) {
  std::vector<Field> fields = {Col(FieldType::kShort),
                               Col(FieldType::kLongLong, field_flag::kUnsigned)};
  std::string payload;
  ASSERT_FALSE(EncodeBinaryRow(fields, {std::string("-2"), std::string("1")}, &payload));
  EXPECT_EQ(payload, std::string("\x00\x00\xfe\xff\x01\x00\x00\x00\x00\x00\x00\x00", 12));
}

TEST(BinaryRow, NullBitmapStartsAtBitTwo) {
  std::vector<Field> fields(7, Col(FieldType::kVarString));
  Row row(7, std::nullopt);
  row[0] = "a";
  std::string payload;
  ASSERT_FALSE(EncodeBinaryRow(fields, row, &payload));
  // 7 columns + 2 reserved bits: 2 bitmap bytes. Cells 1..6 are NULL: bits 3..8.
  ASSERT_GE(payload.size(), 3u);
  EXPECT_EQ(static_cast<uint8_t>(payload[1]), 0xf8);
  EXPECT_EQ(static_cast<uint8_t>(payload[2]), 0x01);
  Result<Row> back = DecodeBinaryRow(payload, fields);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, row);
}

TEST(BinaryRow, ZeroDateIsLengthZero) {
  std::vector<Field> fields = {Col(FieldType::kDateTime)};
  std::string payload;
  ASSERT_FALSE(EncodeBinaryRow(fields, {std::string("0000-00-00 00:00:00")}, &payload));
  EXPECT_EQ(payload, std::string("\x00\x00\x00", 3));
}

TEST(BinaryRow, MisfitCellIsReported) {
  struct Case {
    Field field;
    std::string text;
  };
  const Case cases[] = {
      {Col(FieldType::kLongLong), "abc"},
      {Col(FieldType::kTiny), "128"},
      {Col(FieldType::kTiny, field_flag::kUnsigned), "-1"},
      {Col(FieldType::kShort, field_flag::kUnsigned), "65536"},
      {Col(FieldType::kDouble), "1.5x"},
      {Col(FieldType::kDate), "yesterday"},
      {Col(FieldType::kTime), "noon"},
      {Col(FieldType::kNull), "x"},
  };
  for (const Case& c : cases) {
    std::vector<Field> fields = {Col(FieldType::kVarString), c.field};
    std::string payload;
    EXPECT_EQ(EncodeBinaryRow(fields, {std::string("ok"), c.text}, &payload),
              std::optional<size_t>(1))
        << c.text;
    Field as_string = AsStringColumn(c.field);
    EXPECT_EQ(as_string.type, FieldType::kVarString);
    EXPECT_EQ(as_string.flags & field_flag::kUnsigned, 0);
  }
}

TEST(BinaryRow, TruncatedOrTrailingBytesFail) {
  std::vector<Field> fields = {Col(FieldType::kLong), Col(FieldType::kDateTime),
                               Col(FieldType::kVarString), Col(FieldType::kDouble)};
  std::string payload;
  ASSERT_FALSE(EncodeBinaryRow(fields,
                               {std::string("7"), std::string("2024-01-01 10:00:00"),
                                std::string("abc"), std::string("2.5")},
                               &payload));
  for (size_t n = 0; n < payload.size(); ++n) {
    EXPECT_FALSE(DecodeBinaryRow(std::string_view(payload).substr(0, n), fields).ok()) << n;
  }
  EXPECT_FALSE(DecodeBinaryRow(payload + "x", fields).ok());
  std::string bad_header = payload;
  bad_header[0] = '\x01';
  EXPECT_FALSE(DecodeBinaryRow(bad_header, fields).ok());
}

}  // namespace
}  // namespace tessera::vtgate::mysql
