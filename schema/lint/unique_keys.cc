#include "schema/lint/unique_keys.h"

#include "common/ascii.h"

namespace tessera::schema {

std::vector<const Index*> RowIdentifyingKeys(const Table& table) {
  std::vector<const Index*> out;
  for (const auto& index : table.indexes) {
    if (!index.is_unique()) continue;
    bool not_null = true;
    for (const auto& part : index.parts) {
      const Column* c = table.FindColumn(part.column);
      not_null = not_null && c && !c->nullable;
    }
    if (index.is_primary() || not_null) out.push_back(&index);
  }
  return out;
}

bool SameKeyColumns(const Index& a, const Index& b) {
  if (a.parts.size() != b.parts.size()) return false;
  for (size_t i = 0; i < a.parts.size(); ++i) {
    if (!EqualsIgnoreCase(a.parts[i].column, b.parts[i].column)) return false;
  }
  return true;
}

bool UniquenessImplied(const Index& existing, const Index& candidate) {
  for (const auto& old_part : existing.parts) {
    bool covered = false;
    for (const auto& new_part : candidate.parts) {
      if (!EqualsIgnoreCase(old_part.column, new_part.column)) continue;
      covered = !new_part.length || (old_part.length && *old_part.length <= *new_part.length);
      if (covered) break;
    }
    if (!covered) return false;
  }
  return true;
}

}  // namespace tessera::schema
