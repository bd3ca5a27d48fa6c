// KeyRange: a contiguous range [start, end) of keyspace ids, the unit of data a
// shard owns. Keyspace ids are byte strings compared as unsigned bytes; an
// empty start means "from the lowest id", an empty end "to past the highest".
// Shard names use the usual notation: "0" or "-" (the whole range), "-80",
// "80-", "40-80" (hex, any even number of digits per bound).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace tessera {

struct KeyRange {
  std::string start;  // inclusive; empty: unbounded below
  std::string end;    // exclusive; empty: unbounded above

  // Parses a shard name. Errors name the offending text.
  static Result<KeyRange> Parse(std::string_view shard_name);

  bool IsFull() const { return start.empty() && end.empty(); }
  // start <= id < end, as unsigned byte strings.
  bool Contains(std::string_view keyspace_id) const;
  // True if some keyspace id lies in both ranges.
  bool Overlaps(const KeyRange& other) const;
  // Shard notation with lower-case hex: "-" for the full range, "40-80", ...
  std::string ToString() const;

  friend bool operator==(const KeyRange&, const KeyRange&) = default;
};

// Checks that `ranges` (any order) cover every keyspace id exactly once.
// The error message names what is wrong, e.g. `shards -80 and 40- overlap`
// or `shards leave the key range 80-c0 uncovered`. Bounds that differ only in
// trailing zero bytes ("80" and "8000") are treated as the same boundary.
Status CheckExactCoverage(std::vector<KeyRange> ranges);

}  // namespace tessera
