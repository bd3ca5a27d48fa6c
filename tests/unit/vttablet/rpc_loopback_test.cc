// TabletClient against the real RpcServer with a fake TabletService, over
// loopback TCP and the tablet's local Unix socket: pipelining, out-of-order
// completion, errors, unreachable tablet.
#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include "common/rpc/local_socket.h"
#include "vtgate/gateway/call_interrupt.h"
#include "vtgate/gateway/tablet_client.h"
#include "vttablet/rpc/rpc_server.h"
#include "vttablet/tabletserver/tablet_service.h"

namespace tessera {
namespace {

namespace asio = boost::asio;
using vtgate::TabletClient;

// Answers "sleep <ms> <tag>" after <ms> milliseconds with one row <tag>;
// "fail" with a duplicate-key error; "rows <n>" with n rows. Counts calls and
// the largest number of Execute calls running at once.
// Builds a request outside of braces: GCC 12 mishandles a braced temporary
// passed by value inside a co_await expression.
rpc::ExecuteRequest Req(std::string database, std::string sql, uint64_t transaction_id = 0,
                        bool begin = false) {
  rpc::ExecuteRequest request;
  request.database = std::move(database);
  request.sql = std::move(sql);
  request.transaction_id = transaction_id;
  request.begin = begin;
  return request;
}

class FakeTabletService : public vttablet::TabletService {
 public:
  asio::awaitable<rpc::ExecuteResponse> Execute(rpc::ExecuteRequest request) override {
    ++calls;
    ++running;
    max_running = std::max(max_running, running);
    rpc::ExecuteResponse response;
    response.transaction_id = request.begin ? 1000 + calls : request.transaction_id;
    ResultSet rs;
    rs.fields.push_back(Field{"v", "v", "t", "t", request.database, FieldType::kVarString});
    if (request.sql.starts_with("sleep ")) {
      int ms = std::stoi(request.sql.substr(6));
      asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
      co_await timer.async_wait(asio::use_awaitable);
      rs.rows.push_back({request.sql.substr(request.sql.rfind(' ') + 1)});
      response.result = std::move(rs);
    } else if (request.sql == "fail") {
      response.result = Error{1062, "23000", "Duplicate entry '7' for key 'PRIMARY'"};
    } else if (request.sql.starts_with("rows ")) {
      int n = std::stoi(request.sql.substr(5));
      for (int i = 0; i < n; ++i) rs.rows.push_back({std::to_string(i)});
      rs.rows.push_back({std::nullopt});
      response.result = std::move(rs);
    } else {
      response.result = std::move(rs);
    }
    --running;
    co_return response;
  }
  // "wait for cancel" runs until its CancelRequest arrives, then ends with
  // 1317; everything else as Execute.
  asio::awaitable<rpc::ExecuteResponse> ExecuteCancellable(
      rpc::ExecuteRequest request, std::shared_ptr<vttablet::StatementCancel> cancel) override {
    if (request.sql != "wait for cancel") co_return co_await Execute(std::move(request));
    ++calls;
    asio::steady_timer stopped(co_await asio::this_coro::executor, std::chrono::seconds(30));
    cancel->OnCancel([&stopped] { stopped.cancel(); });
    boost::system::error_code ec;
    co_await stopped.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    cancel->OnCancel({});
    rpc::ExecuteResponse response;
    if (cancel->cancelled()) {
      ++cancelled;
      response.result = Error::Make(1317, "Query execution was interrupted");
    }
    co_return response;
  }
  asio::awaitable<Status> Commit(uint64_t transaction_id) override {
    if (transaction_id == 0) co_return Error::Internal("no transaction 0");
    co_return Status::Ok();
  }
  asio::awaitable<Status> Rollback(uint64_t) override { co_return Status::Ok(); }
  rpc::HealthResponse Health() override { return {true, "ok", static_cast<uint64_t>(calls), 2}; }

  int calls = 0;
  int cancelled = 0;
  int running = 0;
  int max_running = 0;
};

class RpcLoopbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<vttablet::RpcServer>(io_, service_);
    auto port = server_->Listen("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.error().message;
    port_ = port.value();
    server_->Start();
    client_ = std::make_unique<TabletClient>(io_, "127.0.0.1", port_, "customer/-80");
  }

  // Runs `body` on the io_context until it finishes.
  template <class Body>
  void Run(Body body) {
    auto done = asio::co_spawn(io_, body(), asio::use_future);
    while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      if (io_.stopped()) io_.restart();  // it stops whenever it runs out of work
      io_.run_one_for(std::chrono::milliseconds(100));
    }
    done.get();
  }

  asio::io_context io_;
  FakeTabletService service_;
  std::unique_ptr<vttablet::RpcServer> server_;
  uint16_t port_ = 0;
  std::unique_ptr<TabletClient> client_;
};

TEST_F(RpcLoopbackTest, ExecuteReturnsRowsAndErrors) {
  Run([&]() -> asio::awaitable<void> {
    auto ok = co_await client_->Execute(Req("vt_customer", "rows 3"));
    EXPECT_TRUE(ok.result.ok());
    EXPECT_EQ(ok.result.value().rows.size(), 4u);
    EXPECT_EQ(ok.result.value().fields[0].database, "vt_customer");
    EXPECT_FALSE(ok.result.value().rows[3][0].has_value());

    auto failed = co_await client_->Execute(Req("vt_customer", "fail", 5));
    EXPECT_FALSE(failed.result.ok());
    EXPECT_EQ(failed.result.error().code, 1062);
    EXPECT_EQ(failed.result.error().sql_state, "23000");
    EXPECT_EQ(failed.transaction_id, 5u);

    auto begun = co_await client_->Execute(Req("vt_customer", "", 0, true));
    EXPECT_GT(begun.transaction_id, 1000u);
    EXPECT_TRUE((co_await client_->Commit(begun.transaction_id)).ok());
    Status bad = co_await client_->Commit(0);
    EXPECT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "no transaction 0");
    EXPECT_TRUE((co_await client_->Rollback(3)).ok());

    auto health = co_await client_->Health();
    EXPECT_TRUE(health.ok());
    EXPECT_TRUE(health->serving);
    EXPECT_EQ(health->queries_executed, 3u);
    EXPECT_EQ(health->transactions_open, 2u);
  });
}

TEST_F(RpcLoopbackTest, InterruptStopsTheCallsOfItsScopeOnly) {
  vtgate::CallInterrupt interrupt;
  std::optional<rpc::ExecuteResponse> stopped, other;
  asio::co_spawn(
      io_,
      [&]() -> asio::awaitable<void> {
        stopped = co_await client_->Execute(Req("db", "wait for cancel"), &interrupt);
      },
      asio::detached);
  asio::co_spawn(
      io_,
      [&]() -> asio::awaitable<void> {
        other = co_await client_->Execute(Req("db", "sleep 300 untouched"));
      },
      asio::detached);
  Run([&]() -> asio::awaitable<void> {
    // Both calls reach the tablet, then only the first is interrupted.
    asio::steady_timer pause(io_, std::chrono::milliseconds(100));
    co_await pause.async_wait(asio::use_awaitable);
    EXPECT_EQ(service_.calls, 2);
    interrupt.Interrupt();
  });
  while (!stopped || !other) io_.run_one_for(std::chrono::milliseconds(100));
  ASSERT_FALSE(stopped->result.ok());
  EXPECT_EQ(stopped->result.error().code, 1317);
  EXPECT_EQ(service_.cancelled, 1);
  ASSERT_TRUE(other->result.ok()) << other->result.error().message;
  EXPECT_EQ(*other->result->rows.at(0).at(0), "untouched");

  // Until Reset, a call of the interrupted scope fails without reaching the tablet.
  Run([&]() -> asio::awaitable<void> {
    auto refused = co_await client_->Execute(Req("db", "select 1"), &interrupt);
    EXPECT_FALSE(refused.result.ok());
    if (!refused.result.ok()) {
      EXPECT_EQ(refused.result.error().code, 1317);
    }
    EXPECT_EQ(service_.calls, 2);
    interrupt.Reset();
    auto served = co_await client_->Execute(Req("db", "select 1"), &interrupt);
    EXPECT_TRUE(served.result.ok());
    EXPECT_EQ(service_.calls, 3);
  });
}

TEST_F(RpcLoopbackTest, PipelinedRequestsCompleteOutOfOrder) {
  constexpr int kRequests = 200;
  std::vector<std::string> completion_order;
  int finished = 0;
  for (int i = 0; i < kRequests; ++i) {
    // Later requests sleep less, so they finish first.
    int ms = kRequests - i;
    asio::co_spawn(
        io_,
        [&, i, ms]() -> asio::awaitable<void> {
          auto response = co_await client_->Execute(
              Req("db", "sleep " + std::to_string(ms) + " r" + std::to_string(i)));
          EXPECT_TRUE(response.result.ok()) << response.result.error().message;
          if (response.result.ok()) {
            EXPECT_EQ(*response.result.value().rows.at(0).at(0), "r" + std::to_string(i));
            completion_order.push_back(*response.result.value().rows[0][0]);
          }
          ++finished;
        },
        asio::detached);
  }
  while (finished < kRequests) io_.run_one_for(std::chrono::milliseconds(100));
  EXPECT_EQ(service_.calls, kRequests);
  // All ran concurrently on one connection, and answers came back as they finished.
  EXPECT_GT(service_.max_running, kRequests / 2);
  ASSERT_EQ(completion_order.size(), static_cast<size_t>(kRequests));
  // Sleeps are 1 ms apart, so allow small reorderings of neighbours.
  EXPECT_GT(std::stoi(completion_order.front().substr(1)), kRequests * 3 / 4);
  EXPECT_LT(std::stoi(completion_order.back().substr(1)), kRequests / 4);
}

TEST_F(RpcLoopbackTest, LargeResultCrossesManyReads) {
  Run([&]() -> asio::awaitable<void> {
    auto response = co_await client_->Execute(Req("db", "rows 200000"));
    EXPECT_TRUE(response.result.ok());
    EXPECT_EQ(response.result.value().rows.size(), 200001u);
    EXPECT_EQ(*response.result.value().rows[199999][0], "199999");
  });
}

TEST_F(RpcLoopbackTest, UnreachableTabletFailsFastWithItsName) {
  server_->Stop();
  server_.reset();
  // Port of a listener that was just closed: connections are refused.
  TabletClient dead(io_, "127.0.0.1", port_, "customer/-80");
  Run([&]() -> asio::awaitable<void> {
    auto start = std::chrono::steady_clock::now();
    auto response = co_await dead.Execute(Req("db", "select 1"));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
    EXPECT_FALSE(response.result.ok());
    if (response.result.ok()) co_return;
    EXPECT_EQ(response.result.error().code, 1105);
    EXPECT_EQ(response.result.error().sql_state, "HY000");
    EXPECT_TRUE(response.result.error().message.starts_with(
        "tablet customer/-80 (127.0.0.1:" + std::to_string(port_) + ") is unavailable: "))
        << response.result.error().message;
    auto health = co_await dead.Health();
    EXPECT_FALSE(health.ok());
    Status commit = co_await dead.Commit(1);
    EXPECT_FALSE(commit.ok());
  });
}

TEST_F(RpcLoopbackTest, PendingRequestsFailWhenTabletGoesAway) {
  // A raw listener that accepts and then closes the connection while a
  // request waits.
  asio::ip::tcp::acceptor acceptor(io_, {asio::ip::make_address("127.0.0.1"), 0});
  uint16_t port = acceptor.local_endpoint().port();
  TabletClient client(io_, "127.0.0.1", port, "commerce/0");
  Run([&]() -> asio::awaitable<void> {
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> {
          auto socket = co_await acceptor.async_accept(asio::use_awaitable);
          asio::steady_timer t(io_, std::chrono::milliseconds(50));
          co_await t.async_wait(asio::use_awaitable);
          socket.close();
        },
        asio::detached);
    auto response = co_await client.Execute(Req("db", "select 1"));
    EXPECT_FALSE(response.result.ok());
    if (response.result.ok()) co_return;
    EXPECT_NE(response.result.error().message.find("tablet commerce/0"), std::string::npos);
    EXPECT_NE(response.result.error().message.find("is unavailable"), std::string::npos);
  });
}

TEST_F(RpcLoopbackTest, RequestTimeoutWhenTabletDoesNotAnswer) {
  asio::ip::tcp::acceptor acceptor(io_, {asio::ip::make_address("127.0.0.1"), 0});
  vtgate::TabletClientOptions options;
  options.default_request_timeout = std::chrono::milliseconds(200);
  TabletClient client(io_, "127.0.0.1", acceptor.local_endpoint().port(), "silent/0", options);
  asio::ip::tcp::socket held(io_);
  acceptor.async_accept(held, [](boost::system::error_code) {});
  Run([&]() -> asio::awaitable<void> {
    auto response = co_await client.Execute(Req("db", "select 1"));
    EXPECT_FALSE(response.result.ok());
    if (response.result.ok()) co_return;
    EXPECT_NE(response.result.error().message.find("no response within 200 ms"), std::string::npos);
  });
}

TEST_F(RpcLoopbackTest, ReconnectsAfterServerRestart) {
  Run([&]() -> asio::awaitable<void> {
    EXPECT_TRUE((co_await client_->Execute(Req("db", "x"))).result.ok());
  });
  server_.reset();  // closes the listener; the established connection stays
  server_ = std::make_unique<vttablet::RpcServer>(io_, service_);
  ASSERT_TRUE(server_->Listen("127.0.0.1", port_).ok());
  server_->Start();
  Run([&]() -> asio::awaitable<void> {
    EXPECT_TRUE((co_await client_->Execute(Req("db", "y"))).result.ok());
  });
}

// A tablet that also listens on its local socket is reached through it;
// with the option off, or for a tablet without one, the client uses TCP.
TEST_F(RpcLoopbackTest, PrefersTheTabletsLocalSocket) {
  vttablet::RpcServer local_server(io_, service_);
  auto port = local_server.Listen("127.0.0.1", 0);
  ASSERT_TRUE(port.ok()) << port.error().message;
  auto name = rpc::TabletLocalSocketName("127.0.0.1", *port);
  ASSERT_TRUE(name.has_value());
  Status listening = local_server.ListenLocal(*name);
  ASSERT_TRUE(listening.ok()) << listening.error().message;
  local_server.Start();

  TabletClient local(io_, "127.0.0.1", *port, "customer/80-");
  vtgate::TabletClientOptions tcp_only;
  tcp_only.local_socket = false;
  TabletClient tcp(io_, "127.0.0.1", *port, "customer/80-", tcp_only);
  Run([&]() -> asio::awaitable<void> {
    // Pipelined calls answered out of order, over each transport.
    for (TabletClient* client : {&local, &tcp, client_.get()}) {
      auto slow =
          asio::co_spawn(io_, client->Execute(Req("db", "sleep 40 slow")), asio::use_awaitable);
      auto fast = co_await client->Execute(Req("db", "sleep 1 fast"));
      auto first = co_await std::move(slow);
      EXPECT_TRUE(fast.result.ok());
      EXPECT_TRUE(first.result.ok());
      if (!fast.result.ok() || !first.result.ok()) co_return;
      EXPECT_EQ(fast.result.value().rows.at(0).at(0), "fast");
      EXPECT_EQ(first.result.value().rows.at(0).at(0), "slow");
    }
  });
  EXPECT_TRUE(local.connected_locally());
  EXPECT_FALSE(tcp.connected_locally());
  EXPECT_FALSE(client_->connected_locally());  // the fixture's tablet has no local socket

  // A second tablet cannot take the name while the first holds it.
  vttablet::RpcServer rival(io_, service_);
  Status taken = rival.ListenLocal(*name);
  ASSERT_FALSE(taken.ok());
  EXPECT_NE(taken.error().message.find("@tessera-vttablet-127.0.0.1:" + std::to_string(*port)),
            std::string::npos)
      << taken.error().message;
}

}  // namespace
}  // namespace tessera
