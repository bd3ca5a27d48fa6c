// WireReader: bounds-checked reads of little-endian integers and
// length-prefixed strings from an untrusted payload. Every read returns false
// instead of reading past the end; lengths are checked against the bytes that
// remain before anything is allocated.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/result_set.h"
#include "common/rpc/wire_writer.h"

namespace tessera::rpc {

class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}

  bool U8(uint8_t& v) { return Int(v); }
  bool U16(uint16_t& v) { return Int(v); }
  bool U32(uint32_t& v) { return Int(v); }
  bool U64(uint64_t& v) { return Int(v); }
  bool Bool(bool& v) {
    uint8_t b = 0;
    if (!U8(b) || b > 1) return false;
    v = b == 1;
    return true;
  }
  bool Bytes(std::string& v) {
    uint32_t len = 0;
    if (!U32(len) || len > remaining()) return false;
    v.assign(data_.data() + pos_, len);
    pos_ += len;
    return true;
  }
  bool Cell(Value& v) {
    uint32_t len = 0;
    if (!U32(len)) return false;
    if (len == kNullLength) {
      v.reset();
      return true;
    }
    if (len > remaining()) return false;
    v.emplace(data_.data() + pos_, len);
    pos_ += len;
    return true;
  }

  size_t remaining() const { return data_.size() - pos_; }
  bool at_end() const { return pos_ == data_.size(); }

 private:
  template <class T>
  bool Int(T& v) {
    static_assert(std::endian::native == std::endian::little, "little-endian hosts only");
    if (remaining() < sizeof(T)) return false;
    std::memcpy(&v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }

  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace tessera::rpc
