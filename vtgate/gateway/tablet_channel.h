// TabletChannel: the connection state behind a TabletClient, shared with the
// coroutines that use it so that it outlives the client while they finish.
// Single-threaded: every member is touched from the client's io_context only.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "common/error.h"
#include "common/rpc/execute_messages.h"
#include "common/rpc/frame_buffer.h"
#include "common/rpc/health_messages.h"
#include "common/rpc/transaction_messages.h"
#include "vtgate/gateway/call_interrupt.h"
#include "vtgate/gateway/tablet_client.h"

namespace tessera::vtgate {

using TabletResponse = std::variant<rpc::ExecuteResponse, rpc::StatusResponse, rpc::HealthResponse>;

class TabletChannel : public std::enable_shared_from_this<TabletChannel> {
 public:
  TabletChannel(boost::asio::io_context& io, std::string host, uint16_t port, std::string name,
                TabletClientOptions options);

  // Sends `request` and waits for its response, a connection failure, or
  // `timeout`. With `interrupt`, the call can be stopped while it waits: a
  // CancelRequest for it goes to the tablet, and the call ends with the
  // tablet's answer.
  template <class Request>
  boost::asio::awaitable<Result<TabletResponse>> Call(const Request& request,
                                                      std::chrono::milliseconds timeout,
                                                      CallInterrupt* interrupt = nullptr);

  // Fails every pending request and drops the connection.
  void Shutdown();

  const std::string& name() const { return name_; }
  // Whether the current connection is the tablet's local Unix socket.
  bool local() const { return state_ == State::kConnected && local_; }
  const TabletClientOptions& options() const { return options_; }
  Error Unavailable(std::string_view reason) const;

 private:
  enum class State { kDisconnected, kConnecting, kConnected };

  using Clock = std::chrono::steady_clock;

  struct Pending {
    explicit Pending(boost::asio::any_io_executor executor) : wake(std::move(executor)) {}
    // Never expires by itself: cancelled on completion, connection failure,
    // or by ExpireDeadlines once `deadline` has passed. One channel-wide
    // deadline timer instead of one timer per call keeps the reactor's
    // timeout untouched on the per-call path.
    boost::asio::steady_timer wake;
    Clock::time_point deadline;
    std::optional<Result<TabletResponse>> outcome;
  };

  boost::asio::awaitable<Result<TabletResponse>> Await(uint32_t request_id,
                                                       std::chrono::milliseconds timeout);
  uint32_t NextRequestId();
  // Queues a CancelRequest for the call `request_id` if it still waits.
  void SendCancel(uint32_t request_id);
  friend class CallInterrupt;
  void Kick();
  // Each coroutine holds `self` so the channel outlives it.
  boost::asio::awaitable<void> Connect(std::shared_ptr<TabletChannel> self);
  // Tries the tablet's local Unix socket; false when it is not there.
  boost::asio::awaitable<bool> ConnectLocal(uint64_t generation);
  void Connected(std::shared_ptr<TabletChannel> self, uint64_t generation, bool local);
  boost::asio::awaitable<void> ReadLoop(std::shared_ptr<TabletChannel> self, uint64_t generation);
  // Writes the queued frames without blocking; what the socket does not take
  // is left to WriteLoop.
  void Flush(uint64_t generation);
  boost::asio::awaitable<void> WriteLoop(std::shared_ptr<TabletChannel> self, uint64_t generation);
  void Deliver(const rpc::FrameView& frame);
  // Makes sure the deadline timer fires no later than `deadline`.
  void ArmDeadline(Clock::time_point deadline);
  // Wakes the calls whose deadline has passed and re-arms for the rest.
  void ExpireDeadlines();
  void FailConnection(uint64_t generation, std::string_view reason);

  boost::asio::io_context& io_;
  std::string host_;
  uint16_t port_;
  std::string name_;
  TabletClientOptions options_;

  State state_ = State::kDisconnected;
  uint64_t generation_ = 0;  // bumped whenever a connection ends
  boost::asio::generic::stream_protocol::socket socket_;
  bool local_ = false;
  rpc::FrameBuffer reader_;
  std::string pending_writes_;  // frames not yet handed to the socket
  std::string writing_;         // the batch being written (by Flush, then WriteLoop)
  bool writer_active_ = false;
  uint32_t next_request_id_ = 1;
  std::unordered_map<uint32_t, Pending*> pending_;
  boost::asio::steady_timer deadline_timer_;
  Clock::time_point deadline_armed_ = Clock::time_point::max();  // when it fires
};

}  // namespace tessera::vtgate
