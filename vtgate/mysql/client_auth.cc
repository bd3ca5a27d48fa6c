// ClientConnection's authentication: picks the plugin (the client's when it
// is mysql_native_password or caching_sha2_password, else an auth switch to
// the server's default), then verifies the client's proof. Every failure is
// the same ERR 1045, whether the user is unknown or the password wrong, and
// whichever step of caching_sha2_password it happened in.
//
// No co_await appears inside an if condition here: GCC 12.2 miscompiles some
// coroutines whose co_await sits in a condition (the frame is resumed at the
// wrong address), so results are stored in a local first.
#include <openssl/crypto.h>

#include <spdlog/spdlog.h>

#include "vtgate/mysql/auth_more_data.h"
#include "vtgate/mysql/auth_switch.h"
#include "vtgate/mysql/authenticator.h"
#include "vtgate/mysql/caching_sha2_password.h"
#include "vtgate/mysql/client_connection.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/native_password.h"
#include "vtgate/mysql/rsa_key_pair.h"
#include "vtgate/mysql/sha2_digest_cache.h"
#include "vtgate/mysql/tls_stream.h"

namespace tessera::vtgate::mysql {
namespace {

namespace asio = boost::asio;

constexpr size_t kMaxAuthPacket = 64 * 1024;

// Clients send an empty token, or a lone NUL, for an empty password.
bool IsEmptyToken(std::string_view token) {
  return token.empty() || token == std::string_view("\0", 1);
}

std::string_view WithoutTrailingNul(std::string_view s) {
  if (!s.empty() && s.back() == '\0') s.remove_suffix(1);
  return s;
}

// A clear-text password, wiped from memory when it goes away.
struct ClearPassword {
  std::string text;
  ~ClearPassword() { OPENSSL_cleanse(text.data(), text.size()); }
};

std::string AuthMoreData(std::string_view data) {
  std::string payload;
  EncodeAuthMoreData(data, &payload);
  return payload;
}

}  // namespace

asio::awaitable<bool> ClientConnection::Exchange(std::string_view payload,
                                                 std::string_view* reply) {
  PacketWriter w = stream_.StartResponse();
  w.Write(payload);
  const bool sent = co_await stream_.Send(w);
  if (!sent) {
    Close();
    co_return false;
  }
  ReadStatus status = co_await stream_.Read(kMaxAuthPacket, reply);
  if (status != ReadStatus::kOk) {
    co_await FailRead(status);
    co_return false;
  }
  co_return true;
}

asio::awaitable<bool> ClientConnection::Deny(bool using_password) {
  deps_.log->info("connection {}: access denied for user '{}'", info_.connection_id, info_.user);
  co_await SendErrorAndClose(AccessDenied(info_.user, info_.remote_address, using_password));
  co_return false;
}

bool ClientConnection::MeetsTransportRequirement() {
  const auto& requirements = deps_.options->tls.user_requirements;
  auto it = requirements.find(info_.user);
  if (it == requirements.end() || it->second == TransportRequirement::kNone) return true;
  if (!tls_) return false;
  return it->second == TransportRequirement::kSsl || tls_->PeerCertificateVerified();
}

asio::awaitable<bool> ClientConnection::Authenticate(const std::string& scramble,
                                                     std::string_view client_plugin,
                                                     std::string token) {
  // REQUIRE SSL / X509: refused as a wrong password is, before any exchange.
  if (!MeetsTransportRequirement()) co_return co_await Deny(!token.empty());
  std::string plugin = client_plugin.empty() ? kNativePasswordPlugin : std::string(client_plugin);
  const bool known = plugin == kNativePasswordPlugin || plugin == kCachingSha2PasswordPlugin;
  // A client whose plugin is not the greeting's sends no token (the scramble
  // was offered to another plugin) and waits to be switched to its own.
  const bool wants_switch = known && !client_plugin.empty() && token.empty() &&
                            plugin != deps_.options->default_auth_plugin;
  if (!known || wants_switch) {
    if (!known) plugin = deps_.options->default_auth_plugin;
    std::string request;
    EncodeAuthSwitchRequest(AuthSwitchRequest{plugin, scramble}, &request);
    std::string_view reply;
    const bool answered = co_await Exchange(request, &reply);
    if (!answered) co_return false;
    token.assign(reply);
  }
  if (plugin == kCachingSha2PasswordPlugin)
    co_return co_await AuthenticateCachingSha2(scramble, token);

  Status auth = AuthenticateNative(*deps_.users, info_.user, info_.remote_address, scramble, token);
  if (!auth.ok()) co_return co_await Deny(!token.empty());
  co_return true;
}

asio::awaitable<bool> ClientConnection::AuthenticateCachingSha2(const std::string& scramble,
                                                                std::string_view token) {
  std::optional<std::string> stored = *deps_.users ? (*deps_.users)(info_.user) : std::nullopt;
  if (IsEmptyToken(token)) {
    if (stored && stored->empty()) co_return true;
    co_return co_await Deny(false);
  }

  // Fast path: the digest is known and the token proves the password.
  if (stored && !stored->empty()) {
    std::optional<std::string> digest = deps_.sha2_cache->Find(info_.user, *stored);
    if (digest && VerifyCachingSha2Token(*digest, scramble, token)) {
      PacketWriter w = stream_.StartResponse();
      w.Write(AuthMoreData(std::string(1, static_cast<char>(caching_sha2::kFastAuthSuccess))));
      co_return co_await stream_.Send(w);
    }
  }

  // Full authentication (also for unknown users and wrong tokens, so the
  // exchange does not tell them apart): the client sends the password itself.
  std::string_view reply;
  const bool answered = co_await Exchange(
      AuthMoreData(std::string(1, static_cast<char>(caching_sha2::kPerformFullAuthentication))),
      &reply);
  if (!answered) co_return false;
  ClearPassword password;
  if (tls_) {
    password.text.assign(WithoutTrailingNul(reply));
  } else {
    if (reply.size() == 1 && static_cast<uint8_t>(reply[0]) == caching_sha2::kRequestPublicKey) {
      const bool answered =
          co_await Exchange(AuthMoreData(deps_.rsa_key->public_key_pem()), &reply);
      if (!answered) co_return false;
    }
    std::optional<std::string> decrypted = deps_.rsa_key->Decrypt(reply);
    if (!decrypted) co_return co_await Deny(true);
    ClearPassword xored{XorWithScramble(*decrypted, scramble)};
    OPENSSL_cleanse(decrypted->data(), decrypted->size());
    password.text.assign(WithoutTrailingNul(xored.text));
  }
  if (!stored || !VerifyNativeClearPassword(*stored, password.text)) co_return co_await Deny(true);
  deps_.sha2_cache->Store(info_.user, *stored, CachingSha2Digest(password.text));
  co_return true;
}

}  // namespace tessera::vtgate::mysql
