// HttpServer: the schemad API over HTTP/1.1 (Boost.Beast), keep-alive, one
// coroutine per connection on its own strand. The io_context may be run by
// several threads; the handler runs on them and may block (it does MariaDB
// work), so the number of threads bounds the requests served at once.
//
// Network input is untrusted: a body over 1 MiB gets 413, an unparsable
// request 400, both as JSON errors, and the connection is closed. A
// connection idle for 60 s is closed.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "common/error.h"
#include "schema/service/api_message.h"

namespace tessera::schema {

class HttpServer {
 public:
  using Handler = std::function<ApiResponse(const ApiRequest&)>;

  HttpServer(boost::asio::io_context& io, Handler handler);

  // Binds and listens; returns the bound port (useful with port 0).
  Result<uint16_t> Listen(const std::string& host, uint16_t port);
  // Starts accepting; call once after Listen.
  void Start();
  // Stops accepting new connections (open ones finish their request).
  void Stop();

 private:
  boost::asio::awaitable<void> AcceptLoop();

  boost::asio::io_context& io_;
  Handler handler_;
  boost::asio::ip::tcp::acceptor acceptor_;
};

}  // namespace tessera::schema
