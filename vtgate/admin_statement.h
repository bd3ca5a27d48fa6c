// AdminStatement: the statements vtgate answers itself rather than routing
// to shards, taken from the parsed statement:
//   SHOW BRANCHES
//   SHOW MIGRATIONS [LIKE 'pattern']
//   ALTER MIGRATION '<uuid>' {CUTOVER | COMPLETE | CANCEL | THROTTLE [RATIO r] | UNTHROTTLE}
//   REVERT MIGRATION '<uuid>'
// and the cluster's own statements:
//   SHOW KEYSPACES | SHOW SHARDS | SHOW TABLETS | SHOW VSCHEMA TABLES
//   SHOW UNRESOLVED TRANSACTIONS [FOR keyspace]
//   VEXPLAIN PLAN <statement>
// Pure: no I/O.
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "sqlparser/ast/ast.h"

namespace tessera::vtgate {

struct AdminStatement {
  enum class Kind {
    kShowBranches,
    kShowMigrations,
    kAlterMigration,
    kRevertMigration,
    kShowKeyspaces,
    kShowShards,
    kShowTablets,
    kShowVschemaTables,
    kShowUnresolvedTransactions,
    kVexplainPlan,
  };
  Kind kind = Kind::kShowBranches;
  std::string uuid;           // the migration, or the LIKE pattern of SHOW MIGRATIONS
  std::string action;         // ALTER MIGRATION: "cutover", "cancel", "throttle", "unthrottle"
  std::string query;          // VEXPLAIN PLAN: the statement to explain, formatted
  std::string keyspace = {};  // SHOW UNRESOLVED TRANSACTIONS FOR: the keyspace; empty: all
  std::string ratio = {};     // ALTER MIGRATION ... THROTTLE RATIO: the number as written
};

// nullopt when `stmt` is not one of these statements. A form the cluster
// does not carry out (SHOW MIGRATIONS WHERE, ALTER MIGRATION ... RETRY) is an
// error 1235 naming it.
Result<std::optional<AdminStatement>> AdminStatementOf(const sql::ast::Statement& stmt);

}  // namespace tessera::vtgate
