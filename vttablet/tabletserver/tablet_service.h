// TabletService: what a tablet offers over the RPC. QueryService implements it
// against MariaDB; tests implement it with fakes. Implementations run on the
// RPC server's io_context and never throw: failures are values.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstdint>

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "common/rpc/execute_messages.h"
#include "common/rpc/health_messages.h"

namespace tessera::vttablet {

class TabletService {
 public:
  virtual ~TabletService() = default;

  virtual boost::asio::awaitable<rpc::ExecuteResponse> Execute(rpc::ExecuteRequest request) = 0;
  virtual boost::asio::awaitable<Status> Commit(uint64_t transaction_id) = 0;
  virtual boost::asio::awaitable<Status> Rollback(uint64_t transaction_id) = 0;
  virtual rpc::HealthResponse Health() = 0;
};

}  // namespace tessera::vttablet
