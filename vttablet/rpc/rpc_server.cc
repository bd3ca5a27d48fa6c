#include "vttablet/rpc/rpc_server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

#include "common/logging.h"
#include "vttablet/rpc/server_connection.h"

namespace tessera::vttablet {

namespace asio = boost::asio;
using asio::ip::tcp;

RpcServer::RpcServer(asio::io_context& io, TabletService& service, RpcServerOptions options)
    : io_(io), service_(service), options_(options), acceptor_(io) {}

RpcServer::~RpcServer() { Stop(); }

Result<uint16_t> RpcServer::Listen(const std::string& host, uint16_t port) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return Error::Internal(fmt::format("invalid listen address '{}': {}", host, ec.message()));
  tcp::endpoint endpoint(address, port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::Internal(fmt::format("cannot listen on {}:{}: {}", host, port, ec.message()));
  }
  return acceptor_.local_endpoint().port();
}

void RpcServer::Start() { asio::co_spawn(io_, AcceptLoop(), asio::detached); }

void RpcServer::Stop() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

asio::awaitable<void> RpcServer::AcceptLoop() {
  auto log = GetLogger("vttablet");
  while (acceptor_.is_open()) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
      log->warn("accept failed: {}", ec.message());
      continue;
    }
    auto connection = std::make_shared<ServerConnection>(std::move(socket), service_, options_);
    asio::co_spawn(io_, connection->Serve(), asio::detached);
  }
}

}  // namespace tessera::vttablet
