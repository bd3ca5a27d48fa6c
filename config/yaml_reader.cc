#include "config/yaml_reader.h"

#include <algorithm>
#include <set>

namespace tessera::config {

std::string YamlReader::Where(const YAML::Node& at) const {
  int line = at.IsDefined() ? at.Mark().line : -1;
  if (line < 0) return source_;
  return source_ + ":" + std::to_string(line + 1);
}

void YamlReader::Fail(const YAML::Node& at, const std::string& problem) const {
  throw ConfigError(Where(at) + ": " + problem);
}

void YamlReader::ExpectMap(const YAML::Node& node, const std::string& what) const {
  if (!node.IsMap()) Fail(node, what + " must be a mapping");
}

void YamlReader::ExpectSequence(const YAML::Node& node, const std::string& what) const {
  if (!node.IsSequence()) Fail(node, what + " must be a list");
}

void YamlReader::CheckKeys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                           const std::string& what) const {
  ExpectMap(map, what);
  std::set<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string key = String(it->first, what + " key");
    bool known =
        std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
    if (!known) {
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      Fail(it->first, what + ": unknown key \"" + key + "\" (expected one of: " + list + ")");
    }
    if (!seen.insert(key).second) Fail(it->first, what + ": key \"" + key + "\" repeated");
  }
}

YAML::Node YamlReader::Child(const YAML::Node& map, const std::string& key, const std::string& what,
                             bool required) const {
  YAML::Node child = map[key];
  if (required && (!child.IsDefined() || child.IsNull())) {
    Fail(map, what + ": missing required key \"" + key + "\"");
  }
  return child;
}

std::string YamlReader::String(const YAML::Node& scalar, const std::string& what) const {
  if (!scalar.IsScalar()) Fail(scalar, what + " must be a scalar");
  return scalar.Scalar();
}

bool YamlReader::Bool(const YAML::Node& scalar, const std::string& what) const {
  std::string text = String(scalar, what);
  if (text == "true" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "no" || text == "off") return false;
  Fail(scalar, what + " must be true or false, not \"" + text + "\"");
}

uint64_t YamlReader::Unsigned(const YAML::Node& scalar, const std::string& what, uint64_t min,
                              uint64_t max) const {
  std::string text = String(scalar, what);
  uint64_t value = 0;
  bool digits = !text.empty() && text.size() <= 19 &&
                std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) value = std::stoull(text);
  if (!digits || value < min || value > max) {
    Fail(scalar, what + " must be an integer from " + std::to_string(min) + " to " +
                     std::to_string(max) + ", not \"" + text + "\"");
  }
  return value;
}

}  // namespace tessera::config
