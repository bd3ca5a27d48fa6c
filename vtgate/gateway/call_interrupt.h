// CallInterrupt: KILL QUERY for the tablet calls of one session. Calls made
// with it register while they wait for their answer; Interrupt() asks each
// one's tablet to stop the statement (the call then ends with the tablet's
// answer, 1317 when it was stopped) and makes every call started later fail
// at once with 1317, until Reset(). Single-threaded: the session's worker.
// Registering costs no allocation once a session has had its most
// concurrent calls.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace tessera::vtgate {

class TabletChannel;

class CallInterrupt {
 public:
  // Sends a CancelRequest for every call in flight (tablet_channel.cc).
  void Interrupt();
  // The next statement starts uninterrupted.
  void Reset() { interrupted_ = false; }
  bool interrupted() const { return interrupted_; }

  // For the tablet channel: call `request_id` on `channel` is in flight.
  // Returns the token to Unregister with once the call ended.
  uint64_t Register(std::weak_ptr<TabletChannel> channel, uint32_t request_id) {
    const uint64_t token = next_token_++;
    calls_.push_back(Call{token, std::move(channel), request_id});
    return token;
  }
  void Unregister(uint64_t token) {
    for (size_t i = 0; i < calls_.size(); ++i) {
      if (calls_[i].token != token) continue;
      calls_[i] = std::move(calls_.back());
      calls_.pop_back();
      return;
    }
  }

 private:
  struct Call {
    uint64_t token;
    std::weak_ptr<TabletChannel> channel;
    uint32_t request_id;
  };

  bool interrupted_ = false;
  uint64_t next_token_ = 1;
  std::vector<Call> calls_;
};

}  // namespace tessera::vtgate
