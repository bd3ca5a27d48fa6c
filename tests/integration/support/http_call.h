// HttpCall: one HTTP/JSON request to a server under test on 127.0.0.1 (the
// schemad API), and its answer. Blocks.
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace tessera::testing {

struct HttpResult {
  unsigned status = 0;  // 0 when no answer came (the reason is in `raw`)
  nlohmann::json body;  // discarded when the answer is not JSON
  std::string raw;
};

// `authorization` is the Authorization header's value; none when empty.
inline HttpResult HttpCall(uint16_t port, const std::string& method, const std::string& target,
                           const std::optional<nlohmann::json>& body,
                           const std::string& authorization) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  HttpResult out;
  try {
    boost::asio::io_context io;
    boost::asio::ip::tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(60));
    stream.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!authorization.empty()) req.set(http::field::authorization, authorization);
    if (body) {
      req.set(http::field::content_type, "application/json");
      req.body() = body->dump();
    }
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    out.status = res.result_int();
    out.raw = res.body();
    out.body = nlohmann::json::parse(res.body(), nullptr, false);
  } catch (const std::exception& e) {
    out.raw = e.what();
  }
  return out;
}

}  // namespace tessera::testing
