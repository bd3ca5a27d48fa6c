// Throttler: decides whether the row copy of an online migration must pause
// now, and why. The reason becomes the migration's message.
//
// Reasons, checked in this order (the first one found wins):
//   1. "throttled by request": the migration's own flag (MIGRATION THROTTLE);
//   2. "throttled: the server is busy (Threads_running N > M)": the primary's
//      load, when max_threads_running is not 0;
//   3. "throttled: replica H:P lags 3.2 s": a configured replica's copy of the
//      migration's heartbeat row (changelog.h) is older than max_replica_lag,
//      measured against the primary's clock (one clock, so no skew between
//      hosts). A replica that cannot be reached, that does not replicate
//      (replication not configured, or its IO or SQL thread not running), or
//      that has no heartbeat of the migration yet counts as lagging; the
//      message says which replica and why. None is ever skipped silently.
// Checks 2 and 3 query servers, so their verdict is reused for
// `check_interval`: tiny chunks do not turn into one check each. Replicas are
// reached with the primary's credentials unless the options name others; the
// account needs the REPLICA MONITOR privilege (SHOW SLAVE STATUS) and SELECT
// on the migrated database.
//
// Not thread-safe: the executor's thread owns it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/mariadb/mariadb_params.h"
#include "vttablet/onlineddl/changelog.h"

namespace tessera::vttablet::onlineddl {

struct ReplicaAddress {
  std::string host;
  uint16_t port = 0;
  // "host:port", or "[host]:port" for an IPv6 literal.
  std::string ToString() const;
  bool operator==(const ReplicaAddress&) const = default;
};

// Parses a comma-separated "host:port" list (IPv6 literals as "[::1]:3307";
// spaces around items are ignored). "" is the empty list. An empty item, a
// missing or bad port (1-65535), or an address listed twice is an error
// whose message quotes the item.
Result<std::vector<ReplicaAddress>> ParseReplicaAddresses(std::string_view text);

// What one check saw on one replica.
struct ReplicaObservation {
  std::string address;                // for the message
  std::string unreachable;            // why it could not be reached or asked; "" when it answered
  bool replicating = true;            // false: no replication configured at all
  std::string io_running;             // Slave_IO_Running: "Yes", "No", "Connecting"
  std::string sql_running;            // Slave_SQL_Running: "Yes", "No"
  std::string last_error;             // Last_IO_Error or Last_SQL_Error, when any
  std::string heartbeat_error;        // why the heartbeat could not be read; "" when read
  std::optional<double> lag_seconds;  // primary's now minus the replica's heartbeat
};

// The throttle reason for one replica ("throttled: replica ..."), or "" when
// it replicates and lags at most `max_lag`. Pure.
std::string ReplicaThrottleReason(const ReplicaObservation& observation,
                                  std::chrono::milliseconds max_lag);

struct ThrottlerOptions {
  uint64_t max_threads_running = 64;  // 0: never throttle on load
  std::vector<ReplicaAddress> replicas;
  std::optional<std::string> replica_user;      // unset: the primary's
  std::optional<std::string> replica_password;  // unset: the primary's
  std::chrono::milliseconds max_replica_lag{1000};
  std::chrono::milliseconds check_interval{200};
};

struct ThrottleDecision {
  bool throttled = false;
  std::string reason;  // "" when not throttled
};

class Throttler {
 public:
  // `primary` gives the credentials replicas are reached with by default.
  Throttler(const MariaDbParams& primary, ThrottlerOptions options);
  ~Throttler();
  Throttler(const Throttler&) = delete;
  Throttler& operator=(const Throttler&) = delete;

  // `primary` is the executor's connection; `changelog` the running
  // migration's; `requested` its throttled flag.
  ThrottleDecision Check(BlockingConnection& primary, const Changelog& changelog, bool requested);

  const ThrottlerOptions& options() const { return options_; }

 private:
  struct Replica;

  ThrottleDecision Evaluate(BlockingConnection& primary, const Changelog& changelog);
  // Fills everything but `lag_seconds`; returns the replica's heartbeat
  // (seconds since the epoch) when it could be read.
  std::optional<double> Observe(Replica& replica, const Changelog& changelog,
                                ReplicaObservation& observation);

  ThrottlerOptions options_;
  std::vector<std::unique_ptr<Replica>> replicas_;
  ThrottleDecision last_;
  std::string last_changelog_;  // the changelog `last_` was decided for
  std::chrono::steady_clock::time_point last_at_;
};

}  // namespace tessera::vttablet::onlineddl
