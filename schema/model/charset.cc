#include "schema/model/charset.h"

#include <array>
#include <utility>

#include "common/ascii.h"

namespace tessera::schema {

namespace {
// Charsets whose default collation is not "<charset>_general_ci".
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kDefaultCollations = {{
    {"big5", "big5_chinese_ci"},
    {"dec8", "dec8_swedish_ci"},
    {"hp8", "hp8_english_ci"},
    {"latin1", "latin1_swedish_ci"},
    {"swe7", "swe7_swedish_ci"},
    {"ujis", "ujis_japanese_ci"},
    {"sjis", "sjis_japanese_ci"},
    {"tis620", "tis620_thai_ci"},
    {"euckr", "euckr_korean_ci"},
    {"gb2312", "gb2312_chinese_ci"},
    {"gbk", "gbk_chinese_ci"},
    {"latin5", "latin5_turkish_ci"},
    {"binary", "binary"},
    {"cp932", "cp932_japanese_ci"},
    {"eucjpms", "eucjpms_japanese_ci"},
    {"gb18030", "gb18030_chinese_ci"},
}};

constexpr std::array<std::pair<std::string_view, int>, 14> kMaxBytes = {{
    {"utf8mb4", 4},
    {"utf8mb3", 3},
    {"utf16", 4},
    {"utf16le", 4},
    {"utf32", 4},
    {"ucs2", 2},
    {"big5", 2},
    {"gbk", 2},
    {"gb2312", 2},
    {"sjis", 2},
    {"cp932", 2},
    {"euckr", 2},
    {"ujis", 3},
    {"eucjpms", 3},
}};
}  // namespace

std::string CanonicalCharset(std::string_view charset) {
  std::string c = AsciiLower(charset);
  return c == "utf8" ? "utf8mb3" : c;
}

std::string CanonicalCollation(std::string_view collation) {
  std::string c = AsciiLower(collation);
  if (c.starts_with("utf8_")) c.insert(4, "mb3");
  return c;
}

std::string DefaultCollation(std::string_view charset) {
  const std::string c = CanonicalCharset(charset);
  if (c.empty()) return c;
  for (const auto& [name, collation] : kDefaultCollations) {
    if (name == c) return std::string(collation);
  }
  return c + "_general_ci";
}

std::string CharsetOfCollation(std::string_view collation) {
  const std::string c = CanonicalCollation(collation);
  const size_t underscore = c.find('_');
  return underscore == std::string::npos ? c : c.substr(0, underscore);
}

int MaxBytesPerChar(std::string_view charset) {
  const std::string c = CanonicalCharset(charset);
  for (const auto& [name, bytes] : kMaxBytes) {
    if (name == c) return bytes;
  }
  // Single-byte charsets: latin*, cp125x, ascii, koi8*, greek, hebrew, binary, ...
  return c.empty() ? 0 : 1;
}

}  // namespace tessera::schema
