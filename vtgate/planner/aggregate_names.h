// Which function names are SQL aggregates (COUNT, SUM, GROUP_CONCAT, ...),
// case-insensitively. Planners decide with it whether a SELECT groups.
#pragma once

#include <algorithm>
#include <iterator>
#include <string_view>

#include "common/ascii.h"

namespace tessera::vtgate {

inline bool IsAggregateFunction(std::string_view name) {
  static constexpr std::string_view kAggregates[] = {
      "count",    "sum",     "min",        "max",         "avg",           "group_concat",
      "std",      "stddev",  "stddev_pop", "stddev_samp", "variance",      "var_pop",
      "var_samp", "bit_and", "bit_or",     "bit_xor",     "json_arrayagg", "json_objectagg"};
  return std::any_of(
      std::begin(kAggregates), std::end(kAggregates),
      [name](std::string_view aggregate) { return EqualsIgnoreCase(aggregate, name); });
}

}  // namespace tessera::vtgate
