#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include "vttablet/rpc/rpc_server.h"

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/logging.h"
#include "vttablet/rpc/server_connection.h"

namespace tessera::vttablet {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

template <class Acceptor>
asio::awaitable<void> AcceptLoop(std::shared_ptr<Acceptor> acceptor, TabletService& service,
                                 RpcServerOptions options, bool tcp) {
  auto log = GetLogger("vttablet");
  while (acceptor->is_open()) {
    boost::system::error_code ec;
    auto socket = co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor->is_open()) break;
      log->warn("accept failed: {}", ec.message());
      continue;
    }
    auto connection = std::make_shared<ServerConnection>(
        asio::generic::stream_protocol::socket(std::move(socket)), tcp, service, options);
    asio::co_spawn(acceptor->get_executor(), connection->Serve(connection), asio::detached);
  }
}

}  // namespace

RpcServer::RpcServer(asio::io_context& io, TabletService& service, RpcServerOptions options)
    : io_(io),
      service_(service),
      options_(options),
      acceptor_(std::make_shared<tcp::acceptor>(io)),
      local_acceptor_(std::make_shared<asio::local::stream_protocol::acceptor>(io)) {}

RpcServer::~RpcServer() {
  Stop();
}

Result<uint16_t> RpcServer::Listen(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec)
    return Error::Internal(fmt::format("invalid listen address '{}': {}", host, ec.message()));
  tcp::endpoint endpoint(address, port);
  acceptor_->open(endpoint.protocol(), ec);
  if (!ec) acceptor_->set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_->bind(endpoint, ec);
  if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::Internal(fmt::format("cannot listen on {}:{}: {}", host, port, ec.message()));
  }
  return acceptor_->local_endpoint().port();
}

Status RpcServer::ListenLocal(const std::string& path) {
  boost::system::error_code ec;
  asio::local::stream_protocol::endpoint endpoint(path);
  local_acceptor_->open(endpoint.protocol(), ec);
  if (!ec) local_acceptor_->bind(endpoint, ec);
  if (!ec) local_acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    local_acceptor_->close(ignored);
    const bool abstract = !path.empty() && path[0] == '\0';
    return Error::Internal(fmt::format("cannot listen on the Unix socket {}{}: {}",
                                       abstract ? "@" : "", abstract ? path.substr(1) : path,
                                       ec.message()));
  }
  return {};
}

void RpcServer::Start() {
  asio::co_spawn(io_, AcceptLoop(acceptor_, service_, options_, /*tcp=*/true), asio::detached);
  if (local_acceptor_->is_open()) {
    asio::co_spawn(io_, AcceptLoop(local_acceptor_, service_, options_, /*tcp=*/false),
                   asio::detached);
  }
}

void RpcServer::Stop() {
  boost::system::error_code ignored;
  acceptor_->close(ignored);
  local_acceptor_->close(ignored);
}

}  // namespace tessera::vttablet
