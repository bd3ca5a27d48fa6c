// DeployMigrationRecord: one row of _tessera.deploy_migrations, one online
// DDL migration of a deploy request on one shard, with the last progress
// schemad read from that shard's tablet (MIGRATION SHOW). A statement of a
// request has one uuid shared by all shards; (uuid, shard) is unique.
//
// The row is written before the tablet is asked to run the migration
// (`submitted` false), so a restarted schemad knows what it may have sent.
#pragma once

#include <cstdint>
#include <string>

namespace tessera::schema {

namespace migration_purpose {
inline constexpr const char* kDeploy = "deploy";  // a statement of the request
inline constexpr const char* kRevert = "revert";  // undoes a deploy migration
}  // namespace migration_purpose

// Before the tablet has it; afterwards `state` is the tablet's state name
// (queued, running, ready_to_complete, complete, failed, cancelled, reverted).
inline constexpr const char* kMigrationPending = "pending";

struct DeployMigrationRecord {
  int64_t request_id = 0;
  std::string uuid;
  std::string shard;
  int seq = 0;  // statement index in the request's ddl
  std::string purpose = migration_purpose::kDeploy;
  std::string table;
  std::string ddl;      // the statement (deploy) or "" (revert)
  std::string reverts;  // revert: the uuid it undoes
  bool submitted = false;
  std::string state = kMigrationPending;
  int progress = 0;  // percent
  uint64_t rows_copied = 0;
  uint64_t rows_estimated = 0;
  std::string eta_seconds;         // "" when unknown
  uint64_t events_applied = 0;     // binlog row changes the tablet applied to the ghost
  std::string binlog_lag_bytes;    // the tablet's; "" when it is not tailing the binlog
  std::string message;             // the tablet's, or why submission failed
  std::string revert_window_ends;  // the tablet's; "" when it cannot be reverted
  std::string throttle_ratio;      // the tablet's ("0" to "1"); "" before it answered
  // The request's throttle ratio the tablet last accepted for this migration;
  // "" until then. Differs from the request's while one is still to send.
  std::string throttle_ratio_sent;
};

}  // namespace tessera::schema
