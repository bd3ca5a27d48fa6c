#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

Result<ResultSet> ConcatenateResults(std::vector<Result<ResultSet>> results) {
  if (results.empty()) return ResultSet{};
  for (auto& r : results)
    if (!r.ok()) return std::move(r).error();
  ResultSet merged = std::move(results[0].value());
  for (size_t i = 1; i < results.size(); ++i) {
    ResultSet& part = results[i].value();
    if (merged.fields.empty()) merged.fields = std::move(part.fields);
    merged.rows.insert(merged.rows.end(), std::make_move_iterator(part.rows.begin()),
                       std::make_move_iterator(part.rows.end()));
    merged.affected_rows += part.affected_rows;
    merged.warnings = static_cast<uint16_t>(merged.warnings + part.warnings);
    merged.last_insert_id = std::max(merged.last_insert_id, part.last_insert_id);
  }
  return merged;
}

}  // namespace tessera::vtgate
