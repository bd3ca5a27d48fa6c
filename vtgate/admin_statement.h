// AdminStatement: the schema-workflow statements vtgate answers itself,
// recognised from the text before the SQL parser sees it:
//   SHOW BRANCHES
//   SHOW MIGRATIONS [LIKE '<uuid>']
//   ALTER MIGRATION '<uuid>' {CUTOVER | COMPLETE | CANCEL | THROTTLE | UNTHROTTLE}
//   REVERT MIGRATION '<uuid>'
// and the cluster's own statements:
//   SHOW KEYSPACES | SHOW SHARDS | SHOW TABLETS | SHOW VSCHEMA TABLES
//   VEXPLAIN PLAN <statement>
// Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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
    kVexplainPlan,
  };
  Kind kind = Kind::kShowBranches;
  std::string uuid;    // the migration, or the LIKE pattern of SHOW MIGRATIONS
  std::string action;  // ALTER MIGRATION: "cutover", "cancel", "throttle", "unthrottle"
  std::string query;   // VEXPLAIN PLAN: the statement to explain
};

// nullopt when `sql` is not one of these statements. A statement that starts
// like one but is malformed comes back with an error message in `error`.
struct AdminParse {
  std::optional<AdminStatement> statement;
  std::string error;
};
AdminParse ParseAdminStatement(std::string_view sql);

}  // namespace tessera::vtgate
