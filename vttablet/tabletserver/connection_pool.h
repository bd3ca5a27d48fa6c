// ConnectionPool: at most `capacity` MariaDB connections shared by the
// autocommit queries and the transactions of one tablet. Connections are
// created lazily and reused LIFO; a broken connection goes back too and
// reconnects on its next use. Single-threaded (one io_context).
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstddef>
#include <deque>
#include <memory>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "vttablet/mariadb/mariadb_connection.h"
#include "vttablet/mariadb/mariadb_params.h"

namespace tessera::vttablet {

class ConnectionPool {
 public:
  ConnectionPool(boost::asio::any_io_executor executor, MariaDbParams params, size_t capacity);

  // A connection for exclusive use; waits (FIFO) while all are taken.
  boost::asio::awaitable<std::unique_ptr<MariaDbConnection>> Acquire();
  // Returns a connection taken with Acquire.
  void Release(std::unique_ptr<MariaDbConnection> connection);

  size_t capacity() const { return capacity_; }
  size_t in_use() const { return created_ - idle_.size(); }

 private:
  struct Waiter;

  boost::asio::any_io_executor executor_;
  MariaDbParams params_;
  size_t capacity_;
  size_t created_ = 0;
  std::vector<std::unique_ptr<MariaDbConnection>> idle_;
  std::deque<Waiter*> waiters_;
};

}  // namespace tessera::vttablet
