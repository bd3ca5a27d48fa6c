#include "common/rpc/local_socket.h"

#include <sys/un.h>

namespace tessera::rpc {

std::optional<std::string> TabletLocalSocketName(std::string_view host, uint16_t port) {
  std::string name(1, '\0');
  name += "tessera-vttablet-";
  name += host;
  name += ':';
  name += std::to_string(port);
  if (name.size() > sizeof(sockaddr_un::sun_path) - 1) return std::nullopt;
  return name;
}

}  // namespace tessera::rpc
