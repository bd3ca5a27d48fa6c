#include "sqlparser/transform/raw_bytes.h"

#include <cstdint>

#include "sqlparser/transform/utf8_sequence.h"

namespace tessera::sql {

namespace {

constexpr uint32_t kFirstMapped = 0x10FF80;  // byte 0x80

void AppendUtf8(uint32_t cp, std::string& out) {
  out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

}  // namespace

std::optional<std::string> MapRawBytes(std::string_view text) {
  bool needed = false;
  for (size_t i = 0; i < text.size() && !needed;) {
    uint32_t cp = 0;
    size_t n = transform::Utf8Sequence(text, i, cp);
    needed = n == 0 || cp >= kFirstMapped;
    i += n == 0 ? 1 : n;
  }
  if (!needed) return std::nullopt;
  std::string out;
  out.reserve(text.size() * 2);
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    size_t n = transform::Utf8Sequence(text, i, cp);
    if (n == 0 || cp >= kFirstMapped) {
      // A raw byte, or a character of the mapped range itself, byte by byte
      // (so that restoring gives it back).
      for (size_t k = 0; k < (n == 0 ? 1 : n); ++k)
        AppendUtf8(kFirstMapped + (static_cast<unsigned char>(text[i + k]) - 0x80), out);
      i += n == 0 ? 1 : n;
      continue;
    }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

void RestoreRawBytes(std::string& value) {
  // U+10FF80..U+10FFFF is F4 8F BE 80 .. F4 8F BF BF.
  if (value.find("\xF4\x8F") == std::string::npos) return;
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size();) {
    if (i + 3 < value.size() && value[i] == '\xF4' && value[i + 1] == '\x8F' &&
        (value[i + 2] == '\xBE' || value[i + 2] == '\xBF')) {
      const auto b2 = static_cast<unsigned char>(value[i + 2]);
      const auto b3 = static_cast<unsigned char>(value[i + 3]);
      out.push_back(static_cast<char>(0x80 + ((b2 & 0x01) << 6) + (b3 & 0x3F)));
      i += 4;
      continue;
    }
    out.push_back(value[i++]);
  }
  value = std::move(out);
}

}  // namespace tessera::sql
