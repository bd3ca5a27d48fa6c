// TextColumns: an empty result with VARCHAR columns of the given names, for
// the statements vtgate answers itself.
#pragma once

#include <string>
#include <vector>

#include "common/result_set.h"

namespace tessera::vtgate {

inline ResultSet TextColumns(const std::vector<std::string>& names) {
  ResultSet rs;
  for (const auto& name : names) {
    Field f;
    f.name = f.org_name = name;
    f.type = FieldType::kVarString;
    f.column_length = 256;
    rs.fields.push_back(std::move(f));
  }
  return rs;
}

}  // namespace tessera::vtgate
