// ClientConnection::Handshake: greeting, optional TLS upgrade after an
// SSLRequest, HandshakeResponse41, authentication (client_auth.cc), session
// creation and the initial database.
#include <spdlog/spdlog.h>

#include "vtgate/mysql/client_connection.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/handshake_response.h"
#include "vtgate/mysql/handshake_v10.h"
#include "vtgate/mysql/native_password.h"
#include "vtgate/mysql/response_encoder.h"
#include "vtgate/mysql/tls_stream.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

// Pre-authentication packets are small; a stranger may not make us buffer more.
constexpr size_t kMaxHandshakePacket = 64 * 1024;

Error BadHandshake() {
  return Error::Make(mysql_errno::kHandshake, "Bad handshake");
}

}  // namespace

asio::awaitable<bool> ClientConnection::StartTls() {
  tls_ = std::make_unique<TlsStream>(socket_, *deps_.tls);
  // (No co_await inside an if condition in this file: GCC 12.2 can lay out
  // the coroutine frame wrongly for it; see client_auth.cc.)
  const bool secured = co_await tls_->Handshake(stream_.TakeReceived());
  if (!secured) {
    deps_.log->info("connection {}: TLS handshake failed", info_.connection_id);
    Close();
    co_return false;
  }
  stream_.UseTls(tls_.get());
  deps_.log->debug("connection {}: {}", info_.connection_id, tls_->Describe());
  co_return true;
}

asio::awaitable<bool> ClientConnection::Handshake() {
  scramble_ = GenerateScramble();
  const uint32_t capabilities = kServerCapabilities | (deps_.tls ? capability::kSsl : 0);
  HandshakeV10 greeting{deps_.options->server_version,
                        info_.connection_id,
                        scramble_,
                        capabilities,
                        static_cast<uint8_t>(kCharsetUtf8mb4GeneralCi),
                        server_status::kAutocommit,
                        deps_.options->default_auth_plugin};
  PacketWriter w = stream_.StartResponse();
  EncodeHandshakeV10(greeting, &w.Begin());
  w.End();
  const bool greeted = co_await stream_.Send(w);
  if (!greeted) co_return false;

  std::string_view payload;
  ReadStatus status = co_await stream_.Read(kMaxHandshakePacket, &payload);
  if (status != ReadStatus::kOk) {
    co_await FailRead(status);
    co_return false;
  }
  if (IsSslRequest(payload)) {
    if (deps_.tls == nullptr) {
      co_await SendErrorAndClose(
          Error::Make(mysql_errno::kHandshake, "SSL connections are not supported"));
      co_return false;
    }
    const bool secured = co_await StartTls();
    if (!secured) co_return false;
    status = co_await stream_.Read(kMaxHandshakePacket, &payload);
    if (status != ReadStatus::kOk) {
      co_await FailRead(status);
      co_return false;
    }
  }
  Result<HandshakeResponse> response = DecodeHandshakeResponse(payload);
  if (!response.ok() ||
      (response->capabilities & kRequiredClientCapabilities) != kRequiredClientCapabilities) {
    co_await SendErrorAndClose(BadHandshake());
    co_return false;
  }
  if (!tls_ && deps_.options->tls.require_secure_transport) {
    co_await SendErrorAndClose(Error::Make(mysql_errno::kSecureTransportRequired,
                                           "Connections using insecure transport are prohibited "
                                           "while --require_secure_transport=ON."));
    co_return false;
  }
  client_capabilities_ = response->capabilities & capabilities;
  multi_statements_ = client_capabilities_ & capability::kMultiStatements;
  info_.user = response->user;
  info_.database = response->database;
  std::string plugin;
  if (client_capabilities_ & capability::kPluginAuth) plugin = std::move(response->auth_plugin);
  const bool authenticated =
      co_await Authenticate(scramble_, plugin, std::move(response->auth_response));
  if (!authenticated) co_return false;

  const bool opened = co_await OpenSession();
  if (!opened) co_return false;
  if (phase_ == Phase::kClosed) co_return false;  // the handshake timer fired meanwhile
  phase_ = Phase::kCommands;
  deadline_.cancel();
  PacketWriter ok = stream_.StartResponse();
  EncodeOkResponse(session_->StatusFlags(), &ok);
  co_return co_await stream_.Send(ok);
}

}  // namespace tessera::vtgate::mysql
