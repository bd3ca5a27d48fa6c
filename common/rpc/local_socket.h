// The abstract Unix socket on which a tablet listening on TCP host:port also
// accepts RPC, so that a client on the same machine skips the TCP/IP stack.
//
// Abstract names (Linux) belong to the network namespace, as the loopback
// address does; they need no file and vanish with the process. The name holds
// the TCP listen address as written, and the tablet binds it only after the
// TCP bind succeeded, so a name always leads to the tablet of that address.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::rpc {

// The socket name with its leading NUL byte, or nothing when `host` makes it
// longer than a Unix socket address holds.
std::optional<std::string> TabletLocalSocketName(std::string_view host, uint16_t port);

}  // namespace tessera::rpc
