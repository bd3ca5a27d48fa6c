// schemad: the schema service. Serves branches, credentials, branch diffs and
// deploy requests over the HTTP/JSON API (routes in
// schema/service/api_route.h), keeping its state in the metadata database
// _tessera (schema/store/metadata_store.h), drives deploy requests'
// migrations on the tablets from a background thread, and copies branch data
// in the background (schema/branches/branch_data_copier.h).
//
//   schemad --config <topology.yaml> [--host H] [--port P] [--threads N]
//           [--require-approval] [--deploy-poll-ms MS] [--branch-copy-chunk-rows N]
//
// Start-up: load the config (it must have a `schemad:` section), create the
// metadata tables if missing, register every keyspace's production branch
// "main", fail branch data copies a previous schemad left unfinished (they
// cannot be resumed: `branch reset --with-data` copies again), resume deploy
// requests left in progress, then listen. A start-up
// failure exits 1 with the reason on stderr.
#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <mysql.h>
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "common/logging.h"
#include "config/loader.h"
#include "schema/branches/branch_catalog.h"
#include "schema/branches/branch_data_copier.h"
#include "schema/branches/credential_issuer.h"
#include "schema/deploy/deploy_poller.h"
#include "schema/deploy/deploy_requests.h"
#include "schema/deploy/rpc_migration_tablets.h"
#include "schema/service/api_handler.h"
#include "schema/service/http_server.h"
#include "schema/store/metadata_store.h"
#include "schema/store/sql_login.h"

namespace {

namespace asio = boost::asio;
using namespace tessera;

struct Flags {
  std::string config;
  std::string host;  // empty: from the config
  int port = -1;     // -1: from the config; 0: any free port
  int threads = 4;
  std::string log_level = "info";
  bool require_approval = false;
  int deploy_poll_ms = 1000;
  int copy_chunk_rows = 1000;
};

int Serve(const Flags& flags) {
  SetLogLevel(flags.log_level);
  auto log = GetLogger("schemad");
  std::signal(SIGPIPE, SIG_IGN);
  auto topology = config::LoadTopology(flags.config);
  if (!topology.ok()) {
    log->error("{}", topology.error().message);
    return 1;
  }
  if (!topology->schemad) {
    log->error("{}: no schemad section (it sets the API address and token)", flags.config);
    return 1;
  }
  const config::SchemadConfig& settings = *topology->schemad;
  if (mysql_library_init(0, nullptr, nullptr) != 0) {
    log->error("cannot initialize the MariaDB client library");
    return 1;
  }

  const config::KeyspaceConfig* meta_ks = topology->FindKeyspace(settings.metadata_keyspace);
  const config::ShardConfig& meta_shard = meta_ks->shards.front();
  schema::MetadataStore store(schema::SqlLogin::For(meta_shard.mariadb));
  if (Status s = store.EnsureSchema(); !s.ok()) {
    log->error("{}", s.error().message);
    return 1;
  }
  schema::DataCopySettings copy_settings;
  copy_settings.copy.chunk_rows = static_cast<size_t>(flags.copy_chunk_rows);
  schema::BranchDataCopier copier(store, copy_settings);
  schema::BranchCatalog catalog(*topology, store, &copier);
  if (Status s = catalog.RegisterProductionBranches(); !s.ok()) {
    log->error("cannot register production branches: {}", s.error().message);
    return 1;
  }
  if (Status s = catalog.FailInterruptedDataCopies(); !s.ok()) {
    log->error("cannot mark interrupted branch data copies failed: {}", s.error().message);
    return 1;
  }
  schema::CredentialIssuer credentials(catalog, store);
  schema::RpcMigrationTablets tablets;
  schema::DeploySettings deploy_settings;
  // The flag can only add the requirement to what the config says.
  deploy_settings.approval_required = flags.require_approval || settings.require_approval;
  deploy_settings.revert_window = settings.revert_window;
  schema::DeployRequests deploys(*topology, catalog, store, tablets, deploy_settings);
  schema::DeployPoller poller(deploys, std::chrono::milliseconds(flags.deploy_poll_ms));
  poller.Start();
  schema::ApiHandler api(catalog, credentials, settings.token, &deploys);

  asio::io_context io(flags.threads);
  schema::HttpServer server(io, [&api, &log](const schema::ApiRequest& request) {
    schema::ApiResponse response = api.Handle(request);
    // Method and path only: bodies may hold passwords.
    log->info("{} {} -> {}", request.method, request.target.substr(0, request.target.find('?')),
              response.status);
    return response;
  });
  const std::string host = flags.host.empty() ? settings.listen.host : flags.host;
  const uint16_t wanted =
      flags.port >= 0 ? static_cast<uint16_t>(flags.port) : settings.listen.port;
  auto port = server.Listen(host, wanted);
  if (!port.ok()) {
    log->error("{}", port.error().message);
    return 1;
  }
  server.Start();
  log->info("schemad listening on {}:{}, metadata in _tessera on {}/{} ({}:{})", host, *port,
            meta_ks->name, meta_shard.name, meta_shard.mariadb.host, meta_shard.mariadb.port);

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    log->info("signal {} received; shutting down", signal_number);
    server.Stop();
    io.stop();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < flags.threads; ++i) threads.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
  poller.Stop();
  log->info("schemad stopped");
  spdlog::shutdown();
  // Connection coroutines still parked on the io_context are not unwound.
  std::_Exit(0);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "schemad: the Tessera schema service (branches, credentials, deploy requests, HTTP/JSON "
      "API)"};
  Flags flags;
  app.add_option("-c,--config", flags.config, "cluster config file")->required();
  app.add_option("--host", flags.host, "listen address (default: schemad.host of the config)");
  app.add_option("--port", flags.port, "listen port (default: schemad.port; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  app.add_option("--threads", flags.threads, "request threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--log-level", flags.log_level, "trace, debug, info, warn, error")
      ->capture_default_str();
  app.add_flag("--require-approval", flags.require_approval,
               "deploy requests need an approving review before deploy");
  app.add_option("--deploy-poll-ms", flags.deploy_poll_ms,
                 "how often deploy requests' migrations are polled on the tablets")
      ->check(CLI::Range(50, 60000))
      ->capture_default_str();
  app.add_option("--branch-copy-chunk-rows", flags.copy_chunk_rows,
                 "rows per primary-key chunk read by branch data copies")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  return Serve(flags);
}
