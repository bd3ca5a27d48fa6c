// Network probes for the local cluster: picking a free loopback port and
// checking that something accepts TCP connections (and, optionally, sends a
// MySQL greeting) on a port.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"

namespace tessera::local {

// Binds `host`:0, reads the port the kernel chose and releases it. Another
// process may take it before the caller does; good enough for tests.
Result<uint16_t> PickFreePort(const std::string& host = "127.0.0.1");
// `count` free ports, all different: each is held bound until all are picked
// (PickFreePort called twice in a row may return the same port).
Result<std::vector<uint16_t>> PickFreePorts(size_t count, const std::string& host = "127.0.0.1");

// True if a TCP connection to host:port succeeds within `timeout`.
bool CanConnect(const std::string& host, uint16_t port, std::chrono::milliseconds timeout);

// True if host:port accepts a connection and sends a MySQL protocol v10
// handshake (first payload byte 0x0a) within `timeout`.
bool ReadsMySqlGreeting(const std::string& host, uint16_t port, std::chrono::milliseconds timeout);

}  // namespace tessera::local
