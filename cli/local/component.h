// Component: one process of a local cluster (a shard's MariaDB, a vttablet,
// vtgate), where it listens and where its pid file and log live.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "config/topology.h"

namespace tessera::local {

enum class ComponentKind { kMariaDb, kVttablet, kVtgate };
enum class Health { kRunning, kStopped, kUnhealthy };

std::string_view HealthName(Health health);

struct Component {
  ComponentKind kind;
  std::string id;       // file-name safe and unique: "mariadb-customer--80", "vtgate"
  std::string display;  // for people: "mariadb customer/-80"
  std::string program;  // base name of the executable: "mariadbd", "vttablet", "vtgate"
  std::string host;
  uint16_t port = 0;
  const config::KeyspaceConfig* keyspace = nullptr;  // null for vtgate
  const config::ShardConfig* shard = nullptr;        // null for vtgate
};

// Every component of `topology`, in start order: MariaDB servers, tablets,
// then vtgate. Pointers refer into `topology`, which must outlive the result.
std::vector<Component> ComponentsOf(const config::Topology& topology);

// State of a component as `tessera status` reports it.
struct ComponentStatus {
  std::string display;
  std::string host;
  uint16_t port = 0;
  pid_t pid = 0;  // 0: none
  Health health = Health::kStopped;
};

}  // namespace tessera::local
