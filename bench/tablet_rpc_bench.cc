// Micro-benchmarks of the tablet RPC between vtgate and vttablet: the codec
// alone, and a whole Execute round trip over loopback between a TabletClient
// and a real RpcServer on another thread (as in another process), over TCP
// and over the tablet's local Unix socket. The tablet side answers every
// request at once with a point select's one-row result, so what is measured
// is the RPC itself: framing, the socket hops and the wake-ups.
//
//   <build>/bin/tablet_rpc_bench
#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <memory>
#include <string>
#include <thread>

#include <benchmark/benchmark.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/rpc/execute_codec.h"
#include "common/rpc/frame.h"
#include "common/rpc/local_socket.h"
#include "vtgate/gateway/tablet_client.h"
#include "vttablet/rpc/rpc_server.h"
#include "vttablet/tabletserver/tablet_service.h"

namespace tessera {
namespace {

namespace asio = boost::asio;

ResultSet PointSelectAnswer() {
  ResultSet rs;
  Field f;
  f.name = f.org_name = "c";
  f.table = f.org_table = "sbtest1";
  f.database = "vt_sb1";
  f.type = FieldType::kString;
  rs.fields.push_back(f);
  rs.rows.push_back(Row{std::string(119, 'c')});
  return rs;
}

rpc::ExecuteRequest PointSelect() {
  rpc::ExecuteRequest request;
  request.database = "vt_sb1";
  request.sql = "SELECT c FROM sbtest1 WHERE id = 5011";
  return request;
}

class AnswerAtOnce : public vttablet::TabletService {
 public:
  asio::awaitable<rpc::ExecuteResponse> Execute(rpc::ExecuteRequest) override {
    rpc::ExecuteResponse response;
    response.result = answer_;
    co_return response;
  }
  asio::awaitable<Status> Commit(uint64_t) override { co_return Status::Ok(); }
  asio::awaitable<Status> Rollback(uint64_t) override { co_return Status::Ok(); }
  rpc::HealthResponse Health() override { return {true, "ok", 0, 0}; }

 private:
  ResultSet answer_ = PointSelectAnswer();
};

// A tablet RPC server on a thread of its own, listening on TCP and on the
// local socket of its TCP address.
class TabletThread {
 public:
  TabletThread() : server_(io_, service_), guard_(io_.get_executor()) {
    auto port = server_.Listen("127.0.0.1", 0);
    if (!port.ok()) {
      error_ = port.error().message;
      return;
    }
    port_ = *port;
    auto name = rpc::TabletLocalSocketName("127.0.0.1", port_);
    if (name) {
      Status local = server_.ListenLocal(*name);
      if (!local.ok()) error_ = local.error().message;
    }
    server_.Start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TabletThread() {
    asio::post(io_, [this] { server_.Stop(); });
    guard_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }
  uint16_t port() const { return port_; }
  const std::string& error() const { return error_; }

 private:
  asio::io_context io_{1};
  AnswerAtOnce service_;
  vttablet::RpcServer server_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  std::thread thread_;
  uint16_t port_ = 0;
  std::string error_;
};

// Encode + decode of a request and its response, no I/O.
void BM_ExecuteCodec(benchmark::State& state) {
  const rpc::ExecuteRequest request = PointSelect();
  rpc::ExecuteResponse response;
  response.result = PointSelectAnswer();
  std::string frame;
  for (auto _ : state) {
    frame.clear();
    rpc::AppendFrame(frame, 7, request);
    auto decoded_request =
        rpc::DecodeExecuteRequest(std::string_view(frame).substr(rpc::kFrameHeaderSize));
    frame.clear();
    rpc::AppendFrame(frame, 7, response);
    auto decoded_response =
        rpc::DecodeExecuteResponse(std::string_view(frame).substr(rpc::kFrameHeaderSize));
    benchmark::DoNotOptimize(decoded_request);
    benchmark::DoNotOptimize(decoded_response);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExecuteCodec);

// Starts a tablet thread and a client of it (over the local socket or over
// TCP), makes one call so that the connection is up before the timing, then
// runs `timed(io, client, failure)`, a coroutine, on this thread. A failure
// it reports skips the benchmark.
template <class Timed>
void RunAgainstTablet(benchmark::State& state, bool local_socket, Timed timed) {
  TabletThread tablet;
  if (!tablet.error().empty()) {
    state.SkipWithError(tablet.error().c_str());
    return;
  }
  asio::io_context io{1};
  vtgate::TabletClientOptions options;
  options.local_socket = local_socket;
  vtgate::TabletClient client(io, "127.0.0.1", tablet.port(), "bench/0", options);
  std::string failure;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto warm = co_await client.Execute(PointSelect());
        if (!warm.result.ok()) {
          failure = warm.result.error().message;
          co_return;
        }
        if (client.connected_locally() != local_socket) {
          failure = "the client did not take the transport asked for";
          co_return;
        }
        co_await timed(io, client, failure);
      },
      // The client's read loop keeps the context busy: stop it here.
      [&io](std::exception_ptr) { io.stop(); });
  io.run();
  if (!failure.empty()) state.SkipWithError(failure.c_str());
}

// One Execute at a time: the latency of a round trip. Arg: 0 TCP, 1 the
// local Unix socket.
void BM_RoundTrip(benchmark::State& state) {
  const bool local_socket = state.range(0) == 1;
  RunAgainstTablet(state, local_socket,
                   [&](asio::io_context&, vtgate::TabletClient& client,
                       std::string& failure) -> asio::awaitable<void> {
                     while (state.KeepRunning()) {
                       auto response = co_await client.Execute(PointSelect());
                       if (!response.result.ok()) {
                         failure = response.result.error().message;
                         co_return;
                       }
                     }
                   });
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(local_socket ? "unix socket" : "tcp");
}
BENCHMARK(BM_RoundTrip)->Arg(0)->Arg(1)->UseRealTime();

// Batches of N concurrent Executes on one connection (pipelined), over the
// local socket: the throughput when many sessions share a tablet.
void BM_Pipelined(benchmark::State& state) {
  const int depth = static_cast<int>(state.range(0));
  RunAgainstTablet(
      state, true,
      [&](asio::io_context& io, vtgate::TabletClient& client,
          std::string& failure) -> asio::awaitable<void> {
        asio::steady_timer batch_done(io);
        while (state.KeepRunning()) {
          int pending = depth;
          batch_done.expires_at(asio::steady_timer::time_point::max());
          for (int i = 0; i < depth; ++i) {
            asio::co_spawn(
                io,
                [&]() -> asio::awaitable<void> {
                  auto response = co_await client.Execute(PointSelect());
                  if (!response.result.ok()) failure = response.result.error().message;
                  if (--pending == 0) batch_done.cancel();
                },
                asio::detached);
          }
          if (pending > 0) {
            boost::system::error_code ec;
            co_await batch_done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
          }
          if (!failure.empty()) co_return;
        }
      });
  state.SetItemsProcessed(state.iterations() * depth);
}
BENCHMARK(BM_Pipelined)->Arg(8)->Arg(64)->UseRealTime();

}  // namespace
}  // namespace tessera

BENCHMARK_MAIN();
