#include "vtgate/mysql/binary_row.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "vtgate/mysql/binary_temporal.h"
#include "vtgate/mysql/wire_reader.h"
#include "vtgate/mysql/wire_writer.h"

namespace tessera::vtgate::mysql {
namespace {

constexpr size_t kNullBitmapOffset = 2;

// Width in bytes of an integer column type, 0 for other types.
size_t IntegerWidth(FieldType type) {
  switch (type) {
    case FieldType::kTiny:
      return 1;
    case FieldType::kShort:
    case FieldType::kYear:
      return 2;
    case FieldType::kLong:
    case FieldType::kInt24:
      return 4;
    case FieldType::kLongLong:
      return 8;
    default:
      return 0;
  }
}

bool AppendInteger(std::string_view text, size_t width, bool is_unsigned, std::string* out) {
  const char* end = text.data() + text.size();
  if (is_unsigned) {
    uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || ptr != end) return false;
    if (width < 8 && v >> (8 * width) != 0) return false;
    AppendFixed(out, v, width);
    return true;
  }
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return false;
  if (width < 8) {
    int64_t limit = int64_t{1} << (8 * width - 1);
    if (v < -limit || v >= limit) return false;
  }
  AppendFixed(out, static_cast<uint64_t>(v), width);
  return true;
}

template <class Floating>
bool ParseFloating(std::string_view text, Floating* v) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *v);
  return ec == std::errc() && ptr == end;
}

bool AppendCell(const Field& field, std::string_view text, std::string* out) {
  if (size_t width = IntegerWidth(field.type); width != 0) {
    return AppendInteger(text, width, (field.flags & field_flag::kUnsigned) != 0, out);
  }
  switch (field.type) {
    case FieldType::kFloat: {
      float v = 0;
      if (!ParseFloating(text, &v)) return false;
      AppendU32(out, std::bit_cast<uint32_t>(v));
      return true;
    }
    case FieldType::kDouble: {
      double v = 0;
      if (!ParseFloating(text, &v)) return false;
      AppendFixed(out, std::bit_cast<uint64_t>(v), 8);
      return true;
    }
    case FieldType::kDate:
    case FieldType::kNewDate:
    case FieldType::kDateTime:
    case FieldType::kTimestamp: {
      auto v = ParseDateTime(text);
      if (!v) return false;
      AppendBinaryDateTime(*v, out);
      return true;
    }
    case FieldType::kTime: {
      auto v = ParseTime(text);
      if (!v) return false;
      AppendBinaryTime(*v, out);
      return true;
    }
    case FieldType::kNull:
      return false;  // a NULL-typed column holds only NULLs
    default:
      AppendLenencString(out, text);
      return true;
  }
}

int FractionDigits(const Field& field) {
  return field.decimals >= 1 && field.decimals <= 6 ? field.decimals : -1;
}

bool ReadCell(const Field& field, WireReader* r, std::string* text) {
  if (size_t width = IntegerWidth(field.type); width != 0) {
    uint64_t raw = 0;
    if (!r->ReadFixed(width, &raw)) return false;
    if (field.flags & field_flag::kUnsigned) {
      *text = fmt::format("{}", raw);
    } else {
      // Sign-extend from `width` bytes.
      unsigned shift = static_cast<unsigned>(64 - 8 * width);
      *text = fmt::format("{}", static_cast<int64_t>(raw << shift) >> shift);
    }
    return true;
  }
  switch (field.type) {
    case FieldType::kFloat: {
      uint32_t bits = 0;
      if (!r->Read(&bits)) return false;
      *text = fmt::format("{}", std::bit_cast<float>(bits));
      return true;
    }
    case FieldType::kDouble: {
      uint64_t bits = 0;
      if (!r->Read(&bits)) return false;
      *text = fmt::format("{}", std::bit_cast<double>(bits));
      return true;
    }
    case FieldType::kDate:
    case FieldType::kNewDate: {
      DateTimeValue v;
      if (!ReadBinaryDateTime(r, &v)) return false;
      *text = FormatDate(v);
      return true;
    }
    case FieldType::kDateTime:
    case FieldType::kTimestamp: {
      DateTimeValue v;
      if (!ReadBinaryDateTime(r, &v)) return false;
      *text = FormatDateTime(v, FractionDigits(field));
      return true;
    }
    case FieldType::kTime: {
      TimeValue v;
      if (!ReadBinaryTime(r, &v)) return false;
      *text = FormatTime(v, FractionDigits(field));
      return true;
    }
    case FieldType::kNull:
      return false;
    default: {
      std::string_view s;
      if (!r->ReadLenencString(&s)) return false;
      *text = s;
      return true;
    }
  }
}

}  // namespace

std::optional<size_t> EncodeBinaryRow(const std::vector<Field>& fields, const Row& row,
                                      std::string* out) {
  AppendU8(out, 0x00);
  size_t bitmap_at = out->size();
  out->append((fields.size() + 7 + kNullBitmapOffset) / 8, '\0');
  for (size_t i = 0; i < fields.size(); ++i) {
    const Value& cell = i < row.size() ? row[i] : Value();
    if (!cell) {
      size_t bit = i + kNullBitmapOffset;
      (*out)[bitmap_at + bit / 8] =
          static_cast<char>((*out)[bitmap_at + bit / 8] | (1 << (bit % 8)));
      continue;
    }
    if (!AppendCell(fields[i], *cell, out)) return i;
  }
  return std::nullopt;
}

Field AsStringColumn(Field field) {
  field.type = FieldType::kVarString;
  field.flags &= static_cast<uint16_t>(~(field_flag::kUnsigned | field_flag::kZeroFill));
  return field;
}

Result<Row> DecodeBinaryRow(std::string_view payload, const std::vector<Field>& fields) {
  auto malformed = [] { return Error::Make(mysql_errno::kNetReadError, "Malformed binary row"); };
  WireReader r(payload);
  uint8_t header = 0;
  std::string_view bitmap;
  if (!r.Read(&header) || header != 0x00 ||
      !r.ReadBytes((fields.size() + 7 + kNullBitmapOffset) / 8, &bitmap)) {
    return malformed();
  }
  Row row;
  row.reserve(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    size_t bit = i + kNullBitmapOffset;
    if ((static_cast<uint8_t>(bitmap[bit / 8]) >> (bit % 8)) & 1) {
      row.emplace_back(std::nullopt);
      continue;
    }
    std::string text;
    if (!ReadCell(fields[i], &r, &text)) return malformed();
    row.emplace_back(std::move(text));
  }
  if (!r.empty()) return malformed();
  return row;
}

}  // namespace tessera::vtgate::mysql
