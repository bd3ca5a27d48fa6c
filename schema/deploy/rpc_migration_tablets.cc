#include "schema/deploy/rpc_migration_tablets.h"

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "vtgate/gateway/tablet_client.h"

namespace tessera::schema {
namespace {

namespace asio = boost::asio;

std::string TabletHost(const config::Endpoint& endpoint) {
  return endpoint.host.empty() || endpoint.host == "0.0.0.0" ? "127.0.0.1" : endpoint.host;
}

asio::awaitable<void> Send(vtgate::TabletClient& client, rpc::ExecuteRequest request,
                           std::optional<rpc::ExecuteResponse>& out) {
  out.emplace(co_await client.Execute(std::move(request)));
}

}  // namespace

bool IsUnavailable(const Error& error) {
  return error.message.find("is unavailable") != std::string::npos;
}

Result<ResultSet> RpcMigrationTablets::Execute(const config::ShardConfig& shard,
                                               const std::string& database,
                                               const std::string& command) {
  asio::io_context io;
  std::optional<rpc::ExecuteResponse> response;
  {
    vtgate::TabletClientOptions options;
    options.default_request_timeout = timeout_;
    vtgate::TabletClient client(io, TabletHost(shard.tablet), shard.tablet.port,
                                "tablet " + shard.name, options);
    rpc::ExecuteRequest request;
    request.database = database;
    request.sql = command;
    asio::co_spawn(io, Send(client, std::move(request), response), asio::detached);
    // The client keeps reading its connection, so run until the answer
    // rather than until the io_context runs out of work.
    while (!response) {
      if (io.stopped()) io.restart();
      io.run_one_for(std::chrono::milliseconds(50));
    }
  }
  io.poll();
  return std::move(response->result);
}

}  // namespace tessera::schema
