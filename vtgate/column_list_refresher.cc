#include "vtgate/column_list_refresher.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/logging.h"
#include "vtgate/column_tracking.h"
#include "vtgate/worker_context.h"

namespace tessera::vtgate {
namespace asio = boost::asio;

ColumnListRefresher::ColumnListRefresher(WorkerContext& worker, std::chrono::milliseconds interval)
    : worker_(worker), interval_(interval), alive_(std::make_shared<bool>(true)) {}

ColumnListRefresher::~ColumnListRefresher() {
  *alive_ = false;
}

void ColumnListRefresher::Start() {
  asio::co_spawn(worker_.io(), Loop(alive_), asio::detached);
}

asio::awaitable<void> ColumnListRefresher::Loop(std::shared_ptr<bool> alive) {
  asio::steady_timer timer(worker_.io());
  while (*alive) {
    (void)co_await RefreshOnce();
    if (!*alive) co_return;
    timer.expires_after(interval_);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
}

asio::awaitable<size_t> ColumnListRefresher::RefreshOnce() {
  size_t read = 0;
  for (const auto& keyspace : worker_.vschema().keyspaces()) {
    if (keyspace->shards.empty()) continue;
    rpc::ExecuteRequest request;
    request.database = keyspace->database;
    request.sql = kTrackedColumnsQuery;
    request.timeout_ms = 5000;
    rpc::ExecuteResponse response =
        co_await worker_.tablet(keyspace->shards.front()).Execute(std::move(request));
    if (!response.result.ok()) {
      GetLogger("vtgate")->debug("column lists of keyspace {}: {}", keyspace->name,
                                 response.result.error().message);
      continue;
    }
    keyspace->tracked_columns->Replace(ColumnListsFromRows(*response.result));
    ++read;
  }
  co_return read;
}

}  // namespace tessera::vtgate
