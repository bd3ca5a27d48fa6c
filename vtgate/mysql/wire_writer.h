// Append-only encoders for the protocol's basic types (fixed little-endian
// integers, length-encoded integers and strings, NUL-terminated strings).
// They append to a caller-owned buffer so responses are built in one place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tessera::vtgate::mysql {

inline void AppendFixed(std::string* out, uint64_t v, size_t bytes) {
  char buf[8];
  for (size_t i = 0; i < bytes; ++i) buf[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out->append(buf, bytes);
}
inline void AppendU8(std::string* out, uint8_t v) {
  out->push_back(static_cast<char>(v));
}
inline void AppendU16(std::string* out, uint16_t v) {
  AppendFixed(out, v, 2);
}
inline void AppendU32(std::string* out, uint32_t v) {
  AppendFixed(out, v, 4);
}

inline size_t LenencIntSize(uint64_t v) {
  if (v < 0xfb) return 1;
  if (v <= 0xffff) return 3;
  if (v <= 0xffffff) return 4;
  return 9;
}

inline void AppendLenencInt(std::string* out, uint64_t v) {
  if (v < 0xfb) {
    AppendU8(out, static_cast<uint8_t>(v));
  } else if (v <= 0xffff) {
    AppendU8(out, 0xfc);
    AppendFixed(out, v, 2);
  } else if (v <= 0xffffff) {
    AppendU8(out, 0xfd);
    AppendFixed(out, v, 3);
  } else {
    AppendU8(out, 0xfe);
    AppendFixed(out, v, 8);
  }
}

inline void AppendLenencString(std::string* out, std::string_view s) {
  AppendLenencInt(out, s.size());
  out->append(s);
}

inline void AppendNulString(std::string* out, std::string_view s) {
  out->append(s);
  out->push_back('\0');
}

}  // namespace tessera::vtgate::mysql
