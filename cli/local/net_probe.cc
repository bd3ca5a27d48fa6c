#include "cli/local/net_probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace tessera::local {
namespace {

// Owns a socket descriptor.
class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Socket& operator=(Socket&&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

int TimeoutMs(std::chrono::milliseconds t) {
  return static_cast<int>(t.count());
}

// Connects without blocking longer than `timeout`; returns the fd or -1.
int ConnectWithTimeout(const std::string& host, uint16_t port, std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
  int result = -1;
  for (addrinfo* ai = found; ai != nullptr && result < 0; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    int rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int err = 0;
      socklen_t len = sizeof(err);
      if (poll(&p, 1, TimeoutMs(timeout)) == 1 &&
          getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) {
        rc = 0;
      }
    }
    if (rc == 0) {
      result = fd;
    } else {
      close(fd);
    }
  }
  freeaddrinfo(found);
  return result;
}

}  // namespace

Result<uint16_t> PickFreePort(const std::string& host) {
  Socket s(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (s.fd() < 0) return Error::Internal(std::string("socket: ") + strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    return Error::Internal("PickFreePort: not an IPv4 address: " + host);
  }
  if (bind(s.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    return Error::Internal(std::string("bind: ") + strerror(errno));
  }
  socklen_t len = sizeof(addr);
  if (getsockname(s.fd(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return Error::Internal(std::string("getsockname: ") + strerror(errno));
  }
  return static_cast<uint16_t>(ntohs(addr.sin_port));
}

Result<std::vector<uint16_t>> PickFreePorts(size_t count, const std::string& host) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    return Error::Internal("PickFreePorts: not an IPv4 address: " + host);
  }
  std::vector<Socket> held;
  std::vector<uint16_t> ports;
  for (size_t i = 0; i < count; ++i) {
    Socket s(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (s.fd() < 0) return Error::Internal(std::string("socket: ") + strerror(errno));
    addr.sin_port = 0;
    if (bind(s.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      return Error::Internal(std::string("bind: ") + strerror(errno));
    }
    sockaddr_in bound{};
    socklen_t len = sizeof(bound);
    if (getsockname(s.fd(), reinterpret_cast<sockaddr*>(&bound), &len) != 0) {
      return Error::Internal(std::string("getsockname: ") + strerror(errno));
    }
    ports.push_back(static_cast<uint16_t>(ntohs(bound.sin_port)));
    held.push_back(std::move(s));
  }
  return ports;
}

bool CanConnect(const std::string& host, uint16_t port, std::chrono::milliseconds timeout) {
  Socket s(ConnectWithTimeout(host, port, timeout));
  return s.fd() >= 0;
}

bool ReadsMySqlGreeting(const std::string& host, uint16_t port, std::chrono::milliseconds timeout) {
  Socket s(ConnectWithTimeout(host, port, timeout));
  if (s.fd() < 0) return false;
  // Packet header (3-byte length, sequence id) then the protocol version byte.
  unsigned char buf[5];
  size_t got = 0;
  while (got < sizeof(buf)) {
    pollfd p{s.fd(), POLLIN, 0};
    if (poll(&p, 1, TimeoutMs(timeout)) != 1) return false;
    ssize_t n = recv(s.fd(), buf + got, sizeof(buf) - got, 0);
    if (n <= 0) return false;
    got += static_cast<size_t>(n);
  }
  return buf[3] == 0 && buf[4] == 0x0a;
}

}  // namespace tessera::local
