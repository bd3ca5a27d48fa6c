#include "vtgate/gateway/tablet_client.h"

#include "vtgate/gateway/shard_unavailable.h"
#include "vtgate/gateway/tablet_channel.h"

namespace tessera::vtgate {

namespace asio = boost::asio;

TabletClient::TabletClient(asio::io_context& io, std::string host, uint16_t port, std::string name,
                           TabletClientOptions options)
    : channel_(
          std::make_shared<TabletChannel>(io, std::move(host), port, std::move(name), options)) {}

TabletClient::~TabletClient() {
  channel_->Shutdown();
}

const std::string& TabletClient::name() const {
  return channel_->name();
}

bool TabletClient::connected_locally() const {
  return channel_->local();
}

namespace {

// MariaDB client-library errors (2000-2999: the tablet lost or cannot reach
// its MariaDB) are not server errors: clients misread them in an ERR packet
// (libmariadb reports "malformed packet"). They become 1105 naming the shard.
bool IsClientLibraryError(const Error& error) {
  return error.code >= 2000 && error.code < 3000;
}
Error AsServerError(const TabletChannel& channel, const Error& error) {
  return ShardUnavailable("shard " + channel.name() + ": MariaDB", error.message);
}

// The coroutine takes the request through a unique_ptr: GCC 12 destroys a
// by-value class parameter of a coroutine twice when the argument is a
// temporary inside a co_await expression, so callers' temporaries must only
// meet plain functions.
asio::awaitable<rpc::ExecuteResponse> ExecuteCall(std::shared_ptr<TabletChannel> channel,
                                                  std::unique_ptr<rpc::ExecuteRequest> request,
                                                  CallInterrupt* interrupt) {
  if (interrupt != nullptr && interrupt->interrupted()) {
    co_return rpc::ExecuteResponse{
        Error::Make(mysql_errno::kQueryInterrupted, "Query execution was interrupted"),
        request->transaction_id};
  }
  const auto& options = channel->options();
  auto timeout = request->timeout_ms > 0
                     ? std::chrono::milliseconds(request->timeout_ms) + options.timeout_grace
                     : options.default_request_timeout;
  auto response = co_await channel->Call(*request, timeout, interrupt);
  if (!response.ok()) {
    co_return rpc::ExecuteResponse{std::move(response).error(), request->transaction_id};
  }
  if (auto* execute = std::get_if<rpc::ExecuteResponse>(&response.value())) {
    if (!execute->result.ok() && IsClientLibraryError(execute->result.error()))
      execute->result = AsServerError(*channel, execute->result.error());
    co_return std::move(*execute);
  }
  co_return rpc::ExecuteResponse{channel->Unavailable("wrong response type to execute"),
                                 request->transaction_id};
}

}  // namespace

asio::awaitable<rpc::ExecuteResponse> TabletClient::Execute(rpc::ExecuteRequest request,
                                                            CallInterrupt* interrupt) {
  return ExecuteCall(channel_, std::make_unique<rpc::ExecuteRequest>(std::move(request)),
                     interrupt);
}

namespace {

asio::awaitable<Status> StatusCall(std::shared_ptr<TabletChannel> channel, auto request) {
  auto response = co_await channel->Call(request, channel->options().default_request_timeout);
  if (!response.ok()) co_return Status(std::move(response).error());
  if (auto* status = std::get_if<rpc::StatusResponse>(&response.value())) {
    if (!status->status.ok() && IsClientLibraryError(status->status.error()))
      co_return Status(AsServerError(*channel, status->status.error()));
    co_return std::move(status->status);
  }
  co_return Status(channel->Unavailable("wrong response type to a transaction request"));
}

}  // namespace

asio::awaitable<Status> TabletClient::Commit(uint64_t transaction_id) {
  return StatusCall(channel_, rpc::CommitRequest{transaction_id});
}

asio::awaitable<Status> TabletClient::Rollback(uint64_t transaction_id) {
  return StatusCall(channel_, rpc::RollbackRequest{transaction_id});
}

asio::awaitable<Result<rpc::HealthResponse>> TabletClient::Health() {
  auto channel = channel_;
  auto response = co_await channel->Call(
      rpc::HealthRequest{}, channel->options().connect_timeout + channel->options().timeout_grace);
  if (!response.ok()) co_return std::move(response).error();
  if (auto* health = std::get_if<rpc::HealthResponse>(&response.value())) {
    co_return std::move(*health);
  }
  co_return channel->Unavailable("wrong response type to health");
}

}  // namespace tessera::vtgate
