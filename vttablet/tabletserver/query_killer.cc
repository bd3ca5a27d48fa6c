#include "vttablet/tabletserver/query_killer.h"

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/logging.h"
#include "vttablet/mariadb/mariadb_connection.h"

namespace tessera::vttablet {

namespace asio = boost::asio;

QueryKiller::QueryKiller(asio::any_io_executor executor, MariaDbParams params)
    : executor_(executor),
      params_(std::move(params)),
      state_(std::make_shared<State>(std::move(executor))) {}

void QueryKiller::Kill(uint64_t thread_id) {
  ++state_->in_flight;
  asio::co_spawn(executor_, Send(executor_, params_, thread_id, state_), asio::detached);
}

asio::awaitable<void> QueryKiller::Send(asio::any_io_executor executor, MariaDbParams params,
                                        uint64_t thread_id, std::shared_ptr<State> state) {
  const auto timeout = params.connect_timeout;
  {
    MariaDbConnection connection(executor, std::move(params));
    auto killed =
        co_await connection.Execute("", fmt::format("KILL QUERY {}", thread_id), 0, timeout);
    // 1094: the statement and its connection are already gone.
    if (!killed.ok() && killed.error().code != mysql_errno::kNoSuchThread) {
      GetLogger("vttablet")->warn("KILL QUERY {} failed: {}", thread_id, killed.error().message);
    }
  }
  if (--state->in_flight == 0) state->idle.cancel();
}

asio::awaitable<void> QueryKiller::Done() {
  while (state_->in_flight > 0) {
    state_->idle.expires_at(asio::steady_timer::time_point::max());
    boost::system::error_code ignored;
    co_await state_->idle.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
}

}  // namespace tessera::vttablet
