#include "schema/service/http_server.h"

#include <optional>
#include <string_view>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "common/logging.h"
#include "schema/console/console_files.h"
#include "schema/service/error_response.h"

namespace tessera::schema {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kBodyLimit = 1 << 20;
constexpr auto kIdleTimeout = std::chrono::seconds(60);

http::response<http::string_body> ToHttp(const ApiResponse& reply, unsigned version,
                                         bool keep_alive) {
  http::response<http::string_body> res{static_cast<http::status>(reply.status), version};
  res.set(http::field::server, "schemad");
  res.set(http::field::content_type, "application/json");
  if (reply.status == 401) res.set(http::field::www_authenticate, "Bearer");
  if (!reply.allow.empty()) res.set(http::field::allow, reply.allow);
  res.keep_alive(keep_alive);
  res.body() = reply.body;
  res.prepare_payload();
  return res;
}

// The web console's files are public (the page asks for the token and sends
// it with each API call), so a GET or HEAD of a console path
// (console_files.h) is answered here without the bearer token and never
// reaches the API handler. nullopt: not a console request.
std::optional<http::response<http::string_body>> ConsoleReply(
    const http::request<http::string_body>& req) {
  const bool head = req.method() == http::verb::head;
  if (req.method() != http::verb::get && !head) return std::nullopt;
  std::string_view target(req.target().data(), req.target().size());
  std::string_view path = target.substr(0, target.find_first_of("?#"));
  if (!IsConsolePath(path)) return std::nullopt;
  auto file = FindConsoleFile(path);
  if (!file) {
    return ToHttp(ErrorResponse(404, "not_found", "no console file " + std::string(path)),
                  req.version(), req.keep_alive());
  }
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.set(http::field::server, "schemad");
  res.set(http::field::content_type, std::string(file->content_type));
  res.set(http::field::cache_control, "no-cache");
  res.set("X-Content-Type-Options", "nosniff");
  // Everything the page loads or calls is on this server.
  res.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
  res.keep_alive(req.keep_alive());
  if (head) {
    res.content_length(file->content.size());  // what a GET would send, without it
    return res;
  }
  res.body() = std::string(file->content);
  res.prepare_payload();
  return res;
}

asio::awaitable<void> Serve(beast::tcp_stream stream, HttpServer::Handler& handler) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(kBodyLimit);
    stream.expires_after(kIdleTimeout);
    beast::error_code ec;
    co_await http::async_read(stream, buffer, parser,
                              asio::redirect_error(asio::use_awaitable, ec));
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      break;
    }
    ApiResponse reply;
    bool keep_alive = false;
    unsigned version = 11;
    std::optional<http::response<http::string_body>> page;
    if (!ec) page = ConsoleReply(parser.get());
    if (page) {
      keep_alive = page->keep_alive();
    } else if (ec == http::error::body_limit) {
      reply = ErrorResponse(413, "payload_too_large", "request body exceeds 1 MiB");
    } else if (ec) {
      reply = ErrorResponse(400, "bad_request", "malformed HTTP request: " + ec.message());
    } else {
      auto& req = parser.get();
      version = req.version();
      keep_alive = req.keep_alive();
      ApiRequest request;
      request.method = std::string(req.method_string());
      request.target = std::string(req.target());
      request.authorization = std::string(req[http::field::authorization]);
      request.body = std::move(req.body());
      reply = handler(request);
    }
    auto res = page ? std::move(*page) : ToHttp(reply, version, keep_alive);
    stream.expires_after(kIdleTimeout);
    co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

}  // namespace

HttpServer::HttpServer(asio::io_context& io, Handler handler)
    : io_(io), handler_(std::move(handler)), acceptor_(io) {}

Result<uint16_t> HttpServer::Listen(const std::string& host, uint16_t port) {
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return Error::Internal("bad listen address " + host + ": " + ec.message());
  tcp::endpoint endpoint(address, port);
  const std::string where = host + ":" + std::to_string(port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Error::Internal("cannot listen on " + where + ": " + ec.message());
  return acceptor_.local_endpoint().port();
}

void HttpServer::Start() {
  asio::co_spawn(io_, AcceptLoop(), asio::detached);
}

void HttpServer::Stop() {
  asio::post(io_, [this] {
    beast::error_code ignored;
    acceptor_.close(ignored);
  });
}

asio::awaitable<void> HttpServer::AcceptLoop() {
  auto log = GetLogger("schemad");
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(
        asio::make_strand(io_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    if (ec) {
      // Out of descriptors and the like: pause instead of spinning.
      log->warn("accept failed: {}", ec.message());
      asio::steady_timer pause(io_, std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    auto executor = socket.get_executor();
    asio::co_spawn(executor, Serve(beast::tcp_stream(std::move(socket)), handler_), asio::detached);
  }
}

}  // namespace tessera::schema
