#include "config/loader.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "config/topology_parser.h"

namespace tessera::config {

Result<Topology> LoadTopology(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Internal(path + ": cannot open config file");
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error::Internal(path + ": cannot read config file");
  return ParseTopology(text.str(), path);
}

Result<Topology> ParseTopology(std::string_view yaml_text, std::string source_name) {
  try {
    YAML::Node root = YAML::Load(std::string(yaml_text));
    if (!root.IsDefined() || root.IsNull())
      return Error::Internal(source_name + ": config is empty");
    return TopologyParser(source_name).Parse(root);
  } catch (const ConfigError& e) {
    return Error::Internal(e.what());
  } catch (const YAML::Exception& e) {
    return Error::Internal(source_name + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

}  // namespace tessera::config
