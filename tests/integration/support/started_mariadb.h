// StartMariaDb: a test's own MariaDB server, initialized and started with
// `options` (its data directory inside the test's temporary directory).
// The error says which step failed; the caller stops the server.
#pragma once

#include <memory>
#include <utility>

#include "cli/local/mariadb_instance.h"
#include "common/error.h"

namespace tessera::testing_support {

inline Result<std::unique_ptr<local::MariaDbInstance>> StartMariaDb(
    local::MariaDbInstanceOptions options) {
  auto db = std::make_unique<local::MariaDbInstance>(std::move(options));
  Status initialized = db->Initialize();
  if (!initialized.ok()) return initialized.error();
  Status started = db->Start();
  if (!started.ok()) return started.error();
  return db;
}

}  // namespace tessera::testing_support
