#include "cli/local/component.h"

namespace tessera::local {

std::string_view HealthName(Health health) {
  switch (health) {
    case Health::kRunning:
      return "running";
    case Health::kStopped:
      return "stopped";
    case Health::kUnhealthy:
      return "unhealthy";
  }
  return "unknown";
}

std::vector<Component> ComponentsOf(const config::Topology& topology) {
  std::vector<Component> out;
  auto per_shard = [&](ComponentKind kind, const std::string& prefix, const std::string& program) {
    for (const auto& ks : topology.keyspaces) {
      for (const auto& shard : ks.shards) {
        Component c{kind,
                    prefix + "-" + ks.name + "-" + shard.name,
                    prefix + " " + ks.name + "/" + shard.name,
                    program,
                    kind == ComponentKind::kMariaDb ? shard.mariadb.host : shard.tablet.host,
                    kind == ComponentKind::kMariaDb ? shard.mariadb.port : shard.tablet.port,
                    &ks,
                    &shard};
        out.push_back(std::move(c));
      }
    }
  };
  per_shard(ComponentKind::kMariaDb, "mariadb", "mariadbd");
  per_shard(ComponentKind::kVttablet, "vttablet", "vttablet");
  out.push_back(Component{ComponentKind::kVtgate, "vtgate", "vtgate", "vtgate",
                          topology.vtgate.listen.host, topology.vtgate.listen.port, nullptr,
                          nullptr});
  return out;
}

}  // namespace tessera::local
