// vttablet: serves one shard (one MariaDB) to vtgate over the tablet RPC.
#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <csignal>
#include <cstdlib>
#include <optional>
#include <string>

#include <mysql.h>
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include "common/logging.h"
#include "common/rpc/local_socket.h"
#include "vttablet/onlineddl/executor.h"
#include "vttablet/onlineddl/migration_commands.h"
#include "vttablet/onlineddl/throttler.h"
#include "vttablet/rpc/rpc_server.h"
#include "vttablet/tabletserver/query_service.h"

namespace {

namespace asio = boost::asio;
using namespace tessera;

struct Flags {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  bool local_socket = true;
  vttablet::MariaDbParams mariadb;
  std::string keyspace;
  std::string shard;
  size_t pool_size = 16;
  uint32_t transaction_timeout_ms = 30000;
  uint32_t query_timeout_ms = 0;
  std::string log_level = "info";
  uint32_t revert_window_seconds = 1800;
  uint64_t throttle_threads_running = 64;
  std::string throttle_replicas;  // "host:port,host:port"
  uint32_t throttle_max_replica_lag_ms = 1000;
  std::optional<std::string> throttle_replica_user;
  std::optional<std::string> throttle_replica_password;
};

int Serve(const Flags& flags) {
  SetLogLevel(flags.log_level);
  auto log = GetLogger("vttablet");
  std::signal(SIGPIPE, SIG_IGN);
  if (mysql_library_init(0, nullptr, nullptr) != 0) {
    log->error("cannot initialize the MariaDB client library");
    return 1;
  }

  // One io_context on one thread: MariaDB connections, transactions and RPC
  // connections all live on it, so nothing needs a lock.
  asio::io_context io(1);
  vttablet::QueryServiceOptions options;
  options.pool_size = flags.pool_size;
  options.transaction_idle_timeout = std::chrono::milliseconds(flags.transaction_timeout_ms);
  options.default_query_timeout = std::chrono::milliseconds(flags.query_timeout_ms);
  // Online DDL runs on threads of its own with blocking connections.
  vttablet::onlineddl::ExecutorOptions ddl_options;
  ddl_options.keyspace = flags.keyspace;
  ddl_options.shard = flags.shard;
  ddl_options.revert_window = std::chrono::seconds(flags.revert_window_seconds);
  ddl_options.throttle.max_threads_running = flags.throttle_threads_running;
  // Checked by the flag's validator already.
  ddl_options.throttle.replicas =
      vttablet::onlineddl::ParseReplicaAddresses(flags.throttle_replicas).value();
  ddl_options.throttle.max_replica_lag =
      std::chrono::milliseconds(flags.throttle_max_replica_lag_ms);
  ddl_options.throttle.replica_user = flags.throttle_replica_user;
  ddl_options.throttle.replica_password = flags.throttle_replica_password;
  vttablet::onlineddl::Executor executor(flags.mariadb, ddl_options);
  vttablet::onlineddl::MigrationCommands migration_commands(executor);
  asio::thread_pool admin_threads(1);
  vttablet::QueryService service(io.get_executor(), flags.mariadb, options, &migration_commands,
                                 admin_threads.get_executor());
  vttablet::RpcServer server(io, service);
  auto port = server.Listen(flags.host, flags.port);
  if (!port.ok()) {
    log->error("{}", port.error().message);
    return 1;
  }
  // Clients on this machine (vtgate, schemad) try this socket first.
  std::string local_note;
  if (flags.local_socket) {
    auto name = rpc::TabletLocalSocketName(flags.host, port.value());
    Status listening = name ? server.ListenLocal(*name)
                            : Status(Error::Internal("the listen address is too long for a "
                                                     "Unix socket name"));
    if (listening.ok()) {
      local_note = " and on @" + name->substr(1);
    } else {
      log->warn("RPC over TCP only: {}", listening.error().message);
    }
  }
  service.Start();
  server.Start();
  executor.Start();
  log->info("tablet {}/{} listening on {}:{}{}, MariaDB at {} (pool of {})", flags.keyspace,
            flags.shard, flags.host, port.value(), local_note, flags.mariadb.Address(),
            flags.pool_size);

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    log->info("signal {} received; shutting down", signal_number);
    server.Stop();
    executor.Stop();
    io.stop();
  });
  io.run();
  log->info("tablet {}/{} stopped", flags.keyspace, flags.shard);
  spdlog::shutdown();
  // Leave without unwinding the coroutines still parked on the io_context;
  // closing the process closes the MariaDB connections, and MariaDB rolls
  // back any transaction that was still open.
  std::_Exit(0);
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app{"vttablet: serves one shard's MariaDB to vtgate over the tablet RPC"};
  app.add_option("--port", flags.port, "tablet RPC port (0: any free port)")->required();
  app.add_option("--host", flags.host, "tablet RPC listen address")->capture_default_str();
  app.add_option("--local-socket", flags.local_socket,
                 "also serve RPC on the abstract Unix socket named after --host and --port, "
                 "which clients on this machine use instead of TCP")
      ->capture_default_str();
  app.add_option("--mariadb-host", flags.mariadb.host, "MariaDB host")->capture_default_str();
  app.add_option("--mariadb-port", flags.mariadb.port, "MariaDB port")->capture_default_str();
  app.add_option("--mariadb-socket", flags.mariadb.socket,
                 "MariaDB Unix socket; when set, used instead of host and port");
  app.add_option("--mariadb-user", flags.mariadb.user, "MariaDB user")->capture_default_str();
  app.add_option("--mariadb-password", flags.mariadb.password, "MariaDB password");
  app.add_option("--keyspace", flags.keyspace, "keyspace this tablet serves")->required();
  app.add_option("--shard", flags.shard, "shard this tablet serves, e.g. -80")->required();
  app.add_option("--pool-size", flags.pool_size, "MariaDB connections")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  app.add_option("--transaction-timeout-ms", flags.transaction_timeout_ms,
                 "roll back transactions idle longer than this")
      ->capture_default_str();
  app.add_option("--query-timeout-ms", flags.query_timeout_ms,
                 "default statement timeout (0: none)")
      ->capture_default_str();
  app.add_option("--log-level", flags.log_level, "trace, debug, info, warn, error")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.add_option("--revert-window-seconds", flags.revert_window_seconds,
                 "how long a completed online migration can be reverted")
      ->capture_default_str();
  app.add_option(
         "--throttle-threads-running", flags.throttle_threads_running,
         "pause online DDL copying while MariaDB's Threads_running is above this (0: never)")
      ->capture_default_str();
  app.add_option("--throttle-replicas", flags.throttle_replicas,
                 "replicas whose lag throttles online DDL copying, as host:port,host:port "
                 "(IPv6: [addr]:port); an unreachable or stopped replica throttles too")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            auto parsed = vttablet::onlineddl::ParseReplicaAddresses(text);
            return parsed.ok() ? "" : parsed.error().message;
          },
          "HOST:PORT,...", "replica list"));
  app.add_option("--throttle-max-replica-lag-ms", flags.throttle_max_replica_lag_ms,
                 "pause online DDL copying while a --throttle-replicas replica lags more")
      ->capture_default_str()
      ->check(CLI::Range(1u, 86400000u));
  app.add_option("--throttle-replica-user", flags.throttle_replica_user,
                 "MariaDB user for the --throttle-replicas checks (default: --mariadb-user)");
  app.add_option("--throttle-replica-password", flags.throttle_replica_password,
                 "its password (default: --mariadb-password)");
  CLI11_PARSE(app, argc, argv);
  return Serve(flags);
}
