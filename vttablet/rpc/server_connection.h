// ServerConnection: one client connection of the RpcServer. Owned by the
// coroutines that use it (shared_ptr); it ends when the peer closes, on a
// malformed frame, or on an I/O error.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <variant>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "common/rpc/execute_messages.h"
#include "common/rpc/frame_buffer.h"
#include "vttablet/rpc/rpc_server.h"
#include "vttablet/tabletserver/tablet_service.h"

namespace tessera::vttablet {

class ServerConnection : public std::enable_shared_from_this<ServerConnection> {
 public:
  // `tcp`: the socket is a TCP one (gets TCP_NODELAY), else a Unix socket.
  ServerConnection(boost::asio::generic::stream_protocol::socket socket, bool tcp,
                   TabletService& service, const RpcServerOptions& options);

  // Reads and dispatches requests until the connection ends.
  // `self` keeps the connection alive until the coroutine ends.
  boost::asio::awaitable<void> Serve(std::shared_ptr<ServerConnection> self);

 private:
  struct Commit {
    uint64_t transaction_id;
  };
  struct Rollback {
    uint64_t transaction_id;
  };
  struct Health {};
  using Request = std::variant<rpc::ExecuteRequest, Commit, Rollback, Health>;

  Result<Request> DecodeRequest(const rpc::FrameView& frame) const;
  // `cancel`: the stop signal of an ExecuteRequest (null for the others).
  boost::asio::awaitable<void> Handle(std::shared_ptr<ServerConnection> self, uint32_t request_id,
                                      Request request, std::shared_ptr<StatementCancel> cancel);
  template <class Response>
  void QueueResponse(uint32_t request_id, const Response& response);
  void StartWriting();
  // Writes the queued responses without blocking; what the socket does not
  // take is left to WriteLoop.
  void Flush();
  boost::asio::awaitable<void> WriteLoop(std::shared_ptr<ServerConnection> self);
  void Close();

  boost::asio::generic::stream_protocol::socket socket_;
  bool tcp_;
  TabletService& service_;
  RpcServerOptions options_;
  rpc::FrameBuffer reader_;
  std::string pending_;  // responses not yet handed to the socket
  std::string writing_;  // the batch being written (by Flush, then WriteLoop)
  bool writing_active_ = false;
  bool closed_ = false;
  size_t in_flight_ = 0;
  // The stop signals of the ExecuteRequests in flight, by request id.
  std::unordered_map<uint32_t, std::shared_ptr<StatementCancel>> cancels_;
  boost::asio::steady_timer slot_freed_;  // cancelled when a request finishes
};

}  // namespace tessera::vttablet
