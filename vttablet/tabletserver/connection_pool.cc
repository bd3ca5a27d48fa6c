#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include "vttablet/tabletserver/connection_pool.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace tessera::vttablet {

namespace asio = boost::asio;

struct ConnectionPool::Waiter {
  explicit Waiter(asio::any_io_executor executor) : wake(std::move(executor)) {}
  asio::steady_timer wake;
  std::unique_ptr<MariaDbConnection> handed_over;
};

ConnectionPool::ConnectionPool(asio::any_io_executor executor, MariaDbParams params,
                               size_t capacity)
    : executor_(std::move(executor)), params_(std::move(params)), capacity_(capacity) {}

asio::awaitable<std::unique_ptr<MariaDbConnection>> ConnectionPool::Acquire() {
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    co_return connection;
  }
  if (created_ < capacity_) {
    ++created_;
    co_return std::make_unique<MariaDbConnection>(executor_, params_);
  }
  Waiter waiter(executor_);
  waiter.wake.expires_at(asio::steady_timer::time_point::max());
  waiters_.push_back(&waiter);
  while (!waiter.handed_over) {
    boost::system::error_code ignored;
    co_await waiter.wake.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  co_return std::move(waiter.handed_over);
}

void ConnectionPool::Release(std::unique_ptr<MariaDbConnection> connection) {
  if (!waiters_.empty()) {
    Waiter* waiter = waiters_.front();
    waiters_.pop_front();
    waiter->handed_over = std::move(connection);
    waiter->wake.cancel();
    return;
  }
  idle_.push_back(std::move(connection));
}

}  // namespace tessera::vttablet
