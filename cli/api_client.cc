#include "cli/api_client.h"

#include <cctype>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace tessera::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

}  // namespace

Result<nlohmann::json> ApiClient::Call(const std::string& method, const std::string& target,
                                       const std::optional<nlohmann::json>& body) const {
  asio::io_context io;
  beast::tcp_stream stream(io);
  beast::error_code ec;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(host_, std::to_string(port_), ec);
  if (ec) return Error::Internal("cannot resolve " + host_ + ": " + ec.message());

  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, host_);
  req.set(http::field::user_agent, "tessera-cli");
  req.set(http::field::authorization, "Bearer " + token_);
  req.set(http::field::accept, "application/json");
  if (body) {
    req.set(http::field::content_type, "application/json");
    req.body() = body->dump();
  }
  req.prepare_payload();

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  Error failure = Error::Internal("");
  bool failed = false;
  auto fail = [&](const std::string& what, const beast::error_code& e) {
    failed = true;
    failure = Error::Internal(what + " " + address() + ": " + e.message());
  };

  stream.expires_after(timeout_);
  stream.async_connect(endpoints, [&](const beast::error_code& e, const tcp::endpoint&) {
    if (e) {
      failed = true;
      failure = Error::Internal(
          e == asio::error::connection_refused
              ? "schemad is not running at " + address() + " — start the cluster with tessera up"
              : "cannot connect to schemad at " + address() + ": " + e.message());
      return;
    }
    http::async_write(stream, req, [&](const beast::error_code& we, size_t) {
      if (we) return fail("cannot send the request to schemad at", we);
      http::async_read(stream, buffer, parser, [&](const beast::error_code& re, size_t) {
        if (re == beast::error::timeout) return fail("no answer within the timeout from", re);
        if (re) return fail("cannot read the answer of schemad at", re);
      });
    });
  });
  io.run();
  if (failed) return failure;

  const auto& res = parser.get();
  nlohmann::json parsed = nlohmann::json::parse(res.body(), nullptr, /*allow_exceptions=*/false);
  const unsigned status = res.result_int();
  if (status >= 200 && status < 300) {
    if (parsed.is_discarded()) return Error::Internal("schemad answered with malformed JSON");
    return parsed;
  }
  if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object()) {
    const auto& e = parsed["error"];
    std::string message = e.value("message", std::string("HTTP ") + std::to_string(status));
    if (status == 401) message += " (check schemad.token in the config)";
    return Error::Internal(message);
  }
  return Error::Internal("schemad answered HTTP " + std::to_string(status));
}

Result<ApiClient> SchemadClient(const config::Topology& topology) {
  if (!topology.schemad) {
    return Error::Internal(topology.source_file +
                           ": no schemad section, so this cluster runs no schema service");
  }
  const auto& listen = topology.schemad->listen;
  std::string host = listen.host == "0.0.0.0" || listen.host.empty() ? "127.0.0.1" : listen.host;
  return ApiClient(host, listen.port, topology.schemad->token);
}

std::string PathSegment(const std::string& segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : segment) {
    if (std::isalnum(c) || c == '.' || c == '_' || c == '-') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

}  // namespace tessera::cli
