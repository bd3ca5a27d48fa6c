// MigrationCommands: the tablet's SQL surface for online DDL. vtgate and
// schemad send these through the ordinary Execute RPC; the tablet answers
// them here instead of passing them to MariaDB (no MariaDB statement starts
// with MIGRATION). Quoted values are single-quoted strings.
//
//   MIGRATION SUBMIT '<uuid>' [POSTPONE] <CREATE|ALTER|DROP TABLE ...>
//       in the request's database; the migration is queued.
//   MIGRATION SHOW ['<uuid>']         one row per migration, with progress
//   MIGRATION CUTOVER '<uuid>'        complete a postponed migration
//   MIGRATION CANCEL '<uuid>'
//   MIGRATION THROTTLE '<uuid>' | MIGRATION UNTHROTTLE '<uuid>'
//   MIGRATION THROTTLE '<uuid>' RATIO <r>   the copy pauses r of the time
//       (0 to 1, throttle_ratio.h); UNTHROTTLE clears it
//   MIGRATION CHUNK '<uuid>' <rows>   fixed chunk size (0: adaptive)
//   MIGRATION REVERT '<uuid>' '<new uuid>'   queue a revert of a complete one
//   MIGRATION SKIP REVERT '<uuid>'    close the revert window now
//
// Errors: 1105 with a message naming the problem (unknown migration, wrong
// state, bad syntax). Blocking: run it off the io_context.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/result_set.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/onlineddl/executor.h"
#include "vttablet/tabletserver/admin_commands.h"

namespace tessera::vttablet::onlineddl {

class MigrationCommands : public AdminCommands {
 public:
  explicit MigrationCommands(Executor& executor);

  // True when `sql` starts with the MIGRATION keyword.
  static bool IsCommand(std::string_view sql);

  Result<ResultSet> Handle(const std::string& database, std::string_view sql);

  bool Handles(std::string_view sql) const override { return IsCommand(sql); }
  Result<ResultSet> Run(const std::string& database, std::string_view sql) override {
    return Handle(database, sql);
  }

 private:
  Result<ResultSet> HandleLocked(const std::string& database, std::string_view sql);
  Result<ResultSet> Show(const std::string& uuid);

  Executor& executor_;
  std::mutex mutex_;
  std::unique_ptr<BlockingConnection> connection_;
};

}  // namespace tessera::vttablet::onlineddl
