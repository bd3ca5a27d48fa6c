#include "schema/deploy/tablet_migration.h"

#include <cstdlib>
#include <map>

namespace tessera::schema {

Result<std::vector<TabletMigration>> ParseMigrationShow(const ResultSet& show) {
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < show.fields.size(); ++i) column[show.fields[i].name] = i;
  for (const char* required : {"uuid", "state"}) {
    if (!column.count(required)) {
      return Error::Internal(std::string("MIGRATION SHOW answered without a \"") + required +
                             "\" column");
    }
  }
  std::vector<TabletMigration> out;
  for (const Row& row : show.rows) {
    auto text = [&](const char* name) -> std::string {
      auto it = column.find(name);
      if (it == column.end() || it->second >= row.size()) return "";
      return row[it->second].value_or("");
    };
    auto number = [&](const char* name) -> uint64_t {
      return std::strtoull(text(name).c_str(), nullptr, 10);
    };
    TabletMigration m;
    m.uuid = text("uuid");
    m.table = text("table");
    m.state = text("state");
    m.progress = static_cast<int>(number("progress"));
    m.rows_copied = number("rows_copied");
    m.rows_estimated = number("rows_estimated");
    m.eta_seconds = text("eta_seconds");
    m.events_applied = number("events_applied");
    m.binlog_lag_bytes = text("binlog_lag_bytes");
    m.message = text("message");
    m.revert_window_ends = text("revert_window_ends");
    m.throttle_ratio = text("throttle_ratio");
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace tessera::schema
