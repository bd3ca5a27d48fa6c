// ResultColumn: a column of a child's result, known at plan time either by
// position from the start, or from the end (hidden columns the planner
// appended after a `*` whose width is only known when rows arrive).
#pragma once

#include <cstddef>
#include <string>

namespace tessera::vtgate {

struct ResultColumn {
  size_t index = 0;  // from the start, or (from_end) 1 = the last column
  bool from_end = false;

  size_t Resolve(size_t column_count) const { return from_end ? column_count - index : index; }
  std::string ToString() const {
    return from_end ? "end-" + std::to_string(index) : std::to_string(index);
  }
};

// A sort or grouping key: the value column and, for text, the column holding
// its WEIGHT_STRING() sort key (has_weight false when none was fetched).
struct SortKey {
  ResultColumn value;
  ResultColumn weight;
  bool has_weight = false;
  bool desc = false;
};

}  // namespace tessera::vtgate
