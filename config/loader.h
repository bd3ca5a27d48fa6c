// Loading a cluster config file into a validated Topology. This is the only
// entry point to YAML in the project. Every failure is an Error whose message
// reads "<file>:<line>: <problem>", e.g.
//   config/examples/local.yaml:23: keyspace "customer": shards leave the key range 80-c0 uncovered
//
// The file format is documented in config/examples/local.yaml. Plain user
// passwords are replaced by their mysql_native_password hash at load time.
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "config/topology.h"

namespace tessera::config {

// Reads and validates the file at `path`; Topology::source_file is `path`.
Result<Topology> LoadTopology(const std::string& path);

// Validates YAML text; `source_name` is used in messages and as source_file.
Result<Topology> ParseTopology(std::string_view yaml_text, std::string source_name);

}  // namespace tessera::config
