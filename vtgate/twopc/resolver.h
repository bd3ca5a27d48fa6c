// TwoPcResolver: finishes the distributed transactions no coordinator will
// (a vtgate that crashed, a branch whose tablet was down at commit). Every
// `resolve_interval`, on one worker's io_context, it reads every shard's
// transaction records and prepared XA branches (XA RECOVER), then:
// - a record in `commit` at least `abandon_age` old: each branch still
//   prepared is committed (XA COMMIT);
// - a record in `prepare` that old: moved to `rollback` (conditionally, so
//   a live coordinator's decision wins) and its branches rolled back;
// - a record in `rollback`: its prepared branches are rolled back;
// - a record whose branches have all ended is deleted;
// - a prepared branch of ours with no record on any shard, seen for at least
//   `abandon_age`, is rolled back (the record is written before any branch
//   is prepared and deleted only after all ended, so it has no decision).
// A branch still held by a live tablet connection cannot be ended from
// another one (1397); it is retried on the next pass.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <boost/asio/awaitable.hpp>

namespace tessera::vtgate {
class WorkerContext;
}

namespace tessera::vtgate::twopc {

class TwoPcResolver {
 public:
  explicit TwoPcResolver(WorkerContext& worker);
  ~TwoPcResolver();
  TwoPcResolver(const TwoPcResolver&) = delete;
  TwoPcResolver& operator=(const TwoPcResolver&) = delete;

  // Starts the passes on the worker's io_context.
  void Start();
  // One pass; returns how many branches it ended.
  boost::asio::awaitable<size_t> ResolveOnce();

 private:
  boost::asio::awaitable<void> Loop(std::shared_ptr<bool> alive);

  WorkerContext& worker_;
  std::shared_ptr<bool> alive_;
  // Prepared branches with no record: XA id -> when first seen.
  std::map<std::string, std::chrono::steady_clock::time_point> orphans_;
  // Shards whose XA RECOVER was refused, warned about once each.
  std::set<std::string> refused_recover_;
};

}  // namespace tessera::vtgate::twopc
