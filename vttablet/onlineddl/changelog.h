// Changelog: a migration's own small table `<table>_<tag>_ghc` beside its
// ghost, as gh-ost keeps one. It holds
// - the heartbeat row (id 1, hint 'heartbeat'): the primary's NOW(6), in UTC,
//   rewritten about every 100 ms while the migration runs (HeartbeatWriter);
// - one marker row per milestone (copy started, copy done, cut-over started,
//   cut-over done) with the primary's NOW(6) when it was last reached.
// Its rows reach replicas through ordinary replication, so a replica's copy
// of the heartbeat tells how far behind the primary it is (throttler.h).
// The binlog tail reports the rows of the migrated table only (it matches
// TABLE_MAP events by database and table name), so changelog writes never
// reach the ghost.
//
// Lifetime: created next to the ghost when a migration is prepared (and
// again when a migration resumes without one); dropped wherever the ghost is
// dropped (cancel, failure) and once the cut-over is done.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/onlineddl/migration.h"

namespace tessera::vttablet::onlineddl {

enum class ChangelogMarker { kCopyStarted, kCopyDone, kCutOverStarted, kCutOverDone };

// The marker's `hint` in the table: "copy started", "copy done", ...
std::string_view MarkerHint(ChangelogMarker marker);

class Changelog {
 public:
  Changelog(std::string database, std::string table)
      : database_(std::move(database)), table_(std::move(table)) {}
  // The changelog of `m` (ChangelogTableName of its table and uuid).
  static Changelog Of(const Migration& m);

  const std::string& database() const { return database_; }
  const std::string& table() const { return table_; }

  // CREATE TABLE IF NOT EXISTS / DROP TABLE IF EXISTS.
  Status Create(BlockingConnection& connection) const;
  Status Drop(BlockingConnection& connection) const;

  // Sets the heartbeat row, or a marker row, to the server's NOW(6).
  Status WriteHeartbeat(BlockingConnection& connection) const;
  Status WriteMarker(BlockingConnection& connection, ChangelogMarker marker) const;

  // The heartbeat as seen by the server `connection` talks to (a replica's
  // own copy of the row), in seconds since the epoch; nullopt when the table
  // has no heartbeat row yet. An error when the table is missing there.
  Result<std::optional<double>> ReadHeartbeat(BlockingConnection& connection) const;

 private:
  std::string QualifiedName() const;

  std::string database_;
  std::string table_;
};

}  // namespace tessera::vttablet::onlineddl
