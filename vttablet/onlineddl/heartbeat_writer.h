// HeartbeatWriter: while it lives, a thread of its own rewrites a changelog's
// heartbeat row (changelog.h) every `interval`, on its own connection to the
// primary, so each replica's copy of the row is as old as that replica's
// replication delay.
// - A failed write is logged (once per outage) and retried on a new
//   connection at the next beat; it never stops the migration: a heartbeat
//   that stops advancing makes the replicas look behind, which throttles
//   the copy (the safe side).
// - The destructor stops the thread and joins it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "vttablet/mariadb/mariadb_params.h"
#include "vttablet/onlineddl/changelog.h"

namespace tessera::vttablet::onlineddl {

class HeartbeatWriter {
 public:
  HeartbeatWriter(MariaDbParams params, Changelog changelog, std::chrono::milliseconds interval);
  ~HeartbeatWriter();
  HeartbeatWriter(const HeartbeatWriter&) = delete;
  HeartbeatWriter& operator=(const HeartbeatWriter&) = delete;

 private:
  void Loop();

  MariaDbParams params_;
  Changelog changelog_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::thread thread_;  // last: starts once the members above exist
};

}  // namespace tessera::vttablet::onlineddl
