// RawClient: a blocking socket client that speaks just enough of the
// protocol (via the codec under test) to send malformed input on purpose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::vtgate::mysql::testing {

class RawClient {
 public:
  // Connects to 127.0.0.1:port; reads time out after 5 s.
  explicit RawClient(uint16_t port);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool SendRaw(std::string_view bytes);
  // Frames `payload` as packet(s) starting at sequence id `seq`.
  bool SendPacket(std::string_view payload, uint8_t seq);
  // One whole payload, or nullopt on close / timeout / framing error.
  std::optional<std::string> ReadPacket();
  // Reads the greeting and logs in as user/password with `plugin` announced.
  // Returns the final payload the server sent (OK or ERR), or nullopt.
  std::optional<std::string> Login(const std::string& user, const std::string& password,
                                   const std::string& plugin = "mysql_native_password");
  // True when the server closed the connection (EOF or reset) within 5 s,
  // after discarding whatever it still sent.
  bool WaitClosed();
  void ShutdownWrite();

 private:
  int fd_ = -1;
  std::string in_;
  uint8_t next_seq_ = 0;
};

}  // namespace tessera::vtgate::mysql::testing
