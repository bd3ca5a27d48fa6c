// KnownColumns: what vtgate knows of one table's columns, for resolving a
// column written without a table qualifier. `names` are lower case (MySQL
// column names compare case-insensitively). `complete` says they are all of
// the table's columns (an authoritative VSchema list, or the list read from
// the shards); otherwise the table may have more than the ones named.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::vtgate {

struct KnownColumns {
  std::shared_ptr<const std::vector<std::string>> names;  // null: none known
  bool complete = false;

  // `lower_name` must be lower case.
  bool Has(std::string_view lower_name) const {
    return names != nullptr && std::find(names->begin(), names->end(), lower_name) != names->end();
  }
};

}  // namespace tessera::vtgate
