// Execute: run one statement on a tablet, optionally inside (or starting) a
// tablet-side transaction.
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"
#include "common/result_set.h"

namespace tessera::rpc {

struct ExecuteRequest {
  std::string database;         // MariaDB database to run in ("" keeps the current one)
  std::string sql;              // may be empty when only `begin` is wanted
  uint64_t transaction_id = 0;  // 0: autocommit (or a new transaction with `begin`)
  bool begin = false;           // start a transaction first and return its id
  uint64_t max_rows = 0;        // 0: no limit; more rows is an error
  uint32_t timeout_ms = 0;      // 0: the tablet's default

  bool operator==(const ExecuteRequest&) const = default;
};

struct ExecuteResponse {
  Result<ResultSet> result = ResultSet{};
  uint64_t transaction_id = 0;  // the transaction the statement ran in (0: none)
};

}  // namespace tessera::rpc
