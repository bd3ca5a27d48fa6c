// tablet_command: sends one SQL string (for example a MIGRATION command) to a
// vttablet over the tablet RPC and prints the result rows as tab-separated
// text, one line per row (NULL prints as "NULL"). With --header the column
// names come first. On failure it prints the error to stderr and exits 1.
//
//   tablet_command --port 15991 --database sbtest "MIGRATION SHOW 'u1'"
#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "common/rpc/execute_messages.h"
#include "vtgate/gateway/tablet_client.h"

namespace {

namespace asio = boost::asio;
using namespace tessera;

int Send(const std::string& host, uint16_t port, const std::string& database,
         const std::string& sql, uint32_t timeout_ms, bool header) {
  asio::io_context io;
  vtgate::TabletClientOptions options;
  vtgate::TabletClient client(io, host, port, host + ":" + std::to_string(port), options);
  rpc::ExecuteRequest request;
  request.database = database;
  request.sql = sql;
  request.timeout_ms = timeout_ms;
  std::optional<rpc::ExecuteResponse> response;
  asio::co_spawn(
      io, [&]() -> asio::awaitable<void> { response.emplace(co_await client.Execute(request)); },
      asio::detached);
  while (!response) {
    if (io.stopped()) io.restart();
    io.run_one_for(std::chrono::milliseconds(50));
  }
  if (!response->result.ok()) {
    const Error& error = response->result.error();
    std::cerr << "ERROR " << error.code << ": " << error.message << "\n";
    return 1;
  }
  const ResultSet& result = response->result.value();
  if (header && result.has_rows()) {
    for (size_t i = 0; i < result.fields.size(); ++i)
      std::cout << (i > 0 ? "\t" : "") << result.fields[i].name;
    std::cout << "\n";
  }
  for (const auto& row : result.rows) {
    for (size_t i = 0; i < row.size(); ++i)
      std::cout << (i > 0 ? "\t" : "") << row[i].value_or("NULL");
    std::cout << "\n";
  }
  if (!result.has_rows()) std::cout << "affected_rows\t" << result.affected_rows << "\n";
  std::cout.flush();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string database;
  std::string sql;
  uint32_t timeout_ms = 0;
  bool header = false;
  CLI::App app{"tablet_command: send one SQL string to a vttablet and print the rows"};
  app.add_option("--host", host, "tablet RPC host")->capture_default_str();
  app.add_option("--port", port, "tablet RPC port")->required();
  app.add_option("--database", database, "database the statement runs in");
  app.add_option("--timeout-ms", timeout_ms, "request timeout (0: the tablet's default)");
  app.add_flag("--header", header, "print the column names first");
  app.add_option("sql", sql, "the statement")->required();
  CLI11_PARSE(app, argc, argv);
  return Send(host, port, database, sql, timeout_ms, header);
}
