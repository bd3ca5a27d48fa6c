#include "vttablet/onlineddl/cutover_blockers.h"

#include <set>

#include "common/sql_string.h"

namespace tessera::vttablet::onlineddl {

Result<std::vector<uint64_t>> KillCutOverBlockers(BlockingConnection& connection,
                                                  const std::string& database,
                                                  const std::string& table) {
  auto loaded = connection.QueryValue(
      "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = "
      "'METADATA_LOCK_INFO'");
  if (!loaded.ok()) return std::move(loaded).error();
  if (!loaded.value()) {
    auto installed = connection.Execute("INSTALL SONAME 'metadata_lock_info'");
    if (!installed.ok()) {
      Error error = std::move(installed).error();
      error.message =
          "a forced cut-over needs MariaDB's metadata_lock_info plugin, which could "
          "not be installed: " +
          error.message;
      return error;
    }
  }
  auto holders = connection.Query(
      "SELECT DISTINCT THREAD_ID FROM information_schema.METADATA_LOCK_INFO WHERE TABLE_SCHEMA = " +
      QuoteSqlString(database) + " AND TABLE_NAME = " + QuoteSqlString(table) +
      " AND THREAD_ID <> CONNECTION_ID()");
  if (!holders.ok()) return std::move(holders).error();
  std::vector<uint64_t> killed;
  for (const auto& row : holders.value()) {
    if (row.empty() || !row[0]) continue;
    const std::string& id = *row[0];
    if (id.empty() || id.find_first_not_of("0123456789") != std::string::npos) continue;
    auto done = connection.Execute("KILL CONNECTION " + id);
    // 1094: the session ended by itself meanwhile.
    if (!done.ok() && done.error().code != 1094) return std::move(done).error();
    if (done.ok()) killed.push_back(std::stoull(id));
  }
  return killed;
}

}  // namespace tessera::vttablet::onlineddl
