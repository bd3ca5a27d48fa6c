// vtgate: the MySQL-protocol front door of a Tessera cluster.
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <set>
#include <thread>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "common/logging.h"
#include "config/loader.h"
#include "vtgate/branch_directory.h"
#include "vtgate/branch_directory_refresher.h"
#include "vtgate/column_list_refresher.h"
#include "vtgate/mysql/server.h"
#include "vtgate/session.h"
#include "vtgate/twopc/resolver.h"
#include "vtgate/twopc/transaction_settings.h"
#include "vtgate/vschema.h"
#include "vtgate/worker_context.h"

int main(int argc, char** argv) {
  using namespace tessera;
  CLI::App app{"vtgate: serves the MySQL protocol and routes statements to the shards' tablets"};
  std::string config_path;
  std::string log_level = "info";
  int port = -1;
  size_t workers = 0;
  app.add_option("--config", config_path, "cluster config file (YAML)")->required();
  app.add_option("--port", port,
                 "listen port (default: the config's vtgate port; 0 picks a free one)");
  app.add_option("--workers", workers, "worker threads (default: the config's, else one per core)");
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error");
  std::string tls_cert, tls_key;
  auto* cert_flag = app.add_option("--tls-cert", tls_cert,
                                   "PEM certificate for client TLS (overrides the config's)");
  auto* key_flag = app.add_option("--tls-key", tls_key, "PEM private key of --tls-cert");
  cert_flag->needs(key_flag);
  key_flag->needs(cert_flag);
  std::string tls_ca;
  app.add_option("--tls-ca", tls_ca,
                 "PEM CA bundle (overrides the config's): clients are asked for a certificate, "
                 "and one they present must verify against these CAs or the TLS handshake "
                 "fails; clients without a certificate are still served (there is no per-user "
                 "REQUIRE X509). Needs a TLS certificate.");
  std::string rsa_private_key;
  app.add_option("--rsa-private-key", rsa_private_key,
                 "PEM RSA private key for caching_sha2_password without TLS (default: a new "
                 "key at every start)");
  uint64_t query_timeout_ms = 0;
  app.add_option("--query-timeout-ms", query_timeout_ms,
                 "default query_timeout of every session in milliseconds: each shard query ends "
                 "with error 1969 past it (0: none; SET query_timeout and /*vt+ "
                 "QUERY_TIMEOUT_MS=n */ override it)");
  std::string transaction_mode = "multi";
  app.add_option("--transaction-mode", transaction_mode,
                 "default transaction_mode of every session: single (a second shard in a "
                 "transaction is an error), multi (commit shard by shard) or twopc (atomic "
                 "two-phase commit over MariaDB XA); sessions change it with SET "
                 "transaction_mode");
  uint64_t twopc_abandon_age_ms = 5000;
  app.add_option("--twopc-abandon-age-ms", twopc_abandon_age_ms,
                 "the resolver finishes a distributed transaction whose coordinator has not "
                 "after this long: commits it when the commit was decided, else rolls it back");
  uint64_t twopc_resolve_interval_ms = 1000;
  app.add_option("--twopc-resolve-interval-ms", twopc_resolve_interval_ms,
                 "how often the resolver looks for unfinished distributed transactions");
  uint64_t max_memory_rows = 0;
  app.add_option("--max-memory-rows", max_memory_rows,
                 "rows one query may hold in vtgate memory to sort, aggregate, deduplicate or "
                 "join across shards; beyond it the query fails with error 1105 (default: the "
                 "config's vtgate max_memory_rows, else 100000)");
  uint64_t column_refresh_interval_ms = 30000;
  app.add_option("--column-refresh-interval-ms", column_refresh_interval_ms,
                 "how often vtgate reads every keyspace's column lists from its first shard "
                 "(to resolve unqualified columns in joins it runs itself; 0: only when a "
                 "statement needs them and after DDL through vtgate)");
  std::string twopc_test_pause;
  app.add_option("--twopc-test-pause", twopc_test_pause,
                 "for crash tests only: after-prepare:<ms> or after-decision:<ms> makes every "
                 "two-phase commit wait there");
  CLI11_PARSE(app, argc, argv);

  SetLogLevel(log_level);
  auto log = GetLogger("vtgate");
  vtgate::TransactionSettings transactions;
  if (auto mode = vtgate::ParseTransactionMode(transaction_mode)) {
    transactions.default_mode = *mode;
  } else {
    std::cerr << "vtgate: --transaction-mode must be single, multi or twopc, not '"
              << transaction_mode << "'\n";
    return 2;
  }
  if (twopc_abandon_age_ms == 0 || twopc_resolve_interval_ms == 0) {
    std::cerr << "vtgate: --twopc-abandon-age-ms and --twopc-resolve-interval-ms must be "
                 "positive\n";
    return 2;
  }
  transactions.twopc.abandon_age = std::chrono::milliseconds(twopc_abandon_age_ms);
  transactions.twopc.resolve_interval = std::chrono::milliseconds(twopc_resolve_interval_ms);
  if (!twopc_test_pause.empty()) {
    const size_t colon = twopc_test_pause.find(':');
    const std::string phase = twopc_test_pause.substr(0, colon);
    uint64_t ms = 0;
    bool ok = colon != std::string::npos && colon + 1 < twopc_test_pause.size();
    for (size_t i = colon + 1; ok && i < twopc_test_pause.size(); ++i) {
      ok = std::isdigit(static_cast<unsigned char>(twopc_test_pause[i])) != 0;
      if (ok) ms = ms * 10 + static_cast<uint64_t>(twopc_test_pause[i] - '0');
    }
    if (ok && phase == "after-prepare") {
      transactions.twopc.pause = vtgate::TwoPcSettings::Pause::kAfterPrepare;
    } else if (ok && phase == "after-decision") {
      transactions.twopc.pause = vtgate::TwoPcSettings::Pause::kAfterDecision;
    } else {
      std::cerr << "vtgate: --twopc-test-pause must be after-prepare:<ms> or "
                   "after-decision:<ms>, not '"
                << twopc_test_pause << "'\n";
      return 2;
    }
    transactions.twopc.pause_for = std::chrono::milliseconds(ms);
  }
  auto topology = config::LoadTopology(config_path);
  if (!topology.ok()) {
    std::cerr << "vtgate: " << topology.error().message << "\n";
    return 2;
  }
  auto vschema = vtgate::VSchema::Build(*topology);
  if (!vschema.ok()) {
    std::cerr << "vtgate: " << vschema.error().message << "\n";
    return 2;
  }

  vtgate::mysql::ServerOptions options;
  options.host = topology->vtgate.listen.host;
  options.port = port >= 0 ? static_cast<uint16_t>(port) : topology->vtgate.listen.port;
  options.workers = workers != 0 ? workers
                    : topology->vtgate.workers > 0
                        ? static_cast<size_t>(topology->vtgate.workers)
                        : std::max(1u, std::thread::hardware_concurrency());
  if (const auto& tls = topology->vtgate.tls) {
    options.tls.cert_file = tls->cert;
    options.tls.key_file = tls->key;
    options.tls.ca_file = tls->ca;
    options.tls.require_secure_transport = tls->require_secure_transport;
  }
  for (const auto& user : topology->users) {
    if (user.require == config::UserConfig::Require::kSsl)
      options.tls.user_requirements[user.name] = vtgate::mysql::TransportRequirement::kSsl;
    if (user.require == config::UserConfig::Require::kX509)
      options.tls.user_requirements[user.name] = vtgate::mysql::TransportRequirement::kX509;
  }
  if (!tls_cert.empty()) {
    options.tls.cert_file = tls_cert;
    options.tls.key_file = tls_key;
  }
  if (!tls_ca.empty()) options.tls.ca_file = tls_ca;
  options.rsa_private_key_file = rsa_private_key;
  options.default_auth_plugin = topology->vtgate.default_auth_plugin;
  options.max_connections = topology->vtgate.max_connections;

  // Branch-scoped credentials and branch flags come from schemad's metadata
  // store, read through the metadata keyspace's first tablet.
  std::set<std::string> config_users;
  for (const auto& user : topology->users) config_users.insert(user.name);
  vtgate::BranchDirectory branches(config_users);
  std::unique_ptr<vtgate::BranchDirectoryRefresher> refresher;
  if (topology->schemad) {
    const auto* ks = topology->FindKeyspace(topology->schemad->metadata_keyspace);
    if (ks != nullptr && !ks->shards.empty()) {
      refresher =
          std::make_unique<vtgate::BranchDirectoryRefresher>(branches, ks->shards.front().tablet);
      refresher->Start();
    }
  }

  auto users = topology->users;
  vtgate::mysql::UserLookup lookup =
      [users, &branches](std::string_view name) -> std::optional<std::string> {
    for (const auto& user : users)
      if (user.name == name) return user.password_hash;
    if (auto credential = branches.FindCredential(name)) return credential->password_hash;
    return std::nullopt;
  };

  vtgate::UserKeyspaces user_keyspaces;
  for (const auto& user : topology->users) {
    if (!user.keyspaces.empty()) user_keyspaces[user.name] = user.keyspaces;
  }
  std::vector<std::unique_ptr<vtgate::WorkerContext>> contexts;
  vtgate::mysql::SessionHandlerFactory factory =
      [&contexts, query_timeout_ms](const vtgate::mysql::ClientInfo& client)
      -> std::unique_ptr<vtgate::mysql::SessionHandler> {
    auto session =
        std::make_unique<vtgate::Session>(*contexts.at(client.worker), client, query_timeout_ms);
    if (!client.database.empty()) {
      // The server calls UseDatabase for the handshake's database itself.
    }
    return session;
  };
  vtgate::mysql::Server server(options, lookup, factory);
  // Users whose plain password the config holds log in with
  // caching_sha2_password's fast path from the start.
  for (const auto& user : topology->users) {
    if (user.caching_sha2_digest.empty()) continue;
    server.sha2_cache().Store(user.name, user.password_hash, user.caching_sha2_digest);
  }
  for (size_t i = 0; i < server.worker_count(); ++i) {
    contexts.push_back(std::make_unique<vtgate::WorkerContext>(
        server.worker_context(i), *vschema, &branches, &user_keyspaces, transactions,
        max_memory_rows > 0 ? static_cast<size_t>(max_memory_rows)
                            : topology->vtgate.max_memory_rows));
  }
  // One resolver per vtgate finishes distributed transactions left behind
  // (by this vtgate before a crash, or by a shard that was down at commit).
  vtgate::twopc::TwoPcResolver resolver(*contexts.front());
  Status started = server.Start();
  if (!started.ok()) {
    std::cerr << "vtgate: " << started.error().message << "\n";
    return 1;
  }
  log->info("vtgate serving MySQL on {}:{} with {} workers", options.host, server.port(),
            server.worker_count());
  resolver.Start();
  std::unique_ptr<vtgate::ColumnListRefresher> column_lists;
  if (column_refresh_interval_ms > 0) {
    column_lists = std::make_unique<vtgate::ColumnListRefresher>(
        *contexts.front(), std::chrono::milliseconds(column_refresh_interval_ms));
    column_lists->Start();
  }

  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int sig) {
    log->info("signal {}: shutting down", sig);
  });
  signals_io.run();
  server.Stop();
  if (refresher) refresher->Stop();
  log->info("vtgate stopped");
  spdlog::shutdown();
  // Leave without unwinding: coroutines still parked on the workers'
  // io_contexts hold sessions and tablet channels whose destruction order
  // against the io_contexts and the worker contexts is not defined (seen as
  // heap corruption at exit). Closing the process closes every socket; the
  // tablets roll back the transactions of the connections that went away.
  std::_Exit(0);
}
