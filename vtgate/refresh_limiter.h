// RefreshLimiter: lets a refresh (a re-read of the shards' schema) happen at
// most once per interval.
//
// Contract: not thread-safe; its owner calls it under its own lock.
#pragma once

#include <chrono>

namespace tessera::vtgate {

class RefreshLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // True when no refresh happened yet or the last one is older than
  // `interval`; the claim then counts as a refresh.
  bool Claim(std::chrono::milliseconds interval, Clock::time_point now = Clock::now()) {
    if (last_ != Clock::time_point{} && now - last_ < interval) return false;
    last_ = now;
    return true;
  }
  // Records a refresh that happened without a claim.
  void Mark(Clock::time_point now = Clock::now()) { last_ = now; }

 private:
  Clock::time_point last_{};
};

}  // namespace tessera::vtgate
