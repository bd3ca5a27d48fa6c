#include "vtgate/mysql/server.h"

#include <chrono>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/logging.h"
#include "vtgate/mysql/caching_sha2_password.h"
#include "vtgate/mysql/client_connection.h"
#include "vtgate/mysql/connection_registry.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/rsa_key_pair.h"
#include "vtgate/mysql/tls_context.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

}  // namespace

struct Server::Worker {
  ConnectionRegistry registry;  // declared first: outlives the connections in `context`
  asio::io_context context{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::thread thread;
};

Server::Server(ServerOptions options, UserLookup users, SessionHandlerFactory sessions)
    : options_(std::move(options)),
      users_(std::move(users)),
      sessions_(std::move(sessions)),
      log_(GetLogger("vtgate.mysql")),
      clients_(options_.max_connections),
      acceptor_(accept_context_) {
  size_t n = options_.workers;
  if (n == 0) n = std::max(1u, std::thread::hardware_concurrency());
  for (size_t i = 0; i < n; ++i) workers_.push_back(std::make_unique<Worker>());
}

Server::~Server() {
  Stop();
}

asio::io_context& Server::worker_context(size_t i) {
  return workers_.at(i)->context;
}

Status Server::LoadCredentials() {
  const std::string& plugin = options_.default_auth_plugin;
  if (plugin != kNativePasswordPlugin && plugin != kCachingSha2PasswordPlugin) {
    return Error::Internal(fmt::format("unknown default authentication plugin '{}' (known: {}, {})",
                                       plugin, kNativePasswordPlugin, kCachingSha2PasswordPlugin));
  }
  if (options_.tls.enabled()) {
    auto context = MakeServerTlsContext(options_.tls);
    if (!context.ok()) return context.error();
    tls_context_ = std::move(context).value();
  } else if (options_.tls.require_secure_transport) {
    return Error::Internal("require_secure_transport needs a TLS certificate and key");
  } else if (!options_.tls.ca_file.empty()) {
    return Error::Internal("a TLS CA for client certificates needs a TLS certificate and key");
  }
  for (const auto& [user, requirement] : options_.tls.user_requirements) {
    if (requirement != TransportRequirement::kNone && !options_.tls.enabled())
      return Error::Internal(fmt::format(
          "user '{}' must log in over TLS, which needs a TLS certificate and key", user));
    if (requirement == TransportRequirement::kX509 && options_.tls.ca_file.empty())
      return Error::Internal(fmt::format(
          "user '{}' must present a client certificate, which needs a TLS CA to verify it", user));
  }
  auto key = options_.rsa_private_key_file.empty()
                 ? RsaKeyPair::Generate()
                 : RsaKeyPair::LoadPrivateKey(options_.rsa_private_key_file);
  if (!key.ok()) return key.error();
  rsa_key_ = std::move(key).value();
  return Status::Ok();
}

Status Server::Start() {
  if (started_) return Error::Internal("server already started");
  if (Status loaded = LoadCredentials(); !loaded.ok()) return loaded;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(options_.host, ec);
  if (ec) return Error::Internal(fmt::format("invalid listen address '{}'", options_.host));
  tcp::endpoint endpoint(address, options_.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor_.close();
    return Error::Internal(
        fmt::format("cannot listen on {}:{}: {}", options_.host, options_.port, ec.message()));
  }
  port_ = acceptor_.local_endpoint().port();
  started_ = true;
  for (auto& w : workers_) {
    w->guard.emplace(w->context.get_executor());
    w->thread = std::thread([ctx = &w->context] { ctx->run(); });
  }
  asio::co_spawn(accept_context_, AcceptLoop(), asio::detached);
  accept_thread_ = std::thread([this] { accept_context_.run(); });
  log_->info("MySQL protocol listening on {}:{} with {} workers (TLS {}{})", options_.host, port_,
             workers_.size(), tls_context_ ? "on" : "off",
             options_.tls.require_secure_transport ? ", required" : "");
  return Status::Ok();
}

asio::awaitable<void> Server::AcceptLoop() {
  asio::steady_timer backoff(accept_context_);
  while (acceptor_.is_open()) {
    size_t worker = next_worker_;
    next_worker_ = (next_worker_ + 1) % workers_.size();
    tcp::socket socket(workers_[worker]->context);
    boost::system::error_code ec;
    co_await acceptor_.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) {
      Spawn(std::move(socket), worker);
      continue;
    }
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
    // Out of descriptors or similar: log, pause briefly, keep accepting.
    log_->warn("accept failed: {}", ec.message());
    backoff.expires_after(std::chrono::milliseconds(50));
    co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

void Server::Spawn(tcp::socket socket, size_t worker) {
  boost::system::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);
  Worker& w = *workers_[worker];
  uint32_t id = next_connection_id_.fetch_add(1, std::memory_order_relaxed);
  ConnectionDeps deps{&options_,          &users_,        &sessions_,   &w.registry, log_.get(),
                      tls_context_.get(), rsa_key_.get(), &sha2_cache_, &clients_};
  // Over the limit, the connection is still served: with ERR 1040 instead
  // of the greeting.
  const bool admitted = clients_.Admit();
  // The connection is created on its worker so the registry stays single-threaded.
  asio::post(w.context, [&w, id, worker, deps, admitted, s = std::move(socket)]() mutable {
    auto connection = std::make_shared<ClientConnection>(std::move(s), id, worker, deps, admitted);
    asio::co_spawn(w.context, ClientConnection::Run(std::move(connection)), asio::detached);
  });
}

void Server::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (started_) {
    asio::post(accept_context_, [this] {
      boost::system::error_code ec;
      acceptor_.close(ec);
    });
    accept_thread_.join();
  }
  for (auto& w : workers_) {
    if (!w->thread.joinable()) continue;
    asio::post(w->context, [ctx = &w->context, registry = &w->registry] {
      for (ClientConnection* c : registry->Snapshot()) c->Close();
      // Queued after the aborted I/O of the closed connections, which thus
      // get to finish first.
      asio::post(*ctx, [ctx] { ctx->stop(); });
    });
    w->guard.reset();
  }
  for (auto& w : workers_) {
    if (w->thread.joinable()) w->thread.join();
  }
}

}  // namespace tessera::vtgate::mysql
