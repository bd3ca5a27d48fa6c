// QueryKiller: stops a statement running on one of the tablet's MariaDB
// connections with `KILL QUERY <thread id>`, sent over a short-lived
// connection of its own (the pooled ones may all be busy). MariaDB keeps a
// KILL QUERY that arrives after the statement ended for the connection's
// next statement, so the killed connection must not run anything else until
// Done(): the caller then decides whether it may be reused.
// Single-threaded: the tablet's io_context.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstdint>
#include <memory>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "vttablet/mariadb/mariadb_params.h"

namespace tessera::vttablet {

class QueryKiller {
 public:
  QueryKiller(boost::asio::any_io_executor executor, MariaDbParams params);

  // Sends `KILL QUERY thread_id` in the background.
  void Kill(uint64_t thread_id);
  // Waits until every kill sent so far has been answered (or failed).
  boost::asio::awaitable<void> Done();

 private:
  struct State {
    explicit State(boost::asio::any_io_executor executor) : idle(std::move(executor)) {}
    int in_flight = 0;
    boost::asio::steady_timer idle;  // cancelled when in_flight drops to 0
  };
  static boost::asio::awaitable<void> Send(boost::asio::any_io_executor executor,
                                           MariaDbParams params, uint64_t thread_id,
                                           std::shared_ptr<State> state);

  boost::asio::any_io_executor executor_;
  MariaDbParams params_;
  std::shared_ptr<State> state_;
};

}  // namespace tessera::vttablet
