// Vindex: maps a column value to a keyspace id, the byte string that decides
// which shard owns a row. Vindexes are immutable after construction and safe
// to share across worker threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace tessera::vtgate {

// A column value as the planner sees it: its SQL text and whether it was a
// number or a string literal.
struct VindexValue {
  enum class Kind { kInteger, kString, kNull, kOther };
  Kind kind = Kind::kOther;
  std::string text;
};

class Vindex {
 public:
  virtual ~Vindex() = default;
  virtual std::string_view type() const = 0;
  // Relative cost of a lookup; the planner prefers the cheapest usable vindex.
  virtual int cost() const = 0;
  // A unique vindex maps each value to at most one keyspace id.
  virtual bool is_unique() const = 0;
  // The keyspace id for `value`, or an error naming why it cannot be mapped.
  virtual Result<std::string> Map(const VindexValue& value) const = 0;
};

}  // namespace tessera::vtgate
