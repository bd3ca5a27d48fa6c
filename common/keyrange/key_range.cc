#include "common/keyrange/key_range.h"

#include <algorithm>

namespace tessera {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> DecodeHex(std::string_view hex, std::string_view shard_name) {
  if (hex.size() % 2 != 0) {
    return Error::Internal("shard \"" + std::string(shard_name) + "\": key range bound \"" +
                           std::string(hex) + "\" needs an even number of hex digits");
  }
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexDigit(hex[i]);
    int lo = HexDigit(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return Error::Internal("shard \"" + std::string(shard_name) + "\": \"" + std::string(hex) +
                             "\" is not hexadecimal");
    }
    bytes.push_back(static_cast<char>(hi * 16 + lo));
  }
  return bytes;
}

std::string EncodeHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

// Unsigned byte-wise three-way comparison.
int CompareBytes(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    auto x = static_cast<unsigned char>(a[i]);
    auto y = static_cast<unsigned char>(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

std::string_view StripTrailingZeros(std::string_view s) {
  while (!s.empty() && s.back() == '\0') s.remove_suffix(1);
  return s;
}

// Compares two boundaries, ignoring trailing zero bytes. An empty `end` bound
// means +infinity, so callers compare ends and starts separately.
int CompareBound(std::string_view a, std::string_view b) {
  return CompareBytes(StripTrailingZeros(a), StripTrailingZeros(b));
}

}  // namespace

Result<KeyRange> KeyRange::Parse(std::string_view shard_name) {
  if (shard_name == "0" || shard_name == "-") return KeyRange{};
  size_t dash = shard_name.find('-');
  if (dash == std::string_view::npos || shard_name.find('-', dash + 1) != std::string_view::npos) {
    return Error::Internal(
        "shard \"" + std::string(shard_name) +
        "\" is not a key range (expected \"0\", \"-80\", \"80-\", \"40-80\", ...)");
  }
  auto start = DecodeHex(shard_name.substr(0, dash), shard_name);
  if (!start.ok()) return start.error();
  auto end = DecodeHex(shard_name.substr(dash + 1), shard_name);
  if (!end.ok()) return end.error();
  KeyRange range{std::move(*start), std::move(*end)};
  if (!range.end.empty() && CompareBound(range.start, range.end) >= 0) {
    return Error::Internal("shard \"" + std::string(shard_name) + "\": start is not below end");
  }
  return range;
}

bool KeyRange::Contains(std::string_view keyspace_id) const {
  if (CompareBytes(keyspace_id, start) < 0) return false;
  return end.empty() || CompareBytes(keyspace_id, end) < 0;
}

bool KeyRange::Overlaps(const KeyRange& other) const {
  // Disjoint iff one ends at or before the other starts.
  bool this_before = !end.empty() && CompareBound(end, other.start) <= 0;
  bool other_before = !other.end.empty() && CompareBound(other.end, start) <= 0;
  return !this_before && !other_before;
}

std::string KeyRange::ToString() const {
  return EncodeHex(start) + "-" + EncodeHex(end);
}

Status CheckExactCoverage(std::vector<KeyRange> ranges) {
  if (ranges.empty()) return Error::Internal("no shards: the whole key range is uncovered");
  std::sort(ranges.begin(), ranges.end(), [](const KeyRange& a, const KeyRange& b) {
    int c = CompareBound(a.start, b.start);
    if (c != 0) return c < 0;
    if (a.end.empty() != b.end.empty()) return b.end.empty();
    return CompareBound(a.end, b.end) < 0;
  });
  auto uncovered = [](std::string from, std::string to) {
    return Error::Internal("shards leave the key range " + KeyRange{from, to}.ToString() +
                           " uncovered");
  };
  if (!StripTrailingZeros(ranges.front().start).empty()) {
    return uncovered("", ranges.front().start);
  }
  for (size_t i = 1; i < ranges.size(); ++i) {
    const KeyRange& prev = ranges[i - 1];
    const KeyRange& next = ranges[i];
    if (prev.end.empty() || CompareBound(next.start, prev.end) < 0) {
      return Error::Internal("shards " + prev.ToString() + " and " + next.ToString() + " overlap");
    }
    if (CompareBound(next.start, prev.end) > 0) return uncovered(prev.end, next.start);
  }
  if (!ranges.back().end.empty()) return uncovered(ranges.back().end, "");
  return Status::Ok();
}

}  // namespace tessera
