#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include "vtgate/branch_directory_refresher.h"

#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "common/logging.h"
#include "vtgate/gateway/tablet_client.h"

namespace tessera::vtgate {
namespace asio = boost::asio;

BranchDirectoryRefresher::BranchDirectoryRefresher(BranchDirectory& directory,
                                                   config::Endpoint metadata_tablet,
                                                   std::chrono::milliseconds interval)
    : directory_(directory), tablet_(std::move(metadata_tablet)), interval_(interval) {}

BranchDirectoryRefresher::~BranchDirectoryRefresher() {
  Stop();
}

void BranchDirectoryRefresher::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void BranchDirectoryRefresher::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BranchDirectoryRefresher::Loop() {
  bool warned = false;
  for (;;) {
    bool ok = RefreshOnce();
    if (!ok && !warned) {
      GetLogger("vtgate")->debug("branch directory: metadata store not readable yet");
      warned = true;
    }
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) return;
  }
}

bool BranchDirectoryRefresher::RefreshOnce() {
  asio::io_context io;
  TabletClient client(io, tablet_.host, tablet_.port, "metadata");
  std::optional<Result<ResultSet>> credentials, branches;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        rpc::ExecuteRequest request;
        request.database = "_tessera";
        request.timeout_ms = 2000;
        request.sql = "SELECT username, password_hash, keyspace, branch, role FROM credentials";
        auto c = co_await client.Execute(request);
        credentials.emplace(std::move(c.result));
        request.sql =
            "SELECT keyspace, name, parent, production, safe_migrations, data_state, "
            "created_at FROM branches";
        auto b = co_await client.Execute(request);
        branches.emplace(std::move(b.result));
      },
      asio::detached);
  io.run_for(std::chrono::seconds(5));
  if (!credentials || !branches || !credentials->ok() || !branches->ok()) return false;
  std::vector<BranchCredential> creds;
  for (const auto& row : credentials->value().rows) {
    if (row.size() < 5) continue;
    auto role = ParseBranchRole(row[4].value_or(""));
    if (!role) continue;
    creds.push_back(BranchCredential{row[0].value_or(""), row[1].value_or(""), row[2].value_or(""),
                                     row[3].value_or(""), *role});
  }
  std::vector<BranchInfo> infos;
  for (const auto& row : branches->value().rows) {
    if (row.size() < 7) continue;
    infos.push_back(BranchInfo{row[0].value_or(""), row[1].value_or(""), row[2].value_or(""),
                               row[3].value_or("0") != "0", row[4].value_or("0") != "0",
                               row[5].value_or(""), row[6].value_or("")});
  }
  directory_.Replace(std::move(creds), std::move(infos));
  return true;
}

}  // namespace tessera::vtgate
