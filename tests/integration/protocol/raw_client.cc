#include "tests/integration/protocol/raw_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <cerrno>

#include "vtgate/mysql/auth_switch.h"
#include "vtgate/mysql/constants.h"
#include "vtgate/mysql/handshake_response.h"
#include "vtgate/mysql/handshake_v10.h"
#include "vtgate/mysql/native_password.h"
#include "vtgate/mysql/packet_framing.h"

namespace tessera::vtgate::mysql::testing {

RawClient::RawClient(uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

RawClient::~RawClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawClient::SendRaw(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool RawClient::SendPacket(std::string_view payload, uint8_t seq) {
  std::string wire;
  PacketWriter w(&wire, seq);
  w.Write(payload);
  next_seq_ = w.next_seq();
  return SendRaw(wire);
}

std::optional<std::string> RawClient::ReadPacket() {
  std::string scratch;
  for (;;) {
    Frame f;
    // The client checks framing only loosely: it accepts any sequence id.
    uint8_t seq = in_.size() >= 4 ? static_cast<uint8_t>(in_[3]) : 0;
    FrameStatus status = ExtractPacket(in_, seq, 1u << 30, &scratch, &f);
    if (status == FrameStatus::kComplete) {
      std::string payload(f.payload);
      in_.erase(0, f.consumed);
      next_seq_ = f.next_seq;
      return payload;
    }
    if (status != FrameStatus::kNeedMore) return std::nullopt;
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return std::nullopt;
    in_.append(buf, static_cast<size_t>(n));
  }
}

std::optional<std::string> RawClient::Login(const std::string& user, const std::string& password,
                                            const std::string& plugin) {
  std::optional<std::string> greeting_payload = ReadPacket();
  if (!greeting_payload) return std::nullopt;
  Result<HandshakeV10> greeting = DecodeHandshakeV10(*greeting_payload);
  if (!greeting.ok()) return std::nullopt;
  HandshakeResponse r;
  r.capabilities = capability::kProtocol41 | capability::kSecureConnection |
                   capability::kPluginAuth | capability::kDeprecateEof;
  r.max_packet_size = 1 << 30;
  r.charset = 45;
  r.user = user;
  r.auth_plugin = plugin;
  // For another plugin, send bytes the server cannot use: it must switch.
  r.auth_response = plugin == kNativePasswordPlugin
                        ? NativePasswordToken(password, greeting->scramble)
                        : std::string(32, 'x');
  std::string payload;
  EncodeHandshakeResponse(r, &payload);
  if (!SendPacket(payload, 1)) return std::nullopt;
  std::optional<std::string> reply = ReadPacket();
  if (!reply || reply->empty() || static_cast<uint8_t>((*reply)[0]) != kEofHeader) return reply;
  Result<AuthSwitchRequest> sw = DecodeAuthSwitchRequest(*reply);
  if (!sw.ok() || sw->plugin != kNativePasswordPlugin) return std::nullopt;
  if (!SendPacket(NativePasswordToken(password, sw->data), next_seq_)) return std::nullopt;
  return ReadPacket();
}

bool RawClient::WaitClosed() {
  char buf[65536];
  for (;;) {
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n == 0) return true;
    if (n < 0) return errno == ECONNRESET;  // EAGAIN: the 5 s timeout passed
  }
}

void RawClient::ShutdownWrite() {
  ::shutdown(fd_, SHUT_WR);
}

}  // namespace tessera::vtgate::mysql::testing
