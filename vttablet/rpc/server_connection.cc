#include <utility>  // Boost.Asio 1.74 coroutine headers use std::exchange unincluded

#include "vttablet/rpc/server_connection.h"

#include <exception>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "common/logging.h"
#include "common/rpc/execute_codec.h"
#include "common/rpc/health_codec.h"
#include "common/rpc/transaction_codec.h"

namespace tessera::vttablet {

namespace asio = boost::asio;
using asio::use_awaitable;

ServerConnection::ServerConnection(asio::generic::stream_protocol::socket socket, bool tcp,
                                   TabletService& service, const RpcServerOptions& options)
    : socket_(std::move(socket)),
      tcp_(tcp),
      service_(service),
      options_(options),
      reader_(options.max_frame_bytes),
      slot_freed_(socket_.get_executor()) {}

asio::awaitable<void> ServerConnection::Serve(std::shared_ptr<ServerConnection> self) {
  auto log = GetLogger("vttablet");
  boost::system::error_code option_error;
  if (tcp_) socket_.set_option(asio::ip::tcp::no_delay(true), option_error);
  // Flush() writes without blocking and leaves the rest to WriteLoop.
  socket_.non_blocking(true, option_error);
  while (!closed_) {
    auto space = reader_.Prepare();
    boost::system::error_code ec;
    size_t n = co_await socket_.async_read_some(asio::buffer(space.data(), space.size()),
                                                asio::redirect_error(use_awaitable, ec));
    if (ec) break;
    reader_.Commit(n);
    for (;;) {
      auto next = reader_.Next();
      if (!next.ok()) {
        log->warn("closing tablet RPC connection: {}", next.error().message);
        Close();
        co_return;
      }
      if (!next->has_value()) break;
      const rpc::FrameView& frame = **next;
      if (frame.header.type == rpc::MessageType::kCancelRequest) {
        // Stops the named statement if it still runs; no answer of its own.
        if (auto it = cancels_.find(frame.header.request_id); it != cancels_.end()) {
          auto cancel = it->second;  // the handler may end the statement
          cancel->Cancel();
        }
        continue;
      }
      auto request = DecodeRequest(frame);
      if (!request.ok()) {
        log->warn("closing tablet RPC connection: {}", request.error().message);
        Close();
        co_return;
      }
      ++in_flight_;
      // Registered now: a CancelRequest may follow in this same read.
      std::shared_ptr<StatementCancel> cancel;
      if (std::holds_alternative<rpc::ExecuteRequest>(*request)) {
        cancel = std::make_shared<StatementCancel>();
        cancels_[frame.header.request_id] = cancel;
      }
      asio::co_spawn(
          socket_.get_executor(),
          Handle(self, frame.header.request_id, std::move(request).value(), std::move(cancel)),
          asio::detached);
    }
    while (in_flight_ >= options_.max_in_flight_per_connection && !closed_) {
      slot_freed_.expires_at(asio::steady_timer::time_point::max());
      boost::system::error_code ignored;
      co_await slot_freed_.async_wait(asio::redirect_error(use_awaitable, ignored));
    }
  }
  Close();
}

Result<ServerConnection::Request> ServerConnection::DecodeRequest(
    const rpc::FrameView& frame) const {
  switch (frame.header.type) {
    case rpc::MessageType::kExecuteRequest: {
      auto r = rpc::DecodeExecuteRequest(frame.payload);
      if (!r.ok()) return std::move(r).error();
      return Request(std::move(r).value());
    }
    case rpc::MessageType::kCommitRequest: {
      auto r = rpc::DecodeCommitRequest(frame.payload);
      if (!r.ok()) return std::move(r).error();
      return Request(Commit{r->transaction_id});
    }
    case rpc::MessageType::kRollbackRequest: {
      auto r = rpc::DecodeRollbackRequest(frame.payload);
      if (!r.ok()) return std::move(r).error();
      return Request(Rollback{r->transaction_id});
    }
    case rpc::MessageType::kHealthRequest: {
      auto r = rpc::DecodeHealthRequest(frame.payload);
      if (!r.ok()) return std::move(r).error();
      return Request(Health{});
    }
    default:
      return Error::Make(mysql_errno::kUnknownCom,
                         fmt::format("tablet RPC: message type {} is not a request",
                                     static_cast<int>(frame.header.type)));
  }
}

asio::awaitable<void> ServerConnection::Handle(std::shared_ptr<ServerConnection> /*self*/,
                                               uint32_t request_id, Request request,
                                               std::shared_ptr<StatementCancel> cancel) {
  try {
    if (auto* execute = std::get_if<rpc::ExecuteRequest>(&request)) {
      rpc::ExecuteResponse response =
          co_await service_.ExecuteCancellable(std::move(*execute), cancel);
      QueueResponse(request_id, response);
    } else if (auto* commit = std::get_if<Commit>(&request)) {
      Status status = co_await service_.Commit(commit->transaction_id);
      QueueResponse(request_id, rpc::StatusResponse{std::move(status)});
    } else if (auto* rollback = std::get_if<Rollback>(&request)) {
      Status status = co_await service_.Rollback(rollback->transaction_id);
      QueueResponse(request_id, rpc::StatusResponse{std::move(status)});
    } else {
      QueueResponse(request_id, service_.Health());
    }
  } catch (const std::exception& e) {
    // A service must not throw; answer rather than leave the caller waiting.
    GetLogger("vttablet")->error("tablet request failed with an exception: {}", e.what());
    QueueResponse(request_id, rpc::ExecuteResponse{Error::Internal("internal tablet error")});
  }
  cancels_.erase(request_id);
  --in_flight_;
  slot_freed_.cancel();
}

template <class Response>
void ServerConnection::QueueResponse(uint32_t request_id, const Response& response) {
  if (closed_) return;
  size_t start = pending_.size();
  rpc::AppendFrame(pending_, request_id, response);
  if (pending_.size() - start - rpc::kFrameHeaderSize > options_.max_frame_bytes) {
    pending_.resize(start);
    rpc::AppendFrame(pending_, request_id,
                     rpc::ExecuteResponse{Error::Make(
                         mysql_errno::kNetPacketTooLarge,
                         fmt::format("result exceeds the tablet RPC frame limit of {} bytes",
                                     options_.max_frame_bytes))});
  }
  StartWriting();
}

void ServerConnection::StartWriting() {
  if (writing_active_ || pending_.empty() || closed_) return;
  writing_active_ = true;
  // Deferred to the end of this round of completions, so that responses
  // finishing together leave in one write.
  asio::post(socket_.get_executor(), [self = shared_from_this()] { self->Flush(); });
}

void ServerConnection::Flush() {
  if (closed_) {
    writing_active_ = false;
    return;
  }
  writing_.swap(pending_);
  size_t written = 0;
  boost::system::error_code ec;
  while (written < writing_.size()) {
    written +=
        socket_.write_some(asio::buffer(writing_.data() + written, writing_.size() - written), ec);
    if (ec) break;
  }
  if (!ec) {
    writing_.clear();
    writing_active_ = false;
    return;
  }
  if (ec == asio::error::would_block || ec == asio::error::try_again) {
    writing_.erase(0, written);
    asio::co_spawn(socket_.get_executor(), WriteLoop(shared_from_this()), asio::detached);
    return;
  }
  writing_.clear();
  writing_active_ = false;
  Close();
}

asio::awaitable<void> ServerConnection::WriteLoop(std::shared_ptr<ServerConnection> /*self*/) {
  // writing_ holds what Flush() could not hand to the socket.
  while (!writing_.empty() && !closed_) {
    boost::system::error_code ec;
    co_await asio::async_write(socket_, asio::buffer(writing_),
                               asio::redirect_error(use_awaitable, ec));
    writing_.clear();
    if (ec) {
      Close();
      break;
    }
    writing_.swap(pending_);
  }
  writing_.clear();
  writing_active_ = false;
}

void ServerConnection::Close() {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ignored;
  socket_.shutdown(asio::socket_base::shutdown_both, ignored);
  socket_.close(ignored);
  slot_freed_.cancel();
  pending_.clear();
}

}  // namespace tessera::vttablet
