// RpcServer: accepts tablet RPC connections and serves them from a
// TabletService on one io_context. Requests on a connection are pipelined:
// each is handled in its own coroutine, responses are written as they
// complete (tagged with the request id), writes on a connection are
// serialized and batched, and at most `max_in_flight_per_connection` requests
// of a connection run at once (reading pauses beyond that). Besides TCP it
// can listen on a Unix socket, which clients on the same machine prefer.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include "common/error.h"
#include "common/rpc/frame.h"
#include "vttablet/tabletserver/tablet_service.h"

namespace tessera::vttablet {

struct RpcServerOptions {
  uint32_t max_frame_bytes = rpc::kDefaultMaxFrameBytes;
  size_t max_in_flight_per_connection = 256;
};

class RpcServer {
 public:
  RpcServer(boost::asio::io_context& io, TabletService& service, RpcServerOptions options = {});
  ~RpcServer();
  RpcServer(const RpcServer&) = delete;
  RpcServer& operator=(const RpcServer&) = delete;

  // Binds and listens; port 0 picks a free port. Returns the bound port.
  Result<uint16_t> Listen(const std::string& host, uint16_t port);
  // Also listens on the Unix socket `path` (a leading NUL byte: an abstract
  // name, see common/rpc/local_socket.h).
  Status ListenLocal(const std::string& path);
  // Starts accepting on the io_context (call after Listen).
  void Start();
  // Stops accepting; established connections end when their peers close.
  void Stop();

 private:
  boost::asio::io_context& io_;
  TabletService& service_;
  RpcServerOptions options_;
  // Held through shared_ptrs so that they outlive the server object while
  // the accept loops unwind.
  std::shared_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::shared_ptr<boost::asio::local::stream_protocol::acceptor> local_acceptor_;
};

}  // namespace tessera::vttablet
