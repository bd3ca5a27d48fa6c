#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include "vtgate/gateway/tablet_channel.h"

#include <algorithm>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "common/rpc/execute_codec.h"
#include "common/rpc/health_codec.h"
#include "common/rpc/local_socket.h"
#include "common/rpc/transaction_codec.h"
#include "vtgate/gateway/shard_unavailable.h"

namespace tessera::vtgate {

namespace asio = boost::asio;
using asio::ip::tcp;

TabletChannel::TabletChannel(asio::io_context& io, std::string host, uint16_t port,
                             std::string name, TabletClientOptions options)
    : io_(io),
      host_(std::move(host)),
      port_(port),
      name_(std::move(name)),
      options_(options),
      socket_(io),
      reader_(options.max_frame_bytes),
      deadline_timer_(io) {}

Error TabletChannel::Unavailable(std::string_view reason) const {
  return ShardUnavailable(fmt::format("tablet {} ({}:{})", name_, host_, port_), reason);
}

template <class Request>
asio::awaitable<Result<TabletResponse>> TabletChannel::Call(const Request& request,
                                                            std::chrono::milliseconds timeout,
                                                            CallInterrupt* interrupt) {
  auto self = shared_from_this();
  uint32_t id = NextRequestId();
  rpc::AppendFrame(pending_writes_, id, request);
  if (interrupt == nullptr) co_return co_await Await(id, timeout);
  const uint64_t token = interrupt->Register(weak_from_this(), id);
  auto response = co_await Await(id, timeout);
  interrupt->Unregister(token);
  co_return response;
}

void CallInterrupt::Interrupt() {
  interrupted_ = true;
  // SendCancel only queues a frame: no call ends (and unregisters) meanwhile.
  for (const Call& call : calls_) {
    if (auto channel = call.channel.lock()) channel->SendCancel(call.request_id);
  }
}

void TabletChannel::SendCancel(uint32_t request_id) {
  auto it = pending_.find(request_id);
  if (it == pending_.end() || it->second->outcome) return;
  const size_t frame =
      rpc::BeginFrame(pending_writes_, request_id, rpc::MessageType::kCancelRequest);
  rpc::FinishFrame(pending_writes_, frame);
  Kick();
}

template asio::awaitable<Result<TabletResponse>> TabletChannel::Call(const rpc::ExecuteRequest&,
                                                                     std::chrono::milliseconds,
                                                                     CallInterrupt*);
template asio::awaitable<Result<TabletResponse>> TabletChannel::Call(const rpc::CommitRequest&,
                                                                     std::chrono::milliseconds,
                                                                     CallInterrupt*);
template asio::awaitable<Result<TabletResponse>> TabletChannel::Call(const rpc::RollbackRequest&,
                                                                     std::chrono::milliseconds,
                                                                     CallInterrupt*);
template asio::awaitable<Result<TabletResponse>> TabletChannel::Call(const rpc::HealthRequest&,
                                                                     std::chrono::milliseconds,
                                                                     CallInterrupt*);

asio::awaitable<Result<TabletResponse>> TabletChannel::Await(uint32_t request_id,
                                                             std::chrono::milliseconds timeout) {
  Pending pending(io_.get_executor());
  pending.wake.expires_at(Clock::time_point::max());
  pending.deadline = Clock::now() + timeout;
  pending_.emplace(request_id, &pending);
  ArmDeadline(pending.deadline);
  Kick();
  if (!pending.outcome) {
    boost::system::error_code ignored;
    co_await pending.wake.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  pending_.erase(request_id);
  if (pending.outcome) co_return std::move(*pending.outcome);
  co_return Unavailable(fmt::format("no response within {} ms", timeout.count()));
}

void TabletChannel::ArmDeadline(Clock::time_point deadline) {
  if (deadline >= deadline_armed_) return;
  deadline_armed_ = deadline;
  deadline_timer_.expires_at(deadline);  // a wait for a later deadline ends as aborted
  deadline_timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;
    self->ExpireDeadlines();
  });
}

void TabletChannel::ExpireDeadlines() {
  deadline_armed_ = Clock::time_point::max();
  const auto now = Clock::now();
  auto next = Clock::time_point::max();
  for (auto& [id, pending] : pending_) {
    if (pending->outcome) continue;
    if (pending->deadline <= now) {
      pending->wake.cancel();  // Await reports the timeout
    } else {
      next = std::min(next, pending->deadline);
    }
  }
  if (next != Clock::time_point::max()) ArmDeadline(next);
}

uint32_t TabletChannel::NextRequestId() {
  while (next_request_id_ == 0 || pending_.contains(next_request_id_)) ++next_request_id_;
  return next_request_id_++;
}

void TabletChannel::Kick() {
  switch (state_) {
    case State::kDisconnected:
      state_ = State::kConnecting;
      asio::co_spawn(io_, Connect(shared_from_this()), asio::detached);
      break;
    case State::kConnecting:
      break;  // frames wait in pending_writes_ until the connection is up
    case State::kConnected:
      if (!writer_active_ && !pending_writes_.empty()) {
        writer_active_ = true;
        // Deferred to the end of this round of handlers, so that requests
        // issued together leave in one write.
        asio::post(io_, [self = shared_from_this(), generation = generation_] {
          self->Flush(generation);
        });
      }
      break;
  }
}

asio::awaitable<void> TabletChannel::Connect(std::shared_ptr<TabletChannel> self) {
  const uint64_t generation = generation_;
  if (options_.local_socket) {
    const bool local = co_await ConnectLocal(generation);
    if (generation != generation_) co_return;
    if (local) {
      Connected(self, generation, /*local=*/true);
      co_return;
    }
  }

  boost::system::error_code ec;
  tcp::endpoint endpoint;
  auto address = asio::ip::make_address(host_, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, port_);
  } else {
    tcp::resolver resolver(io_);
    boost::system::error_code resolve_error;
    auto results = co_await resolver.async_resolve(
        host_, std::to_string(port_), asio::redirect_error(asio::use_awaitable, resolve_error));
    if (generation != generation_) co_return;
    if (resolve_error || results.empty()) {
      FailConnection(generation, fmt::format("cannot resolve host: {}", resolve_error.message()));
      co_return;
    }
    endpoint = results.begin()->endpoint();
  }

  socket_ = asio::generic::stream_protocol::socket(io_);
  auto timed_out_flag = std::make_shared<bool>(false);
  asio::steady_timer deadline(io_, options_.connect_timeout);
  deadline.async_wait([self, generation, timed_out_flag](boost::system::error_code wait_error) {
    if (wait_error || self->generation_ != generation || self->state_ != State::kConnecting) return;
    *timed_out_flag = true;
    boost::system::error_code ignored;
    self->socket_.close(ignored);
  });
  boost::system::error_code connect_error;
  const asio::generic::stream_protocol::endpoint target(endpoint);
  co_await socket_.async_connect(target, asio::redirect_error(asio::use_awaitable, connect_error));
  deadline.cancel();
  const bool timed_out = *timed_out_flag;
  if (generation != generation_) co_return;
  if (connect_error || timed_out) {
    FailConnection(generation, timed_out ? fmt::format("connect timed out after {} ms",
                                                       options_.connect_timeout.count())
                                         : connect_error.message());
    co_return;
  }
  socket_.set_option(tcp::no_delay(true), ec);
  Connected(self, generation, /*local=*/false);
}

asio::awaitable<bool> TabletChannel::ConnectLocal(uint64_t generation) {
  auto name = rpc::TabletLocalSocketName(host_, port_);
  if (!name) co_return false;
  socket_ = asio::generic::stream_protocol::socket(io_);
  // A listening Unix socket accepts or refuses at once: no timer needed.
  const asio::generic::stream_protocol::endpoint target{
      asio::local::stream_protocol::endpoint(*name)};
  boost::system::error_code ec;
  co_await socket_.async_connect(target, asio::redirect_error(asio::use_awaitable, ec));
  if (generation != generation_) co_return false;
  if (!ec) co_return true;
  boost::system::error_code ignored;
  socket_.close(ignored);
  co_return false;
}

void TabletChannel::Connected(std::shared_ptr<TabletChannel> self, uint64_t generation,
                              bool local) {
  local_ = local;
  boost::system::error_code ec;
  // Flush() writes without blocking and leaves the rest to WriteLoop.
  socket_.non_blocking(true, ec);
  state_ = State::kConnected;
  asio::co_spawn(io_, ReadLoop(std::move(self), generation), asio::detached);
  Kick();
}

asio::awaitable<void> TabletChannel::ReadLoop(std::shared_ptr<TabletChannel> /*self*/,
                                              uint64_t generation) {
  for (;;) {
    auto space = reader_.Prepare();
    boost::system::error_code ec;
    size_t n = co_await socket_.async_read_some(asio::buffer(space.data(), space.size()),
                                                asio::redirect_error(asio::use_awaitable, ec));
    if (generation != generation_) co_return;
    if (ec) {
      FailConnection(generation, ec == asio::error::eof ? "connection closed by the tablet"
                                                        : "connection lost: " + ec.message());
      co_return;
    }
    reader_.Commit(n);
    for (;;) {
      auto next = reader_.Next();
      if (!next.ok()) {
        FailConnection(generation, next.error().message);
        co_return;
      }
      if (!next->has_value()) break;
      Deliver(**next);
    }
  }
}

void TabletChannel::Flush(uint64_t generation) {
  if (generation != generation_) return;  // FailConnection reset the writer
  writing_.swap(pending_writes_);
  size_t written = 0;
  boost::system::error_code ec;
  while (written < writing_.size()) {
    written +=
        socket_.write_some(asio::buffer(writing_.data() + written, writing_.size() - written), ec);
    if (ec) break;
  }
  if (!ec) {
    writing_.clear();
    writer_active_ = false;
    return;
  }
  if (ec == asio::error::would_block || ec == asio::error::try_again) {
    writing_.erase(0, written);
    asio::co_spawn(io_, WriteLoop(shared_from_this(), generation), asio::detached);
    return;
  }
  writing_.clear();
  FailConnection(generation, "write failed: " + ec.message());
}

asio::awaitable<void> TabletChannel::WriteLoop(std::shared_ptr<TabletChannel> /*self*/,
                                               uint64_t generation) {
  // writing_ holds what Flush() could not hand to the socket.
  while (generation == generation_ && !writing_.empty()) {
    boost::system::error_code ec;
    co_await asio::async_write(socket_, asio::buffer(writing_),
                               asio::redirect_error(asio::use_awaitable, ec));
    if (generation != generation_) co_return;
    writing_.clear();
    if (ec) {
      FailConnection(generation, "write failed: " + ec.message());
      co_return;
    }
    writing_.swap(pending_writes_);
  }
  if (generation == generation_) writer_active_ = false;
}

void TabletChannel::Deliver(const rpc::FrameView& frame) {
  auto it = pending_.find(frame.header.request_id);
  if (it == pending_.end()) return;  // its caller gave up (timeout); drop the late answer
  Pending* pending = it->second;
  pending_.erase(it);
  switch (frame.header.type) {
    case rpc::MessageType::kExecuteResponse: {
      auto r = rpc::DecodeExecuteResponse(frame.payload);
      pending->outcome = r.ok() ? Result<TabletResponse>(std::move(r).value())
                                : Result<TabletResponse>(std::move(r).error());
      break;
    }
    case rpc::MessageType::kStatusResponse: {
      auto r = rpc::DecodeStatusResponse(frame.payload);
      pending->outcome = r.ok() ? Result<TabletResponse>(std::move(r).value())
                                : Result<TabletResponse>(std::move(r).error());
      break;
    }
    case rpc::MessageType::kHealthResponse: {
      auto r = rpc::DecodeHealthResponse(frame.payload);
      pending->outcome = r.ok() ? Result<TabletResponse>(std::move(r).value())
                                : Result<TabletResponse>(std::move(r).error());
      break;
    }
    default:
      pending->outcome = Result<TabletResponse>(Unavailable(fmt::format(
          "unexpected message type {} in a response", static_cast<int>(frame.header.type))));
  }
  pending->wake.cancel();
}

void TabletChannel::FailConnection(uint64_t generation, std::string_view reason) {
  if (generation != generation_) return;
  ++generation_;
  state_ = State::kDisconnected;
  writer_active_ = false;
  boost::system::error_code ignored;
  socket_.close(ignored);
  pending_writes_.clear();
  writing_.clear();
  reader_ = rpc::FrameBuffer(options_.max_frame_bytes);
  Error error = Unavailable(reason);
  auto failed = std::move(pending_);
  pending_.clear();
  for (auto& [id, pending] : failed) {
    pending->outcome = Result<TabletResponse>(error);
    pending->wake.cancel();
  }
}

void TabletChannel::Shutdown() {
  FailConnection(generation_, "the client was closed");
}

}  // namespace tessera::vtgate
