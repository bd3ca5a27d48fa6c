// TabletClient: vtgate's connection to one tablet, bound to ONE io_context
// (each vtgate worker thread has its own clients; no locking). Requests are
// multiplexed by request id and pipelined on a single connection that is
// opened lazily and reopened after a failure: the tablet's local Unix socket
// when there is one, else TCP. No call throws and none hangs:
// when the tablet is unreachable, every pending and new request fails with
//   1105 HY000 "tablet <name> (<host>:<port>) is unavailable: <reason>"
// after at most the connect timeout, and a request with no answer fails after
// its own timeout (the request's timeout_ms plus a grace period, or the
// default request timeout).
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include "common/error.h"
#include "common/rpc/execute_messages.h"
#include "common/rpc/frame.h"
#include "common/rpc/health_messages.h"

namespace tessera::vtgate {

struct TabletClientOptions {
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds default_request_timeout{30000};
  // Added to a request's own timeout_ms: the tablet enforces that timeout and
  // should answer first.
  std::chrono::milliseconds timeout_grace{1000};
  uint32_t max_frame_bytes = rpc::kDefaultMaxFrameBytes;
  // Try the tablet's local Unix socket (common/rpc/local_socket.h) before
  // TCP: the cheaper path when the tablet runs on this machine.
  bool local_socket = true;
};

class CallInterrupt;
class TabletChannel;

class TabletClient {
 public:
  TabletClient(boost::asio::io_context& io, std::string host, uint16_t port, std::string name,
               TabletClientOptions options = {});
  // Closes the connection; requests still pending fail.
  ~TabletClient();
  TabletClient(const TabletClient&) = delete;
  TabletClient& operator=(const TabletClient&) = delete;

  // With `interrupt` (the session's KILL QUERY), the call can be stopped:
  // an interrupted scope fails it at once with 1317, and interrupting it
  // while it runs asks the tablet to kill the statement.
  boost::asio::awaitable<rpc::ExecuteResponse> Execute(rpc::ExecuteRequest request,
                                                       CallInterrupt* interrupt = nullptr);
  boost::asio::awaitable<Status> Commit(uint64_t transaction_id);
  boost::asio::awaitable<Status> Rollback(uint64_t transaction_id);
  boost::asio::awaitable<Result<rpc::HealthResponse>> Health();

  const std::string& name() const;
  // Whether the connection is up and goes over the tablet's local socket.
  bool connected_locally() const;

 private:
  std::shared_ptr<TabletChannel> channel_;
};

}  // namespace tessera::vtgate
