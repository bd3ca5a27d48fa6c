// WireReader: a bounds-checked cursor over one packet payload. Every read
// returns false (and consumes nothing) when the payload is too short, so
// decoders never read outside the buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tessera::vtgate::mysql {

class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}

  size_t remaining() const { return data_.size() - pos_; }
  bool empty() const { return remaining() == 0; }

  bool Peek(uint8_t* out) const {
    if (empty()) return false;
    *out = static_cast<uint8_t>(data_[pos_]);
    return true;
  }

  // Fixed-width little-endian unsigned integer of `bytes` bytes (1..8).
  bool ReadFixed(size_t bytes, uint64_t* out) {
    if (remaining() < bytes) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < bytes; ++i) {
      v |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    }
    pos_ += bytes;
    *out = v;
    return true;
  }
  template <class T>
  bool Read(T* out) {
    uint64_t v = 0;
    if (!ReadFixed(sizeof(T), &v)) return false;
    *out = static_cast<T>(v);
    return true;
  }

  // Length-encoded integer. 0xfb (NULL) and 0xff are not integers: false.
  bool ReadLenencInt(uint64_t* out) {
    uint8_t first = 0;
    if (!Peek(&first)) return false;
    size_t width = 0;
    switch (first) {
      case 0xfc:
        width = 2;
        break;
      case 0xfd:
        width = 3;
        break;
      case 0xfe:
        width = 8;
        break;
      case 0xfb:
      case 0xff:
        return false;
      default:
        *out = first;
        ++pos_;
        return true;
    }
    if (remaining() < 1 + width) return false;
    ++pos_;
    return ReadFixed(width, out);
  }

  bool ReadBytes(size_t n, std::string_view* out) {
    if (remaining() < n) return false;
    *out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }

  bool ReadLenencString(std::string_view* out) {
    size_t saved = pos_;
    uint64_t n = 0;
    if (!ReadLenencInt(&n) || n > remaining()) {
      pos_ = saved;
      return false;
    }
    return ReadBytes(static_cast<size_t>(n), out);
  }

  // A string ended by NUL; the NUL is consumed and not returned.
  bool ReadNulString(std::string_view* out) {
    const void* nul = std::memchr(data_.data() + pos_, 0, remaining());
    if (nul == nullptr) return false;
    size_t n = static_cast<const char*>(nul) - (data_.data() + pos_);
    *out = data_.substr(pos_, n);
    pos_ += n + 1;
    return true;
  }

  // A NUL-terminated string that may also end at the end of the payload.
  std::string_view ReadNulOrRest() {
    std::string_view s;
    if (ReadNulString(&s)) return s;
    return ReadRest();
  }

  std::string_view ReadRest() {
    std::string_view s = data_.substr(pos_);
    pos_ = data_.size();
    return s;
  }

  bool Skip(size_t n) {
    if (remaining() < n) return false;
    pos_ += n;
    return true;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace tessera::vtgate::mysql
