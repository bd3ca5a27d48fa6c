// Utf8Sequence: the length and code point of one UTF-8 character of a
// text, for FastLexer's scanner, StatementCharStream and MapRawBytes, which
// count a text in code points; Utf8ByteOffset: where a code point starts.
//
// Contract:
// - Only a valid sequence counts: shortest form, no surrogate, at most
//   U+10FFFF. For anything else the length is 0 and `code_point` is left
//   as it was.
// - `i` is an offset inside `s`; a sequence running past the end of `s` is
//   not valid.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tessera::sql::transform {

// Length of the valid UTF-8 sequence at `i` and its code point; 0 when there
// is none.
inline size_t Utf8Sequence(std::string_view s, size_t i, uint32_t& code_point) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = at(i);
  if (c < 0x80) {
    code_point = c;
    return 1;
  }
  const size_t n = c >= 0xC2 && c <= 0xDF   ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
  if (n == 0 || i + n > s.size()) return 0;
  uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) {
    if ((at(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (at(i + k) & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  code_point = cp;
  return n;
}

// Byte offset in `text` of code point number `index`, counting each lead
// byte's sequence length as given (the text's size when past its end). For
// ANTLR positions, which count code points.
inline size_t Utf8ByteOffset(std::string_view text, size_t index) {
  size_t i = 0;
  for (size_t seen = 0; i < text.size() && seen < index; ++seen) {
    const auto c = static_cast<unsigned char>(text[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  return i < text.size() ? i : text.size();
}

}  // namespace tessera::sql::transform
