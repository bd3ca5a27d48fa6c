// ClientConnection::Handshake: greeting, HandshakeResponse41, optional
// AuthSwitchRequest to mysql_native_password, authentication, session
// creation and the initial database.
#include <spdlog/spdlog.h>

#include "vtgate/mysql/auth_switch.h"
#include "vtgate/mysql/authenticator.h"
#include "vtgate/mysql/client_connection.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/handshake_response.h"
#include "vtgate/mysql/handshake_v10.h"
#include "vtgate/mysql/native_password.h"
#include "vtgate/mysql/response_encoder.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

// Pre-authentication packets are small; a stranger may not make us buffer more.
constexpr size_t kMaxHandshakePacket = 64 * 1024;

Error BadHandshake() {
  return Error::Make(mysql_errno::kHandshake, "Bad handshake");
}

}  // namespace

asio::awaitable<bool> ClientConnection::Handshake() {
  const std::string scramble = GenerateScramble();
  HandshakeV10 greeting{deps_.options->server_version,
                        info_.connection_id,
                        scramble,
                        kServerCapabilities,
                        static_cast<uint8_t>(kCharsetUtf8mb4GeneralCi),
                        server_status::kAutocommit,
                        kNativePasswordPlugin};
  PacketWriter w = stream_.StartResponse();
  EncodeHandshakeV10(greeting, &w.Begin());
  w.End();
  if (!co_await stream_.Send(w)) co_return false;

  std::string_view payload;
  ReadStatus status = co_await stream_.Read(kMaxHandshakePacket, &payload);
  if (status != ReadStatus::kOk) {
    co_await FailRead(status);
    co_return false;
  }
  if (IsSslRequest(payload)) {
    co_await SendErrorAndClose(
        Error::Make(mysql_errno::kHandshake, "SSL connections are not supported"));
    co_return false;
  }
  Result<HandshakeResponse> response = DecodeHandshakeResponse(payload);
  if (!response.ok() ||
      (response->capabilities & kRequiredClientCapabilities) != kRequiredClientCapabilities) {
    co_await SendErrorAndClose(BadHandshake());
    co_return false;
  }
  client_capabilities_ = response->capabilities & kServerCapabilities;
  info_.user = response->user;
  info_.database = response->database;
  std::string token = std::move(response->auth_response);

  const bool other_plugin = (client_capabilities_ & capability::kPluginAuth) &&
                            !response->auth_plugin.empty() &&
                            response->auth_plugin != kNativePasswordPlugin;
  if (other_plugin) {
    PacketWriter sw = stream_.StartResponse();
    EncodeAuthSwitchRequest(AuthSwitchRequest{kNativePasswordPlugin, scramble}, &sw.Begin());
    sw.End();
    if (!co_await stream_.Send(sw)) co_return false;
    status = co_await stream_.Read(kMaxHandshakePacket, &payload);
    if (status != ReadStatus::kOk) {
      co_await FailRead(status);
      co_return false;
    }
    token.assign(payload);
  }

  Status auth = AuthenticateNative(*deps_.users, info_.user, info_.remote_address, scramble, token);
  if (!auth.ok()) {
    deps_.log->info("connection {}: access denied for user '{}'", info_.connection_id, info_.user);
    co_await SendErrorAndClose(auth.error());
    co_return false;
  }
  session_ = (*deps_.sessions)(info_);
  if (!session_) {
    co_await SendErrorAndClose(Error::Internal("No session available"));
    co_return false;
  }
  if (!info_.database.empty()) {
    Status used = session_->UseDatabase(info_.database);
    if (!used.ok()) {
      co_await SendErrorAndClose(used.error());
      co_return false;
    }
  }
  if (phase_ == Phase::kClosed) co_return false;  // the handshake timer fired meanwhile
  phase_ = Phase::kCommands;
  deadline_.cancel();
  PacketWriter ok = stream_.StartResponse();
  EncodeOkResponse(session_->StatusFlags(), &ok);
  co_return co_await stream_.Send(ok);
}

}  // namespace tessera::vtgate::mysql
