// WireWriter: appends little-endian integers and length-prefixed strings to a
// caller-owned buffer. The building block of every tablet RPC encoder.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/result_set.h"

namespace tessera::rpc {

// Length value that marks a NULL cell on the wire.
inline constexpr uint32_t kNullLength = 0xFFFFFFFFu;

class WireWriter {
 public:
  explicit WireWriter(std::string& out) : out_(out) {}

  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Int(v); }
  void U32(uint32_t v) { Int(v); }
  void U64(uint64_t v) { Int(v); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  void Bytes(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  void Cell(const Value& v) {
    if (!v) {
      U32(kNullLength);
      return;
    }
    Bytes(*v);
  }

 private:
  template <class T>
  void Int(T v) {
    static_assert(std::endian::native == std::endian::little, "little-endian hosts only");
    char bytes[sizeof(T)];
    std::memcpy(bytes, &v, sizeof(T));
    out_.append(bytes, sizeof(T));
  }

  std::string& out_;
};

}  // namespace tessera::rpc
