// Small steps the executor's source files share (executor.cc runs the
// migrations, executor_revert_window.cc keeps and closes revert windows):
// a table's quoted name, whether a table exists, the server's clock, and
// dropping a migration's changelog after its cut-over, when a failure is
// only worth a warning. Not part of the executor's interface.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/onlineddl/migration.h"

namespace tessera::vttablet::onlineddl {

// `db`.`table`, each part quoted.
std::string QualifiedName(const std::string& db, const std::string& table);

// The status of a statement whose row count does not matter.
Status Done(Result<uint64_t> r);

Result<bool> TableExists(BlockingConnection& c, const std::string& db, const std::string& table);

// The server's NOW(6) plus `plus`, as the server writes it.
Result<std::string> ServerNow(BlockingConnection& c,
                              std::chrono::seconds plus = std::chrono::seconds(0));

// After the cut-over the migration is complete whatever happens to its
// changelog; one left behind goes when the revert window closes. A failure
// is logged.
void DropChangelog(BlockingConnection& c, const Migration& m);

}  // namespace tessera::vttablet::onlineddl
