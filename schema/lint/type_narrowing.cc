#include "schema/lint/type_narrowing.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "schema/model/charset.h"

namespace tessera::schema {

namespace {
// Integer types: decimal digits of the largest value and bits of storage.
struct IntegerInfo {
  std::string_view name;
  int rank;
  uint32_t digits;
  int bits;
};
constexpr std::array<IntegerInfo, 5> kIntegers = {{
    {"tinyint", 1, 3, 8},
    {"smallint", 2, 5, 16},
    {"mediumint", 3, 8, 24},
    {"int", 4, 10, 32},
    {"bigint", 5, 20, 64},
}};

const IntegerInfo* Integer(std::string_view type) {
  for (const auto& i : kIntegers) {
    if (i.name == type) return &i;
  }
  return nullptr;
}

// Capacity of string types: characters for char/varchar, bytes otherwise
// (converted to characters of the column's charset for TEXT).
std::optional<uint64_t> TextCapacity(const Column& c) {
  if (c.type == "char" || c.type == "varchar") return c.length.value_or(1);
  static constexpr std::array<std::pair<std::string_view, uint64_t>, 4> kTexts = {
      {{"tinytext", 255}, {"text", 65535}, {"mediumtext", 16777215}, {"longtext", 4294967295ULL}}};
  for (const auto& [name, bytes] : kTexts) {
    if (name == c.type)
      return bytes / static_cast<uint64_t>(std::max(1, MaxBytesPerChar(c.charset)));
  }
  return std::nullopt;
}

std::optional<uint64_t> BinaryCapacity(const Column& c) {
  if (c.type == "binary" || c.type == "varbinary") return c.length.value_or(1);
  static constexpr std::array<std::pair<std::string_view, uint64_t>, 4> kBlobs = {
      {{"tinyblob", 255}, {"blob", 65535}, {"mediumblob", 16777215}, {"longblob", 4294967295ULL}}};
  for (const auto& [name, bytes] : kBlobs) {
    if (name == c.type) return bytes;
  }
  return std::nullopt;
}

int TemporalRank(std::string_view type) {
  if (type == "date") return 1;
  if (type == "timestamp") return 2;  // a narrower range than datetime
  if (type == "datetime") return 3;
  return 0;
}

std::string Describe(const Column& c) {
  return c.TypeSql();
}

std::optional<std::string> Reason(const Column& from, const Column& to, const char* why) {
  return Describe(from) + " -> " + Describe(to) + " (" + why + ")";
}
}  // namespace

std::optional<std::string> NarrowingReason(const Column& from, const Column& to) {
  if (from.type == to.type && from.length == to.length && from.scale == to.scale &&
      from.values == to.values && from.is_unsigned == to.is_unsigned) {
    return std::nullopt;
  }
  const IntegerInfo* fi = Integer(from.type);
  const IntegerInfo* ti = Integer(to.type);
  if (fi && ti) {
    if (!from.is_unsigned && to.is_unsigned) return Reason(from, to, "negative values are lost");
    if (ti->rank < fi->rank) return Reason(from, to, "smaller integer");
    if (from.is_unsigned && !to.is_unsigned && ti->rank == fi->rank) {
      return Reason(from, to, "unsigned values above the signed maximum are lost");
    }
    return std::nullopt;
  }
  if ((fi || from.type == "decimal") && to.type == "decimal") {
    const uint32_t from_int = fi ? fi->digits : *from.length - *from.scale;
    const uint32_t from_scale = fi ? 0 : *from.scale;
    if (*to.length - *to.scale < from_int) return Reason(from, to, "fewer integer digits");
    if (*to.scale < from_scale) return Reason(from, to, "fewer decimal places");
    if (!from.is_unsigned && to.is_unsigned) return Reason(from, to, "negative values are lost");
    return std::nullopt;
  }
  if (from.type == "decimal" && ti) {
    if (*from.scale > 0) return Reason(from, to, "decimal places are lost");
    if (*from.length > ti->digits - 1) return Reason(from, to, "fewer integer digits");
    if (!from.is_unsigned && to.is_unsigned) return Reason(from, to, "negative values are lost");
    return std::nullopt;
  }
  if (from.type == "float" && to.type == "double") return std::nullopt;
  if (fi && (to.type == "float" || to.type == "double")) {
    const int mantissa = to.type == "float" ? 24 : 53;
    if (fi->bits > mantissa) return Reason(from, to, "integers lose precision");
    return std::nullopt;
  }
  if (from.type == to.type && (from.type == "float" || from.type == "double")) {
    if (to.length && (!from.length || *to.length < *from.length)) {
      return Reason(from, to, "less precision");
    }
    return std::nullopt;
  }
  if (auto ft = TextCapacity(from), tt = TextCapacity(to); ft && tt) {
    if (*tt < *ft) return Reason(from, to, "shorter string");
    return std::nullopt;
  }
  if (auto fb = BinaryCapacity(from), tb = BinaryCapacity(to); fb && tb) {
    if (*tb < *fb) return Reason(from, to, "shorter binary string");
    return std::nullopt;
  }
  if ((from.type == "enum" || from.type == "set") && from.type == to.type) {
    for (const auto& v : from.values) {
      if (std::find(to.values.begin(), to.values.end(), v) == to.values.end()) {
        return Reason(from, to, "members removed");
      }
    }
    return std::nullopt;
  }
  if (from.type == "bit" && to.type == "bit") {
    if (to.length.value_or(1) < from.length.value_or(1)) return Reason(from, to, "fewer bits");
    return std::nullopt;
  }
  if (from.type == to.type &&
      (from.type == "time" || from.type == "datetime" || from.type == "timestamp")) {
    if (to.length.value_or(0) < from.length.value_or(0)) {
      return Reason(from, to, "fewer fractional-second digits");
    }
    return std::nullopt;
  }
  if (TemporalRank(from.type) && TemporalRank(to.type)) {
    if (TemporalRank(to.type) < TemporalRank(from.type)) return Reason(from, to, "narrower range");
    if (to.length.value_or(0) < from.length.value_or(0)) {
      return Reason(from, to, "fewer fractional-second digits");
    }
    return std::nullopt;
  }
  return Reason(from, to, "values are converted to another type");
}

}  // namespace tessera::schema
