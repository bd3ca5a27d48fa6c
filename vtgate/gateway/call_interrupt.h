// CallInterrupt: KILL QUERY for the tablet calls of one session. Calls made
// with it register while they wait for their answer; Interrupt() asks each
// one's tablet to stop the statement (the call then ends with the tablet's
// answer, 1317 when it was stopped) and makes every call started later fail
// at once with 1317, until Reset(). Single-threaded: the session's worker.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <utility>

namespace tessera::vtgate {

class CallInterrupt {
 public:
  using Stop = std::function<void()>;

  void Interrupt() {
    interrupted_ = true;
    // A stop may end its call, which unregisters it: take them out first.
    auto calls = std::move(calls_);
    calls_.clear();
    for (auto& [token, stop] : calls) stop();
  }
  // The next statement starts uninterrupted.
  void Reset() { interrupted_ = false; }
  bool interrupted() const { return interrupted_; }

  // For the tablet channel: `stop` stops one call in flight. Returns the
  // token to Unregister with once the call ended.
  uint64_t Register(Stop stop) {
    const uint64_t token = next_token_++;
    calls_.emplace(token, std::move(stop));
    return token;
  }
  void Unregister(uint64_t token) { calls_.erase(token); }

 private:
  bool interrupted_ = false;
  uint64_t next_token_ = 1;
  std::map<uint64_t, Stop> calls_;
};

}  // namespace tessera::vtgate
