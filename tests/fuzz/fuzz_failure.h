// FuzzFailure: how a fuzz target reports a broken contract. It prints what
// was violated and the texts involved (escaped, so binary input stays
// readable), then aborts; libFuzzer turns the abort into a crash report and
// writes the input to crash-<sha1>.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace tessera::fuzz {

// `text` as a C string literal body: printable ASCII as is, the rest escaped.
inline std::string Escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      default:
        if (u >= 0x20 && u < 0x7f) {
          out.push_back(c);
        } else {
          char hex[8];
          std::snprintf(hex, sizeof(hex), "\\x%02x", u);
          out += hex;
        }
    }
  }
  return out;
}

using Detail = std::pair<std::string_view, std::string_view>;

[[noreturn]] inline void FuzzFailure(std::string_view what, std::initializer_list<Detail> details) {
  std::fprintf(stderr, "\n==== fuzz contract violated: %.*s\n", static_cast<int>(what.size()),
               what.data());
  for (const auto& [name, text] : details) {
    const std::string escaped = Escaped(text);
    std::fprintf(stderr, "  %.*s: \"%s\"\n", static_cast<int>(name.size()), name.data(),
                 escaped.c_str());
  }
  std::fflush(stderr);
  std::abort();
}

}  // namespace tessera::fuzz
