// ColumnListRefresher: keeps every keyspace's tracked column lists
// (TrackedColumns) current by reading them from the keyspace's first shard
// (column_tracking.h) once per `interval`, on one worker's io_context: a
// table created or altered outside vtgate (another vtgate, schemad's online
// DDL, a client on the shards) is known within an interval. A keyspace whose
// shard does not answer keeps its last lists and is tried again next time.
// Statements vtgate cannot resolve and DDL through vtgate also refresh the
// lists at once (Session).
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <memory>

#include <boost/asio/awaitable.hpp>

namespace tessera::vtgate {

class WorkerContext;

class ColumnListRefresher {
 public:
  ColumnListRefresher(WorkerContext& worker, std::chrono::milliseconds interval);
  ~ColumnListRefresher();
  ColumnListRefresher(const ColumnListRefresher&) = delete;
  ColumnListRefresher& operator=(const ColumnListRefresher&) = delete;

  // Starts the passes (the first at once) on the worker's io_context.
  void Start();
  // One pass over every keyspace; returns how many were read.
  boost::asio::awaitable<size_t> RefreshOnce();

 private:
  boost::asio::awaitable<void> Loop(std::shared_ptr<bool> alive);

  WorkerContext& worker_;
  std::chrono::milliseconds interval_;
  std::shared_ptr<bool> alive_;
};

}  // namespace tessera::vtgate
