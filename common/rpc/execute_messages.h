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
  // With `begin`: the transaction is a branch of a distributed (two-phase)
  // transaction, started with `XA START <xid>`; `xid` is its SQL form,
  // e.g. 'gtrid','bqual'. Commit and Rollback then end it the XA way.
  std::string xid = {};
  // With `transaction_id` of such a transaction (and no `sql`): ends its
  // work and runs XA PREPARE. It stays on the tablet until Commit/Rollback;
  // if the tablet loses it first (idle timeout, crash), it stays prepared in
  // MariaDB for the coordinator's resolver, never rolled back by the tablet.
  bool prepare = false;

  bool operator==(const ExecuteRequest&) const = default;
};

struct ExecuteResponse {
  Result<ResultSet> result = ResultSet{};
  uint64_t transaction_id = 0;  // the transaction the statement ran in (0: none)
};

}  // namespace tessera::rpc
