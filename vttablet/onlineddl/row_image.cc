#include "vttablet/onlineddl/row_image.h"

#include "common/result_set.h"

#include <cstring>

#include <fmt/format.h>

namespace tessera::vttablet::onlineddl {
namespace {

// Binlog column type codes are MySQL's enum_field_types (FieldType).
constexpr uint8_t Code(FieldType type) {
  return static_cast<uint8_t>(type);
}

int MetadataBytes(uint8_t type) {
  switch (static_cast<FieldType>(type)) {
    case FieldType::kFloat:
    case FieldType::kDouble:
    case FieldType::kBlob:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kGeometry:
    case FieldType::kJson:
    case FieldType::kTime2:
    case FieldType::kDateTime2:
    case FieldType::kTimestamp2:
      return 1;
    case FieldType::kVarchar:
    case FieldType::kVarString:
    case FieldType::kBit:
    case FieldType::kNewDecimal:
    case FieldType::kString:
    case FieldType::kEnum:
    case FieldType::kSet:
      return 2;
    default:
      return 0;
  }
}

constexpr int kDigitsToBytes[10] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

size_t DecimalBinarySize(int precision, int scale) {
  int integer = precision - scale;
  return static_cast<size_t>((integer / 9) * 4 + kDigitsToBytes[integer % 9] + (scale / 9) * 4 +
                             kDigitsToBytes[scale % 9]);
}

uint64_t ReadLittleEndian(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

uint64_t ReadBigEndian(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

// CHAR, ENUM and SET all travel as MYSQL_TYPE_STRING with the real type and
// length packed into the two metadata bytes (lengths over 255 borrow two bits
// of the type byte).
struct StringMeta {
  uint8_t real_type;
  uint32_t length;
};

StringMeta DecodeStringMeta(const BinlogColumn& c) {
  uint8_t real_type = c.meta0;
  uint32_t length = c.meta1;
  if ((real_type & 0x30) != 0x30) {
    length |= static_cast<uint32_t>((real_type & 0x30) ^ 0x30) << 4;
    real_type |= 0x30;
  }
  return {real_type, length};
}

std::string Fraction(uint64_t value, int digits) {
  return fmt::format("{:0{}}", value, digits);
}

// Reads the fractional-seconds part stored after a TIME2/DATETIME2/TIMESTAMP2
// value; returns microseconds.
uint64_t ReadFraction(const uint8_t* p, int fsp) {
  switch ((fsp + 1) / 2) {
    case 1:
      return ReadBigEndian(p, 1) * 10000;
    case 2:
      return ReadBigEndian(p, 2) * 100;
    case 3:
      return ReadBigEndian(p, 3);
    default:
      return 0;
  }
}

std::string WithFraction(std::string text, uint64_t micros, int fsp) {
  if (fsp <= 0) return text;
  return text + "." + Fraction(micros, 6).substr(0, static_cast<size_t>(fsp));
}

std::string DecodeDecimal(const uint8_t* p, int precision, int scale) {
  size_t size = DecimalBinarySize(precision, scale);
  std::string bytes(reinterpret_cast<const char*>(p), size);
  bool negative = (static_cast<uint8_t>(bytes[0]) & 0x80) == 0;
  bytes[0] = static_cast<char>(static_cast<uint8_t>(bytes[0]) ^ 0x80);
  if (negative)
    for (auto& b : bytes) b = static_cast<char>(~static_cast<uint8_t>(b));
  const auto* q = reinterpret_cast<const uint8_t*>(bytes.data());
  int integer = precision - scale;
  std::string int_part;
  int lead = integer % 9;
  if (lead > 0) {
    int n = kDigitsToBytes[lead];
    int_part += std::to_string(ReadBigEndian(q, static_cast<size_t>(n)));
    q += n;
  }
  for (int i = 0; i < integer / 9; ++i) {
    uint64_t group = ReadBigEndian(q, 4);
    q += 4;
    int_part += int_part.empty() ? std::to_string(group) : Fraction(group, 9);
  }
  size_t first = int_part.find_first_not_of('0');
  int_part = first == std::string::npos ? "0" : int_part.substr(first);
  std::string frac_part;
  for (int i = 0; i < scale / 9; ++i) {
    frac_part += Fraction(ReadBigEndian(q, 4), 9);
    q += 4;
  }
  int tail = scale % 9;
  if (tail > 0)
    frac_part += Fraction(ReadBigEndian(q, static_cast<size_t>(kDigitsToBytes[tail])), tail);
  std::string out = (negative ? "-" : "") + int_part;
  if (!frac_part.empty()) out += "." + frac_part;
  return out;
}

class ImageReader {
 public:
  ImageReader(std::string_view data)
      : p_(reinterpret_cast<const uint8_t*>(data.data())), end_(p_ + data.size()) {}

  bool done() const { return p_ == end_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  const uint8_t* at() const { return p_; }
  void skip(size_t n) { p_ += n; }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

// Decodes (when `out` is given) or skips one non-NULL value; returns its size.
Result<size_t> ValueSize(const BinlogColumn& c, const uint8_t* p, size_t available) {
  auto need = [&](size_t n) -> Result<size_t> {
    if (n > available)
      return Error::Internal(fmt::format(
          "row image truncated: a value of type {} needs {} bytes, {} left", c.type, n, available));
    return n;
  };
  switch (static_cast<FieldType>(c.type)) {
    case FieldType::kTiny:
    case FieldType::kYear:
      return need(1);
    case FieldType::kShort:
      return need(2);
    case FieldType::kInt24:
    case FieldType::kDate:
    case FieldType::kNewDate:
    case FieldType::kTime:
      return need(3);
    case FieldType::kLong:
    case FieldType::kFloat:
    case FieldType::kTimestamp:
      return need(4);
    case FieldType::kLongLong:
    case FieldType::kDouble:
    case FieldType::kDateTime:
      return need(8);
    case FieldType::kTimestamp2:
      return need(4 + static_cast<size_t>((c.meta0 + 1) / 2));
    case FieldType::kDateTime2:
      return need(5 + static_cast<size_t>((c.meta0 + 1) / 2));
    case FieldType::kTime2:
      return need(3 + static_cast<size_t>((c.meta0 + 1) / 2));
    case FieldType::kNewDecimal:
      if (c.meta0 == 0 || c.meta1 > c.meta0)
        return Error::Internal(fmt::format("bad DECIMAL({},{}) metadata", c.meta0, c.meta1));
      return need(DecimalBinarySize(c.meta0, c.meta1));
    case FieldType::kBit:
      return need(static_cast<size_t>(c.meta1) + (c.meta0 > 0 ? 1 : 0));
    case FieldType::kVarchar:
    case FieldType::kVarString: {
      uint32_t max = c.meta0 | (static_cast<uint32_t>(c.meta1) << 8);
      size_t prefix = max < 256 ? 1 : 2;
      auto head = need(prefix);
      if (!head.ok()) return head;
      return need(prefix + ReadLittleEndian(p, prefix));
    }
    case FieldType::kBlob:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kGeometry:
    case FieldType::kJson: {
      size_t prefix = c.meta0;
      if (prefix < 1 || prefix > 4) return Error::Internal("bad BLOB length-size metadata");
      auto head = need(prefix);
      if (!head.ok()) return head;
      return need(prefix + ReadLittleEndian(p, prefix));
    }
    case FieldType::kString:
    case FieldType::kEnum:
    case FieldType::kSet: {
      StringMeta m =
          c.type == Code(FieldType::kString) ? DecodeStringMeta(c) : StringMeta{c.type, c.meta1};
      if (m.real_type == Code(FieldType::kEnum) && m.length != 1 && m.length != 2)
        return Error::Internal(fmt::format("bad ENUM pack length {}", m.length));
      if (m.real_type == Code(FieldType::kSet) && (m.length < 1 || m.length > 8))
        return Error::Internal(fmt::format("bad SET pack length {}", m.length));
      if (m.real_type == Code(FieldType::kEnum) || m.real_type == Code(FieldType::kSet))
        return need(m.length);
      size_t prefix = m.length > 255 ? 2 : 1;
      auto head = need(prefix);
      if (!head.ok()) return head;
      return need(prefix + ReadLittleEndian(p, prefix));
    }
    default:
      return Error::Internal(fmt::format("binlog column type {} is not supported", c.type));
  }
}

Cell DecodeValue(const BinlogColumn& c, const uint8_t* p, size_t size) {
  Cell cell;
  auto integer = [&](size_t width) {
    cell.kind = Cell::Kind::kInteger;
    cell.bits = ReadLittleEndian(p, width);
    cell.width = static_cast<uint8_t>(width);
  };
  auto text = [&](std::string s) {
    cell.kind = Cell::Kind::kText;
    cell.data = std::move(s);
  };
  auto bytes = [&](size_t prefix) {
    cell.kind = Cell::Kind::kBytes;
    cell.data.assign(reinterpret_cast<const char*>(p + prefix), size - prefix);
  };
  switch (static_cast<FieldType>(c.type)) {
    case FieldType::kTiny:
      integer(1);
      break;
    case FieldType::kShort:
      integer(2);
      break;
    case FieldType::kInt24:
      integer(3);
      break;
    case FieldType::kLong:
      integer(4);
      break;
    case FieldType::kLongLong:
      integer(8);
      break;
    case FieldType::kYear: {
      uint8_t y = p[0];
      text(y == 0 ? "0000" : std::to_string(1900 + y));
      break;
    }
    case FieldType::kFloat: {
      float f;
      std::memcpy(&f, p, 4);
      text(fmt::format("{}", f));
      break;
    }
    case FieldType::kDouble: {
      double d;
      std::memcpy(&d, p, 8);
      text(fmt::format("{}", d));
      break;
    }
    case FieldType::kDate:
    case FieldType::kNewDate: {
      uint64_t v = ReadLittleEndian(p, 3);
      text(fmt::format("{:04}-{:02}-{:02}", v >> 9, (v >> 5) & 15, v & 31));
      break;
    }
    case FieldType::kTimestamp:
      text(fmt::format("@{}", ReadLittleEndian(p, 4)));
      break;
    case FieldType::kDateTime: {  // pre-5.6 format: YYYYMMDDhhmmss as an integer
      uint64_t v = ReadLittleEndian(p, 8);
      uint64_t date = v / 1000000, time = v % 1000000;
      text(fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", date / 10000, (date / 100) % 100,
                       date % 100, time / 10000, (time / 100) % 100, time % 100));
      break;
    }
    case FieldType::kTime: {  // pre-5.6 format: [-]hhmmss as a signed 3-byte integer
      int64_t v = static_cast<int64_t>(ReadLittleEndian(p, 3));
      if (v & 0x800000) v -= 0x1000000;
      bool negative = v < 0;
      uint64_t u = static_cast<uint64_t>(negative ? -v : v);
      text(fmt::format("{}{:02}:{:02}:{:02}", negative ? "-" : "", u / 10000, (u / 100) % 100,
                       u % 100));
      break;
    }
    case FieldType::kTimestamp2: {
      uint64_t seconds = ReadBigEndian(p, 4);
      uint64_t micros = ReadFraction(p + 4, c.meta0);
      // '@' marks seconds since the epoch; CellLiteral turns it into FROM_UNIXTIME.
      text(WithFraction(fmt::format("@{}", seconds), micros, c.meta0));
      break;
    }
    case FieldType::kDateTime2: {
      int64_t v = static_cast<int64_t>(ReadBigEndian(p, 5)) - 0x8000000000LL;
      uint64_t packed = static_cast<uint64_t>(v);
      uint64_t ymd = packed >> 17, ym = ymd >> 5, hms = packed & 0x1FFFF;
      text(WithFraction(fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", ym / 13, ym % 13,
                                    ymd & 31, hms >> 12, (hms >> 6) & 63, hms & 63),
                        ReadFraction(p + 5, c.meta0), c.meta0));
      break;
    }
    case FieldType::kTime2: {
      // Packed as (seconds part << 24 | microseconds), stored with an offset;
      // negative values borrow from the integer part.
      int fsp = c.meta0;
      int64_t packed = 0;
      switch ((fsp + 1) / 2) {
        case 0:
          packed = (static_cast<int64_t>(ReadBigEndian(p, 3)) - 0x800000) << 24;
          break;
        case 1: {
          int64_t whole = static_cast<int64_t>(ReadBigEndian(p, 3)) - 0x800000;
          int64_t frac = p[3];
          if (whole < 0 && frac != 0) {
            ++whole;
            frac -= 0x100;
          }
          packed = whole * (int64_t{1} << 24) + frac * 10000;
          break;
        }
        case 2: {
          int64_t whole = static_cast<int64_t>(ReadBigEndian(p, 3)) - 0x800000;
          int64_t frac = static_cast<int64_t>(ReadBigEndian(p + 3, 2));
          if (whole < 0 && frac != 0) {
            ++whole;
            frac -= 0x10000;
          }
          packed = whole * (int64_t{1} << 24) + frac * 100;
          break;
        }
        default:
          packed = static_cast<int64_t>(ReadBigEndian(p, 6)) - 0x800000000000LL;
          break;
      }
      bool negative = packed < 0;
      uint64_t magnitude = static_cast<uint64_t>(negative ? -packed : packed);
      uint64_t hms = magnitude >> 24, micros = magnitude & 0xFFFFFF;
      text(WithFraction(fmt::format("{}{:02}:{:02}:{:02}", negative ? "-" : "", (hms >> 12) & 1023,
                                    (hms >> 6) & 63, hms & 63),
                        micros, fsp));
      break;
    }
    case FieldType::kNewDecimal:
      text(DecodeDecimal(p, c.meta0, c.meta1));
      break;
    case FieldType::kBit:
      bytes(0);
      break;
    case FieldType::kVarchar:
    case FieldType::kVarString: {
      uint32_t max = c.meta0 | (static_cast<uint32_t>(c.meta1) << 8);
      bytes(max < 256 ? 1 : 2);
      break;
    }
    case FieldType::kBlob:
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kGeometry:
    case FieldType::kJson:
      bytes(c.meta0);
      break;
    case FieldType::kString:
    case FieldType::kEnum:
    case FieldType::kSet: {
      StringMeta m =
          c.type == Code(FieldType::kString) ? DecodeStringMeta(c) : StringMeta{c.type, c.meta1};
      if (m.real_type == Code(FieldType::kEnum) || m.real_type == Code(FieldType::kSet)) {
        integer(m.length);
        cell.never_signed = true;
      } else {
        bytes(m.length > 255 ? 2 : 1);
      }
      break;
    }
    default:
      break;
  }
  return cell;
}

// Metadata that no server writes is refused up front, whether or not a value
// of the column ever needs decoding.
Status CheckColumn(const BinlogColumn& c) {
  if (c.type == Code(FieldType::kString) || c.type == Code(FieldType::kEnum) ||
      c.type == Code(FieldType::kSet)) {
    StringMeta m =
        c.type == Code(FieldType::kString) ? DecodeStringMeta(c) : StringMeta{c.type, c.meta1};
    if (m.real_type == Code(FieldType::kEnum) && m.length != 1 && m.length != 2)
      return Error::Internal(fmt::format("bad ENUM pack length {}", m.length));
    if (m.real_type == Code(FieldType::kSet) && (m.length < 1 || m.length > 8))
      return Error::Internal(fmt::format("bad SET pack length {}", m.length));
  }
  return Status::Ok();
}

bool BitSet(std::string_view bitmap, size_t i) {
  return (static_cast<uint8_t>(bitmap[i / 8]) >> (i % 8)) & 1;
}

}  // namespace

Result<std::vector<BinlogColumn>> ParseTableMapColumns(std::string_view types,
                                                       std::string_view metadata) {
  std::vector<BinlogColumn> columns;
  columns.reserve(types.size());
  size_t m = 0;
  for (char t : types) {
    BinlogColumn c;
    c.type = static_cast<uint8_t>(t);
    int n = MetadataBytes(c.type);
    if (m + static_cast<size_t>(n) > metadata.size())
      return Error::Internal("TABLE_MAP metadata is shorter than its column types need");
    if (n >= 1) c.meta0 = static_cast<uint8_t>(metadata[m]);
    if (n == 2) c.meta1 = static_cast<uint8_t>(metadata[m + 1]);
    m += static_cast<size_t>(n);
    columns.push_back(c);
  }
  return columns;
}

Result<std::vector<std::vector<Cell>>> DecodeRowImages(const std::vector<BinlogColumn>& columns,
                                                       std::string_view present_bitmap,
                                                       std::string_view rows,
                                                       const std::vector<size_t>& wanted) {
  size_t n = columns.size();
  if (present_bitmap.size() < (n + 7) / 8)
    return Error::Internal("ROWS event column bitmap is shorter than the table");
  for (const auto& c : columns) {
    Status ok = CheckColumn(c);
    if (!ok.ok()) return ok.error();
  }
  std::vector<int> slot(n, -1);  // column -> index in `wanted`
  for (size_t w = 0; w < wanted.size(); ++w) {
    if (wanted[w] >= n || !BitSet(present_bitmap, wanted[w]))
      return Error::Internal(fmt::format("column {} is not in the row image", wanted[w]));
    slot[wanted[w]] = static_cast<int>(w);
  }
  size_t present = 0;
  for (size_t i = 0; i < n; ++i) present += BitSet(present_bitmap, i) ? 1 : 0;
  size_t null_bytes = (present + 7) / 8;
  if (present == 0 && !rows.empty())
    return Error::Internal("ROWS event carries row data but no columns");

  std::vector<std::vector<Cell>> images;
  ImageReader in(rows);
  while (!in.done()) {
    if (in.remaining() < null_bytes)
      return Error::Internal("row image truncated in its null bitmap");
    std::string_view nulls(reinterpret_cast<const char*>(in.at()), null_bytes);
    in.skip(null_bytes);
    std::vector<Cell> image(wanted.size());
    size_t k = 0;  // index among present columns
    for (size_t i = 0; i < n; ++i) {
      if (!BitSet(present_bitmap, i)) continue;
      bool is_null = BitSet(nulls, k++);
      if (is_null) continue;
      auto size = ValueSize(columns[i], in.at(), in.remaining());
      if (!size.ok()) return std::move(size).error();
      if (slot[i] >= 0)
        image[static_cast<size_t>(slot[i])] = DecodeValue(columns[i], in.at(), size.value());
      in.skip(size.value());
    }
    images.push_back(std::move(image));
  }
  return images;
}

std::string CellLiteral(const Cell& cell, const KeyColumnFormat& format) {
  switch (cell.kind) {
    case Cell::Kind::kNull:
      return "NULL";
    case Cell::Kind::kInteger: {
      if (format.is_unsigned || cell.never_signed) return std::to_string(cell.bits);
      unsigned shift = 64 - 8u * cell.width;
      int64_t v = static_cast<int64_t>(cell.bits << shift) >> shift;
      return std::to_string(v);
    }
    case Cell::Kind::kText: {
      if (!cell.data.empty() && cell.data[0] == '@')
        return "FROM_UNIXTIME(" + cell.data.substr(1) + ")";
      return "'" + cell.data + "'";
    }
    case Cell::Kind::kBytes: {
      std::string hex;
      hex.reserve(cell.data.size() * 2);
      static constexpr char kDigits[] = "0123456789ABCDEF";
      for (unsigned char ch : cell.data) {
        hex += kDigits[ch >> 4];
        hex += kDigits[ch & 15];
      }
      std::string literal = "X'" + hex + "'";
      if (!format.charset.empty() && format.charset != "binary")
        literal = "_" + format.charset + " " + literal;
      return literal;
    }
  }
  return "NULL";
}

}  // namespace tessera::vttablet::onlineddl
