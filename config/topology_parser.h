// TopologyParser: turns a parsed YAML document into a validated Topology
// (internal to config/; use LoadTopology in config/loader.h). Throws
// ConfigError with "<source>:<line>: <problem>" on the first problem found.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "config/endpoint_registry.h"
#include "config/topology.h"
#include "config/yaml_reader.h"

namespace tessera::config {

class TopologyParser {
 public:
  explicit TopologyParser(std::string source) : reader_(source), source_(std::move(source)) {}

  Topology Parse(const YAML::Node& root);

 private:
  void ParseVtgate(const YAML::Node& node, VtgateConfig& out);
  void ParseOnlineDdl(const YAML::Node& node, OnlineDdlConfig& out);
  VtgateTlsConfig ParseVtgateTls(const YAML::Node& node);
  void ParseSchemad(const YAML::Node& node, Topology& topo);
  void ParseUsers(const YAML::Node& node, std::vector<UserConfig>& out);
  KeyspaceConfig ParseKeyspace(const YAML::Node& name, const YAML::Node& body);
  ShardConfig ParseShard(const YAML::Node& node, const std::string& keyspace);
  void ParseVindexes(const YAML::Node& node, KeyspaceConfig& ks);
  void ParseTables(const YAML::Node& node, KeyspaceConfig& ks);
  // A table's `columns` and `column_list_authoritative`.
  void ParseColumns(const YAML::Node& body, const std::string& twhat, TableConfig& table);
  // Every auto_increment names a sequence table that exists, once all
  // keyspaces are known.
  void ResolveSequences(Topology& topo);
  void ClaimEndpoint(const YAML::Node& at, const std::string& host, uint16_t port,
                     const std::string& owner);

  YamlReader reader_;
  std::string source_;
  EndpointRegistry endpoints_;
  std::map<uint32_t, std::string> server_ids_;
  struct PendingSequence {
    YAML::Node at;  // the "sequence" value, for the error's line
    std::string keyspace, table, sequence;
  };
  std::vector<PendingSequence> pending_sequences_;
  struct PendingSequenceKeyspace {
    YAML::Node at;
    std::string keyspace, sequence_keyspace;
  };
  std::vector<PendingSequenceKeyspace> pending_sequence_keyspaces_;
};

}  // namespace tessera::config
