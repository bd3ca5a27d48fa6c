// YamlReader: typed, located access to YAML nodes for the config loader
// (internal to config/). Every failure throws ConfigError carrying
// "<source>:<line>: <problem>"; the loader turns it into an Error value.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>

namespace tessera::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class YamlReader {
 public:
  explicit YamlReader(std::string source) : source_(std::move(source)) {}

  // "<source>:<line>" of a node (1-based line).
  std::string Where(const YAML::Node& at) const;
  [[noreturn]] void Fail(const YAML::Node& at, const std::string& problem) const;

  // `what` names the node in messages, e.g. `keyspace "customer"`.
  void ExpectMap(const YAML::Node& node, const std::string& what) const;
  void ExpectSequence(const YAML::Node& node, const std::string& what) const;
  // Refuses keys outside `allowed` and repeated keys.
  void CheckKeys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                 const std::string& what) const;

  // Child `key` of `map`; fails when required and absent or null.
  YAML::Node Child(const YAML::Node& map, const std::string& key, const std::string& what,
                   bool required) const;

  std::string String(const YAML::Node& scalar, const std::string& what) const;
  bool Bool(const YAML::Node& scalar, const std::string& what) const;
  uint64_t Unsigned(const YAML::Node& scalar, const std::string& what, uint64_t min,
                    uint64_t max) const;
  uint16_t Port(const YAML::Node& scalar, const std::string& what) const {
    return static_cast<uint16_t>(Unsigned(scalar, what, 1, 65535));
  }

 private:
  std::string source_;
};

}  // namespace tessera::config
