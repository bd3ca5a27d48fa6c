// Server: vtgate's MySQL protocol listener. One acceptor thread hands each
// accepted connection to one of N worker threads (round robin), each running
// its own io_context; the connection stays on that worker for its lifetime
// and is served by one coroutine (see ClientConnection). The server owns
// what authentication shares across connections: the TLS context, the RSA
// key and the caching_sha2_password digest cache.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "common/error.h"
#include "vtgate/mysql/client_directory.h"
#include "vtgate/mysql/server_options.h"
#include "vtgate/mysql/session_handler.h"
#include "vtgate/mysql/sha2_digest_cache.h"

namespace spdlog {
class logger;
}
namespace boost::asio::ssl {
class context;
}

namespace tessera::vtgate::mysql {

class RsaKeyPair;

class Server {
 public:
  // The worker io_contexts exist from construction on, so the executor may
  // bind per-worker resources to them before Start().
  Server(ServerOptions options, UserLookup users, SessionHandlerFactory sessions);
  ~Server();  // Stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the TLS certificate and the RSA key (or generates the key), binds
  // and listens, then starts the worker and acceptor threads. Returns once
  // the port accepts connections, or an Error naming what failed.
  Status Start();
  // The bound port (meaningful after a successful Start()).
  uint16_t port() const { return port_; }

  boost::asio::io_context& worker_context(size_t i);
  // caching_sha2_password digests; seed it with the digests of users whose
  // plain password is known (before Start()).
  Sha2DigestCache& sha2_cache() { return sha2_cache_; }
  size_t worker_count() const { return workers_.size(); }
  // The live connections (SHOW PROCESSLIST, KILL, the connection limit).
  ClientDirectory& clients() { return clients_; }

  // Closes the listener and every connection, then joins all threads.
  // Idempotent. Sessions not finished by then are destroyed with the
  // worker contexts (in ~Server).
  void Stop();

 private:
  struct Worker;
  Status LoadCredentials();
  boost::asio::awaitable<void> AcceptLoop();
  void Spawn(boost::asio::ip::tcp::socket socket, size_t worker);

  const ServerOptions options_;
  const UserLookup users_;
  const SessionHandlerFactory sessions_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<boost::asio::ssl::context> tls_context_;  // null: TLS off
  std::unique_ptr<RsaKeyPair> rsa_key_;
  Sha2DigestCache sha2_cache_;
  ClientDirectory clients_;
  std::atomic<uint32_t> next_connection_id_{1};
  // Declared after the collaborators connections point to, so connection
  // coroutines still pending are destroyed first.
  std::vector<std::unique_ptr<Worker>> workers_;
  boost::asio::io_context accept_context_{1};
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread accept_thread_;
  size_t next_worker_ = 0;  // acceptor thread only
  uint16_t port_ = 0;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace tessera::vtgate::mysql
