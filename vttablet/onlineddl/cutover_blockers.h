// KillCutOverBlockers: for a forced cut-over, ends every other session that
// holds a metadata lock on `database`.`table` (a transaction that touched
// the table and is still open, a query running on it) with KILL
// CONNECTION, so the cut-over's lock does not wait for them; MariaDB rolls
// their open transactions back. The locks come from
// information_schema.METADATA_LOCK_INFO; MariaDB's metadata_lock_info plugin
// is installed first when it is not loaded. Returns the ids of the sessions
// killed; an error names what could not be read or installed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"

namespace tessera::vttablet::onlineddl {

Result<std::vector<uint64_t>> KillCutOverBlockers(BlockingConnection& connection,
                                                  const std::string& database,
                                                  const std::string& table);

}  // namespace tessera::vttablet::onlineddl
