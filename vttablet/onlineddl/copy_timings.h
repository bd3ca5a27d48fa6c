// CopyTimings: where the wall time of a migration's copy phase went, step by
// step (binlog reads, refreshes, throttle checks, chunks, checkpoints, the
// deferred index build), for the one-line summary the executor logs when the
// copy is done. Counts only what this process ran: after a restart it starts
// again from zero.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace tessera::vttablet::onlineddl {

struct CopyTimings {
  using Clock = std::chrono::steady_clock;

  Clock::time_point began = Clock::now();
  uint64_t passes = 0;
  uint64_t chunks = 0;
  Clock::duration binlog_reads{0};
  Clock::duration refreshes{0};
  Clock::duration throttle_checks{0};
  Clock::duration copying{0};
  Clock::duration checkpoints{0};
  Clock::duration deferred_indexes{0};

  // Adds the time since `since` to `step` and returns now, so that steps
  // can be timed back to back.
  static Clock::time_point Add(Clock::duration& step, Clock::time_point since) {
    Clock::time_point now = Clock::now();
    step += now - since;
    return now;
  }

  std::string Summary() const {
    auto s = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    return fmt::format(
        "{:.2f} s over {} passes: {} chunks {:.2f} s, binlog reads {:.2f} s, refreshes {:.2f} s, "
        "throttle checks {:.2f} s, checkpoints {:.2f} s, deferred indexes {:.2f} s",
        s(Clock::now() - began), passes, chunks, s(copying), s(binlog_reads), s(refreshes),
        s(throttle_checks), s(checkpoints), s(deferred_indexes));
  }
};

}  // namespace tessera::vttablet::onlineddl
