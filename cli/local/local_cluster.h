// LocalCluster: runs a Topology on this machine as supervised processes, one
// MariaDB server and one vttablet per shard plus a vtgate, and schemad when
// the config has a `schemad:` section (started last, stopped first).
//
// State directory layout (all paths below `state_dir`):
//   mariadb/<keyspace>-<shard>/  a shard server's data directory (kept across down/up)
//   logs/<component id>.log      stdout and stderr of vttablet, vtgate and schemad
//   run/<component id>.pid       pid of each running component
//   tls/vtgate-{cert,key}.pem    vtgate's self-signed TLS certificate, made on the first
//                                Up() when the config names none
//
// Up() is idempotent: components already running are left alone. If any
// start fails, the components this call started are stopped again and the
// error quotes the failing component's log tail. Down() stops vtgate, then
// the tablets, then MariaDB (SIGTERM, wait, SIGKILL) and removes pid files.
#pragma once

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "cli/local/component.h"
#include "common/error.h"
#include "config/topology.h"

namespace tessera::local {

struct LocalClusterOptions {
  std::string state_dir;    // made absolute by the constructor
  std::string bin_dir;      // holds vttablet, vtgate and schemad
  std::string config_path;  // passed to vtgate and schemad; made absolute
  std::chrono::seconds start_timeout{60};
  std::chrono::seconds stop_grace{30};
};

class LocalCluster {
 public:
  // `progress` receives one line per action taken.
  LocalCluster(config::Topology topology, LocalClusterOptions options, std::ostream& progress);

  Status Up();
  Status Down();
  const config::Topology& topology() const { return topology_; }
  // Pid and health of every component, in start order.
  std::vector<ComponentStatus> Inspect() const;

 private:
  std::string PidPath(const Component& c) const;
  std::string LogPath(const Component& c) const;
  std::string DataDir(const Component& c) const;
  // Live pid from the component's pid file whose program matches; 0 if none.
  pid_t RunningPid(const Component& c) const;
  bool IsHealthy(const Component& c) const;
  Status CheckCanStart() const;
  Status StartMariaDb(const Component& c);
  Status StartDaemon(const Component& c);
  std::vector<std::string> DaemonArgv(const Component& c) const;
  Status StopComponent(const Component& c);

  config::Topology topology_;
  LocalClusterOptions options_;
  std::ostream& progress_;
  std::vector<Component> components_;
};

}  // namespace tessera::local
