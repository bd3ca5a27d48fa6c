// TabletService: what a tablet offers over the RPC. QueryService implements it
// against MariaDB; tests implement it with fakes. Implementations run on the
// RPC server's io_context and never throw: failures are values.
#pragma once

#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <cstdint>
#include <memory>

#include <boost/asio/awaitable.hpp>

#include "common/error.h"
#include "common/rpc/execute_messages.h"
#include "common/rpc/health_messages.h"
#include "vttablet/tabletserver/statement_cancel.h"

namespace tessera::vttablet {

class TabletService {
 public:
  virtual ~TabletService() = default;

  virtual boost::asio::awaitable<rpc::ExecuteResponse> Execute(rpc::ExecuteRequest request) = 0;
  // Execute that stops early, with 1317 (Query execution was interrupted),
  // once `cancel` is raised. The default ignores the signal.
  virtual boost::asio::awaitable<rpc::ExecuteResponse> ExecuteCancellable(
      rpc::ExecuteRequest request, std::shared_ptr<StatementCancel> cancel) {
    (void)cancel;
    co_return co_await Execute(std::move(request));
  }
  virtual boost::asio::awaitable<Status> Commit(uint64_t transaction_id) = 0;
  virtual boost::asio::awaitable<Status> Rollback(uint64_t transaction_id) = 0;
  virtual rpc::HealthResponse Health() = 0;
};

}  // namespace tessera::vttablet
