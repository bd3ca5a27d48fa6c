#include "vtgate/mysql/client_connection.h"

#include <exception>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "vtgate/mysql/command.h"
#include "vtgate/mysql/response_encoder.h"
#include "vtgate/mysql/tls_stream.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

constexpr size_t kDrainLimit = 64 << 20;          // bytes discarded at most after a fatal ERR
constexpr size_t kMaxPreparedStatements = 16382;  // per connection

Error PacketTooLarge() {
  return Error::Make(mysql_errno::kNetPacketTooLarge,
                     "Got a packet bigger than 'max_allowed_packet' bytes");
}

}  // namespace

ClientConnection::ClientConnection(asio::ip::tcp::socket socket, uint32_t connection_id,
                                   size_t worker, ConnectionDeps deps, bool admitted)
    : socket_(std::move(socket)),
      stream_(&socket_),
      deadline_(socket_.get_executor()),
      deps_(deps),
      statements_(kMaxPreparedStatements),
      admitted_(admitted) {
  info_.connection_id = connection_id;
  info_.worker = worker;
  info_.directory = deps_.clients;
  boost::system::error_code ec;
  auto remote = socket_.remote_endpoint(ec);
  info_.remote_address = ec ? "unknown" : remote.address().to_string();
  activity_ = std::make_shared<ClientActivity>(info_.remote_address);
  deps_.registry->Add(this);
}

ClientConnection::~ClientConnection() {
  deps_.registry->Remove(this);
  if (admitted_) deps_.clients->Remove(info_.connection_id);
}

void ClientConnection::Kill(KillScope scope) {
  asio::post(socket_.get_executor(), [weak = weak_from_this(), scope] {
    auto self = weak.lock();
    if (!self || self->phase_ == Phase::kClosed) return;
    // The statement running now, if any, is stopped either way.
    if (self->busy_ && self->session_) self->session_->Interrupt();
    if (scope == KillScope::kConnection) {
      self->deps_.log->info("connection {}: killed", self->info_.connection_id);
      self->Close();
    }
  });
}

void ClientConnection::Close() {
  phase_ = Phase::kClosed;
  deadline_.cancel();
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

asio::awaitable<void> ClientConnection::Run(std::shared_ptr<ClientConnection> self) {
  try {
    if (!self->admitted_) {
      self->phase_ = Phase::kCommands;  // lingers after the ERR like a command's fatal error
      co_await self->SendErrorAndClose(Error::Make(mysql_errno::kConCount, "Too many connections"));
      co_return;
    }
    self->deps_.clients->Add(self->info_.connection_id, self->activity_,
                             [weak = std::weak_ptr<ClientConnection>(self)](KillScope scope) {
                               if (auto c = weak.lock()) c->Kill(scope);
                             });
    self->ArmDeadline();
    // GCC 12 can miscompile a co_await inside an if condition: take the value first.
    const bool logged_in = co_await self->Handshake();
    if (logged_in) co_await self->ServeCommands();
  } catch (const std::exception& e) {
    self->deps_.log->error("connection {}: {}", self->info_.connection_id, e.what());
  } catch (...) {
    self->deps_.log->error("connection {}: unknown exception", self->info_.connection_id);
  }
  self->Close();
  // The session is released here, on the worker thread.
  self->session_.reset();
}

void ClientConnection::ArmDeadline() {
  deadline_.expires_after(deps_.options->handshake_timeout);
  deadline_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
    auto self = weak.lock();
    if (ec || !self) return;
    if (self->phase_ != Phase::kHandshake && self->phase_ != Phase::kLingering) return;
    if (self->phase_ == Phase::kHandshake) {
      self->deps_.log->info("connection {}: handshake timeout", self->info_.connection_id);
    }
    self->Close();
  });
}

asio::awaitable<void> ClientConnection::SendErrorAndClose(const Error& error) {
  if (phase_ == Phase::kClosed) co_return;
  PacketWriter w = stream_.StartResponse();
  EncodeErrorResponse(error, &w);
  const bool sent = co_await stream_.Send(w);
  if (sent) {
    // Let the client read the ERR: stop sending, discard what it still
    // sends until it closes (bounded by the deadline and kDrainLimit).
    boost::system::error_code ec;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    if (phase_ == Phase::kCommands) ArmDeadline();
    phase_ = Phase::kLingering;
    co_await stream_.Drain(kDrainLimit);
  }
  Close();
}

asio::awaitable<void> ClientConnection::FailRead(ReadStatus status) {
  switch (status) {
    case ReadStatus::kTooLarge:
      co_await SendErrorAndClose(PacketTooLarge());
      break;
    case ReadStatus::kOutOfOrder:
      co_await SendErrorAndClose(
          Error::Make(mysql_errno::kNetPacketsOutOfOrder, "Got packets out of order"));
      break;
    case ReadStatus::kClosed:
    case ReadStatus::kOk:
      Close();
      break;
  }
}

asio::awaitable<void> ClientConnection::ServeCommands() {
  for (;;) {
    stream_.ResetSequence();
    std::string_view payload;
    ReadStatus status = co_await stream_.Read(deps_.options->max_allowed_packet, &payload);
    if (status != ReadStatus::kOk) {
      co_await FailRead(status);
      co_return;
    }
    busy_ = true;
    const bool keep_serving = co_await Dispatch(payload);
    busy_ = false;
    if (!keep_serving) co_return;
    activity_->End(session_ ? session_->Database() : std::string());
    stream_.Trim();
  }
}

asio::awaitable<bool> ClientConnection::Dispatch(std::string_view payload) {
  Result<Command> command = DecodeCommand(payload);
  if (!command.ok()) {
    co_await SendErrorAndClose(command.error());
    co_return false;
  }
  deps_.clients->CountQuestion();
  PacketWriter w = stream_.StartResponse();
  switch (command->code) {
    case CommandCode::kQuit:
      Close();
      co_return false;
    case CommandCode::kPing:
      EncodeOkResponse(session_->StatusFlags(), &w);
      break;
    case CommandCode::kInitDb: {
      Status used = session_->UseDatabase(command->argument);
      if (used.ok()) {
        info_.database = command->argument;
        EncodeOkResponse(session_->StatusFlags(), &w);
      } else {
        EncodeErrorResponse(used.error(), &w);
      }
      break;
    }
    case CommandCode::kQuery:
      activity_->Begin("Query", command->argument);
      co_return co_await Query(command->argument);
    case CommandCode::kStatistics:
      Statistics(&w);
      break;
    case CommandCode::kProcessKill: {
      const bool alive = co_await ProcessKill(command->argument, &w);
      if (!alive) co_return false;
      break;
    }
    case CommandCode::kFieldList:
      activity_->Begin("Field List", command->argument);
      co_await FieldList(command->argument, &w);
      break;
    case CommandCode::kProcessInfo:
      co_return co_await ProcessList();
    case CommandCode::kSetOption:
      SetOption(command->argument, &w);
      break;
    case CommandCode::kChangeUser:
      co_return co_await ChangeUser(command->argument);
    case CommandCode::kResetConnection:
      co_return co_await ResetConnection();
    case CommandCode::kStmtPrepare:
      co_await StmtPrepare(command->argument, &w);
      break;
    case CommandCode::kStmtExecute:
      activity_->Begin("Execute", {});
      co_await StmtExecute(command->argument, &w);
      break;
    case CommandCode::kStmtSendLongData:
      StmtSendLongData(command->argument);
      co_return true;
    case CommandCode::kStmtReset:
      StmtReset(command->argument, &w);
      break;
    case CommandCode::kStmtClose:
      StmtClose(command->argument);
      co_return true;
    case CommandCode::kStmtFetch:
      StmtFetch(command->argument, &w);
      break;
    default:
      EncodeErrorResponse(Error::Make(mysql_errno::kUnknownCom, "Unknown command"), &w);
      break;
  }
  co_return co_await stream_.Send(w);
}

}  // namespace tessera::vtgate::mysql
