#include "config/topology_parser.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <set>

#include "common/keyrange/key_range.h"
#include "config/password_hash.h"

namespace tessera::config {
namespace {

// Vindex types the router implements.
const std::set<std::string> kKnownVindexTypes = {
    "binary",  "binary_md5",        "hash",  "lookup", "lookup_unique",
    "numeric", "unicode_loose_md5", "xxhash"};
// Table types besides the default ("" = a normal table).
const std::set<std::string> kKnownTableTypes = {"", "reference", "sequence"};

bool IsIdentifier(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::string Quoted(const std::string& s) {
  return "\"" + s + "\"";
}

// "90s", "30m", "2h", "1h30m"; nullopt for anything else (or zero).
std::optional<std::chrono::seconds> ParseDuration(const std::string& text) {
  std::chrono::seconds total{0};
  size_t i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    size_t digits = i;
    while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
    if (digits == i || digits == text.size() || digits - i > 9) return std::nullopt;
    long long n = std::stoll(text.substr(i, digits - i));
    switch (text[digits]) {
      case 's':
        total += std::chrono::seconds(n);
        break;
      case 'm':
        total += std::chrono::minutes(n);
        break;
      case 'h':
        total += std::chrono::hours(n);
        break;
      default:
        return std::nullopt;
    }
    i = digits + 1;
  }
  if (total.count() == 0) return std::nullopt;
  return total;
}

}  // namespace

Topology TopologyParser::Parse(const YAML::Node& root) {
  Topology topo;
  topo.source_file = source_;
  reader_.CheckKeys(root, {"state_dir", "vtgate", "users", "keyspaces", "schemad", "online_ddl"},
                    "config");
  if (auto dir = reader_.Child(root, "state_dir", "config", false); dir.IsDefined()) {
    topo.state_dir = reader_.String(dir, "state_dir");
    if (topo.state_dir.empty()) reader_.Fail(dir, "state_dir must not be empty");
  }
  if (auto vtgate = reader_.Child(root, "vtgate", "config", false); vtgate.IsDefined()) {
    ParseVtgate(vtgate, topo.vtgate);
  }
  ClaimEndpoint(root["vtgate"], topo.vtgate.listen.host, topo.vtgate.listen.port, "vtgate");
  if (auto ddl = root["online_ddl"]; ddl.IsDefined()) ParseOnlineDdl(ddl, topo.online_ddl);
  ParseUsers(reader_.Child(root, "users", "config", true), topo.users);

  YAML::Node keyspaces = reader_.Child(root, "keyspaces", "config", true);
  reader_.ExpectMap(keyspaces, "keyspaces");
  if (keyspaces.size() == 0) reader_.Fail(keyspaces, "keyspaces: at least one is required");
  for (auto it = keyspaces.begin(); it != keyspaces.end(); ++it) {
    KeyspaceConfig ks = ParseKeyspace(it->first, it->second);
    if (topo.FindKeyspace(ks.name))
      reader_.Fail(it->first, "keyspace " + Quoted(ks.name) + " repeated");
    topo.keyspaces.push_back(std::move(ks));
  }
  ResolveSequences(topo);
  // Users' keyspaces name keyspaces of this cluster (read before them).
  for (const YAML::Node& entry : root["users"]) {
    const YAML::Node keyspaces = entry["keyspaces"];
    if (!keyspaces.IsDefined()) continue;
    for (const YAML::Node& keyspace : keyspaces) {
      const std::string name = keyspace.as<std::string>();
      if (!topo.FindKeyspace(name)) {
        reader_.Fail(keyspace, "user " + Quoted(entry["name"].as<std::string>()) + ": keyspace " +
                                   Quoted(name) +
                                   " is not a keyspace of this "
                                   "cluster");
      }
    }
  }
  if (auto schemad = root["schemad"]; schemad.IsDefined()) ParseSchemad(schemad, topo);
  return topo;
}

void TopologyParser::ResolveSequences(Topology& topo) {
  for (const auto& [at, keyspace, sequences] : pending_sequence_keyspaces_) {
    const KeyspaceConfig* target = topo.FindKeyspace(sequences);
    if (target == nullptr || target->sharded) {
      reader_.Fail(at, "keyspace " + Quoted(keyspace) + " auto_vschema sequence_keyspace: " +
                           Quoted(sequences) + " is not an unsharded keyspace of this cluster");
    }
  }
  for (const PendingSequence& pending : pending_sequences_) {
    const std::string what = "keyspace " + Quoted(pending.keyspace) + " table " +
                             Quoted(pending.table) + " auto_increment";
    // "keyspace.table", or a bare table name that one unsharded keyspace has.
    std::string keyspace, table = pending.sequence;
    if (auto dot = pending.sequence.find('.'); dot != std::string::npos) {
      keyspace = pending.sequence.substr(0, dot);
      table = pending.sequence.substr(dot + 1);
    }
    const TableConfig* found = nullptr;
    const KeyspaceConfig* found_in = nullptr;
    for (const auto& ks : topo.keyspaces) {
      if (!keyspace.empty() && ks.name != keyspace) continue;
      for (const auto& candidate : ks.tables) {
        if (candidate.name != table || candidate.type != "sequence") continue;
        if (found != nullptr) {
          reader_.Fail(pending.at, what + ": sequence " + Quoted(table) + " exists in keyspaces " +
                                       Quoted(found_in->name) + " and " + Quoted(ks.name) +
                                       "; write keyspace.table");
        }
        found = &candidate;
        found_in = &ks;
      }
    }
    if (found == nullptr) {
      reader_.Fail(pending.at, what + ": no table of type sequence named " +
                                   Quoted(pending.sequence) + " in an unsharded keyspace");
    }
    for (auto& ks : topo.keyspaces) {
      if (ks.name != pending.keyspace) continue;
      for (auto& t : ks.tables) {
        if (t.name != pending.table) continue;
        t.auto_increment->sequence_keyspace = found_in->name;
        t.auto_increment->sequence_table = found->name;
      }
    }
  }
}

void TopologyParser::ParseSchemad(const YAML::Node& node, Topology& topo) {
  SchemadConfig out;
  if (!node.IsNull()) {
    reader_.CheckKeys(
        node, {"host", "port", "token", "revert_window", "metadata_keyspace", "require_approval"},
        "schemad");
  }
  if (auto host = node["host"]; host.IsDefined())
    out.listen.host = reader_.String(host, "schemad host");
  if (auto port = node["port"]; port.IsDefined())
    out.listen.port = reader_.Port(port, "schemad port");
  ClaimEndpoint(node["port"].IsDefined() ? node["port"] : node, out.listen.host, out.listen.port,
                "schemad");
  out.token = reader_.String(reader_.Child(node, "token", "schemad", true), "schemad token");
  if (out.token.size() < 16)
    reader_.Fail(node["token"], "schemad token must be at least 16 characters");
  if (auto window = node["revert_window"]; window.IsDefined()) {
    auto parsed = ParseDuration(reader_.String(window, "schemad revert_window"));
    if (!parsed) {
      reader_.Fail(window,
                   "schemad revert_window must be a duration such as 90s, 30m, 2h or "
                   "1h30m, not " +
                       Quoted(window.Scalar()));
    }
    out.revert_window = *parsed;
  }
  if (auto approval = node["require_approval"]; approval.IsDefined())
    out.require_approval = reader_.Bool(approval, "schemad require_approval");
  if (auto ks = node["metadata_keyspace"]; ks.IsDefined()) {
    out.metadata_keyspace = reader_.String(ks, "schemad metadata_keyspace");
    if (!topo.FindKeyspace(out.metadata_keyspace)) {
      reader_.Fail(ks, "schemad metadata_keyspace: no keyspace " + Quoted(out.metadata_keyspace));
    }
  } else {
    out.metadata_keyspace = topo.keyspaces.front().name;
    for (const auto& keyspace : topo.keyspaces) {
      if (!keyspace.sharded) {
        out.metadata_keyspace = keyspace.name;
        break;
      }
    }
  }
  topo.schemad = std::move(out);
}

void TopologyParser::ParseVtgate(const YAML::Node& node, VtgateConfig& out) {
  reader_.CheckKeys(node,
                    {"host", "port", "workers", "tls", "default_auth_plugin", "max_connections",
                     "max_memory_rows"},
                    "vtgate");
  if (auto host = node["host"]; host.IsDefined())
    out.listen.host = reader_.String(host, "vtgate host");
  if (auto port = node["port"]; port.IsDefined())
    out.listen.port = reader_.Port(port, "vtgate port");
  if (auto workers = node["workers"]; workers.IsDefined()) {
    out.workers = static_cast<int>(reader_.Unsigned(workers, "vtgate workers", 0, 1024));
  }
  if (auto tls = node["tls"]; tls.IsDefined()) out.tls = ParseVtgateTls(tls);
  if (auto limit = node["max_connections"]; limit.IsDefined()) {
    out.max_connections =
        static_cast<size_t>(reader_.Unsigned(limit, "vtgate max_connections", 1, 1000000));
  }
  if (auto rows = node["max_memory_rows"]; rows.IsDefined()) {
    out.max_memory_rows =
        static_cast<size_t>(reader_.Unsigned(rows, "vtgate max_memory_rows", 1, 1000000000));
  }
  if (auto plugin = node["default_auth_plugin"]; plugin.IsDefined()) {
    out.default_auth_plugin = reader_.String(plugin, "vtgate default_auth_plugin");
    if (out.default_auth_plugin != "mysql_native_password" &&
        out.default_auth_plugin != "caching_sha2_password") {
      reader_.Fail(plugin,
                   "vtgate default_auth_plugin must be mysql_native_password or "
                   "caching_sha2_password, not " +
                       Quoted(out.default_auth_plugin));
    }
  }
}

VtgateTlsConfig TopologyParser::ParseVtgateTls(const YAML::Node& node) {
  reader_.ExpectMap(node, "vtgate tls");
  reader_.CheckKeys(node, {"cert", "key", "ca", "require_secure_transport"}, "vtgate tls");
  // A relative path is relative to the directory of the config file.
  auto path = [&](const char* key, bool required) {
    YAML::Node at = reader_.Child(node, key, "vtgate tls", required);
    if (!at.IsDefined()) return std::string();
    std::string text = reader_.String(at, std::string("vtgate tls ") + key);
    if (text.empty()) reader_.Fail(at, std::string("vtgate tls ") + key + " must not be empty");
    std::filesystem::path p(text);
    if (p.is_relative()) p = std::filesystem::path(source_).parent_path() / p;
    return p.string();
  };
  VtgateTlsConfig tls;
  tls.cert = path("cert", true);
  tls.key = path("key", true);
  tls.ca = path("ca", false);
  if (auto require = node["require_secure_transport"]; require.IsDefined()) {
    tls.require_secure_transport = reader_.Bool(require, "vtgate tls require_secure_transport");
  }
  return tls;
}

void TopologyParser::ParseUsers(const YAML::Node& node, std::vector<UserConfig>& out) {
  reader_.ExpectSequence(node, "users");
  if (node.size() == 0) reader_.Fail(node, "users: at least one user is required");
  for (const YAML::Node& entry : node) {
    reader_.CheckKeys(entry, {"name", "password", "password_hash", "keyspaces", "require"}, "user");
    UserConfig user;
    user.name = reader_.String(reader_.Child(entry, "name", "user", true), "user name");
    const std::string what = "user " + Quoted(user.name);
    if (user.name.empty() || user.name.find('@') != std::string::npos) {
      reader_.Fail(entry["name"], what + ": a user name is non-empty and has no '@'");
    }
    YAML::Node plain = entry["password"];
    YAML::Node hash = entry["password_hash"];
    if (plain.IsDefined() == hash.IsDefined()) {
      reader_.Fail(entry, what + ": give exactly one of \"password\" or \"password_hash\"");
    }
    if (hash.IsDefined()) {
      user.password_hash = reader_.String(hash, what + " password_hash");
      if (!IsNativePasswordHash(user.password_hash)) {
        reader_.Fail(hash, what + ": password_hash must be \"*\" followed by 40 hex digits");
      }
      std::transform(user.password_hash.begin(), user.password_hash.end(),
                     user.password_hash.begin(), [](unsigned char c) { return std::toupper(c); });
    } else {
      // An empty password is stored as "" (as MariaDB's PASSWORD('') gives):
      // clients prove it with an empty token, which no hash can match.
      std::string password = reader_.String(plain, what + " password");
      if (!password.empty()) {
        user.password_hash = NativePasswordHash(password);
        user.caching_sha2_digest = CachingSha2Digest(password);
      }
    }
    if (YAML::Node keyspaces = entry["keyspaces"]; keyspaces.IsDefined()) {
      reader_.ExpectSequence(keyspaces, what + " keyspaces");
      if (keyspaces.size() == 0) reader_.Fail(keyspaces, what + ": keyspaces must not be empty");
      for (const YAML::Node& keyspace : keyspaces)
        user.keyspaces.push_back(reader_.String(keyspace, what + " keyspace"));
    }
    if (YAML::Node require = entry["require"]; require.IsDefined()) {
      const std::string text = reader_.String(require, what + " require");
      if (text == "ssl") {
        user.require = UserConfig::Require::kSsl;
      } else if (text == "x509") {
        user.require = UserConfig::Require::kX509;
      } else if (text != "none") {
        reader_.Fail(require,
                     what + ": require is \"none\", \"ssl\" or \"x509\", not " + Quoted(text));
      }
    }
    for (const auto& other : out) {
      if (other.name == user.name) reader_.Fail(entry, what + " repeated");
    }
    out.push_back(std::move(user));
  }
}

KeyspaceConfig TopologyParser::ParseKeyspace(const YAML::Node& name, const YAML::Node& body) {
  KeyspaceConfig ks;
  ks.name = reader_.String(name, "keyspace name");
  const std::string what = "keyspace " + Quoted(ks.name);
  if (!IsIdentifier(ks.name)) reader_.Fail(name, what + ": names use letters, digits and _");
  reader_.CheckKeys(body, {"sharded", "shards", "vindexes", "tables", "schema", "auto_vschema"},
                    what);
  if (auto sharded = body["sharded"]; sharded.IsDefined()) {
    ks.sharded = reader_.Bool(sharded, what + " sharded");
  }

  YAML::Node shards = reader_.Child(body, "shards", what, true);
  reader_.ExpectSequence(shards, what + " shards");
  std::vector<KeyRange> ranges;
  for (const YAML::Node& shard : shards) {
    ks.shards.push_back(ParseShard(shard, ks.name));
    auto range = KeyRange::Parse(ks.shards.back().name);
    if (!range.ok()) reader_.Fail(shard["name"], what + ": " + range.error().message);
    if (!ks.sharded && !range->IsFull()) {
      reader_.Fail(shard["name"],
                   what + ": an unsharded keyspace has one shard \"0\" (or \"-\"), not " +
                       Quoted(ks.shards.back().name));
    }
    ranges.push_back(*range);
  }
  if (!ks.sharded && ks.shards.size() != 1) {
    reader_.Fail(shards, what + ": an unsharded keyspace has exactly one shard, not " +
                             std::to_string(ks.shards.size()));
  }
  if (Status covered = CheckExactCoverage(ranges); !covered.ok()) {
    reader_.Fail(shards, what + ": " + covered.error().message);
  }
  std::sort(ks.shards.begin(), ks.shards.end(), [](const ShardConfig& a, const ShardConfig& b) {
    return KeyRange::Parse(a.name)->start < KeyRange::Parse(b.name)->start;
  });

  if (auto vindexes = body["vindexes"]; vindexes.IsDefined()) ParseVindexes(vindexes, ks);
  if (auto tables = body["tables"]; tables.IsDefined()) ParseTables(tables, ks);
  if (auto automatic = body["auto_vschema"]; automatic.IsDefined()) {
    const std::string awhat = what + " auto_vschema";
    reader_.CheckKeys(automatic, {"vindex", "sequence_keyspace"}, awhat);
    if (!ks.sharded) reader_.Fail(automatic, awhat + ": only a sharded keyspace shards new tables");
    AutoVschemaConfig config;
    YAML::Node vindex = reader_.Child(automatic, "vindex", awhat, true);
    config.vindex = reader_.String(vindex, awhat + " vindex");
    bool defined = std::any_of(ks.vindexes.begin(), ks.vindexes.end(),
                               [&](const VindexConfig& v) { return v.name == config.vindex; });
    if (!defined) {
      reader_.Fail(vindex,
                   awhat + ": vindex " + Quoted(config.vindex) + " is not defined in " + what);
    }
    if (auto sequences = automatic["sequence_keyspace"]; sequences.IsDefined()) {
      config.sequence_keyspace = reader_.String(sequences, awhat + " sequence_keyspace");
      pending_sequence_keyspaces_.push_back({sequences, ks.name, config.sequence_keyspace});
    }
    ks.auto_vschema = std::move(config);
  }
  if (auto schema = body["schema"]; schema.IsDefined()) {
    reader_.ExpectSequence(schema, what + " schema");
    for (const YAML::Node& ddl : schema)
      ks.schema.push_back(reader_.String(ddl, what + " schema entry"));
  }
  return ks;
}

void TopologyParser::ParseOnlineDdl(const YAML::Node& node, OnlineDdlConfig& out) {
  reader_.CheckKeys(node, {"throttle_threads_running", "throttle_max_replica_lag_ms"},
                    "online_ddl");
  if (auto threads = node["throttle_threads_running"]; threads.IsDefined()) {
    out.throttle_threads_running =
        reader_.Unsigned(threads, "online_ddl throttle_threads_running", 0, 1000000);
  }
  if (auto lag = node["throttle_max_replica_lag_ms"]; lag.IsDefined()) {
    out.throttle_max_replica_lag_ms = static_cast<uint32_t>(
        reader_.Unsigned(lag, "online_ddl throttle_max_replica_lag_ms", 1, 86400000));
  }
}

ShardConfig TopologyParser::ParseShard(const YAML::Node& node, const std::string& keyspace) {
  reader_.CheckKeys(node, {"name", "tablet", "mariadb", "replicas"},
                    "shard of keyspace " + Quoted(keyspace));
  ShardConfig shard;
  shard.name = reader_.String(reader_.Child(node, "name", "shard", true), "shard name");
  const std::string what = "shard " + keyspace + "/" + shard.name;

  YAML::Node tablet = reader_.Child(node, "tablet", what, true);
  reader_.CheckKeys(tablet, {"host", "port"}, what + " tablet");
  if (tablet["host"].IsDefined())
    shard.tablet.host = reader_.String(tablet["host"], what + " tablet host");
  shard.tablet.port =
      reader_.Port(reader_.Child(tablet, "port", what + " tablet", true), what + " tablet port");
  ClaimEndpoint(tablet["port"], shard.tablet.host, shard.tablet.port, what + " tablet");

  YAML::Node db = reader_.Child(node, "mariadb", what, true);
  reader_.CheckKeys(db, {"host", "port", "user", "password", "server_id"}, what + " mariadb");
  if (db["host"].IsDefined())
    shard.mariadb.host = reader_.String(db["host"], what + " mariadb host");
  if (db["user"].IsDefined())
    shard.mariadb.user = reader_.String(db["user"], what + " mariadb user");
  if (db["password"].IsDefined()) {
    shard.mariadb.password = reader_.String(db["password"], what + " mariadb password");
  }
  shard.mariadb.port =
      reader_.Port(reader_.Child(db, "port", what + " mariadb", true), what + " mariadb port");
  ClaimEndpoint(db["port"], shard.mariadb.host, shard.mariadb.port, what + " mariadb");
  YAML::Node id = reader_.Child(db, "server_id", what + " mariadb", true);
  shard.mariadb.server_id =
      static_cast<uint32_t>(reader_.Unsigned(id, what + " mariadb server_id", 1, 4294967295u));
  auto [it, inserted] = server_ids_.emplace(shard.mariadb.server_id, what);
  if (!inserted) {
    reader_.Fail(id, what + ": server_id " + std::to_string(shard.mariadb.server_id) +
                         " is already used by " + it->second);
  }
  if (auto replicas = node["replicas"]; replicas.IsDefined()) {
    if (!replicas.IsSequence()) reader_.Fail(replicas, what + " replicas: a list of {host, port}");
    for (const YAML::Node& replica : replicas) {
      reader_.CheckKeys(replica, {"host", "port"}, what + " replica");
      Endpoint endpoint;
      if (replica["host"].IsDefined())
        endpoint.host = reader_.String(replica["host"], what + " replica host");
      endpoint.port = reader_.Port(reader_.Child(replica, "port", what + " replica", true),
                                   what + " replica port");
      shard.replicas.push_back(std::move(endpoint));
    }
  }
  return shard;
}

void TopologyParser::ParseVindexes(const YAML::Node& node, KeyspaceConfig& ks) {
  const std::string what = "keyspace " + Quoted(ks.name);
  reader_.ExpectMap(node, what + " vindexes");
  if (!ks.sharded && node.size() > 0)
    reader_.Fail(node, what + ": an unsharded keyspace has no vindexes");
  for (auto it = node.begin(); it != node.end(); ++it) {
    VindexConfig vindex;
    vindex.name = reader_.String(it->first, "vindex name");
    const std::string vwhat = what + " vindex " + Quoted(vindex.name);
    reader_.CheckKeys(it->second, {"type", "params"}, vwhat);
    YAML::Node type = reader_.Child(it->second, "type", vwhat, true);
    vindex.type = reader_.String(type, vwhat + " type");
    if (!kKnownVindexTypes.count(vindex.type)) {
      std::string known;
      for (const auto& t : kKnownVindexTypes) known += (known.empty() ? "" : ", ") + t;
      reader_.Fail(
          type, vwhat + ": unknown vindex type " + Quoted(vindex.type) + " (known: " + known + ")");
    }
    if (auto params = it->second["params"]; params.IsDefined()) {
      reader_.ExpectMap(params, vwhat + " params");
      for (auto p = params.begin(); p != params.end(); ++p) {
        vindex.params[reader_.String(p->first, vwhat + " param")] =
            reader_.String(p->second, vwhat + " param");
      }
    }
    if (vindex.type == "lookup" || vindex.type == "lookup_unique") {
      // table: keyspace.table of an unsharded keyspace; from, to: its columns.
      for (const char* required : {"table", "from", "to"}) {
        auto param = vindex.params.find(required);
        if (param == vindex.params.end() || param->second.empty())
          reader_.Fail(it->second, vwhat + ": a " + vindex.type + " vindex needs params " +
                                       "table (keyspace.table), from and to; " + required +
                                       " is missing");
      }
      for (const auto& [name, value] : vindex.params) {
        if (name != "table" && name != "from" && name != "to")
          reader_.Fail(it->second, vwhat + ": unknown param " + Quoted(name) + " (a " +
                                       vindex.type + " vindex takes table, from, to)");
      }
      const std::string& table = vindex.params.at("table");
      const size_t dot = table.find('.');
      if (dot == std::string::npos || dot == 0 || dot + 1 == table.size() ||
          table.find('.', dot + 1) != std::string::npos)
        reader_.Fail(it->second,
                     vwhat + ": table " + Quoted(table) + " must be written keyspace.table");
    }
    ks.vindexes.push_back(std::move(vindex));
  }
}

void TopologyParser::ParseTables(const YAML::Node& node, KeyspaceConfig& ks) {
  const std::string what = "keyspace " + Quoted(ks.name);
  reader_.ExpectMap(node, what + " tables");
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    TableConfig table;
    table.name = reader_.String(it->first, "table name");
    const std::string twhat = what + " table " + Quoted(table.name);
    if (!IsIdentifier(table.name))
      reader_.Fail(it->first, twhat + ": names use letters, digits and _");
    if (!seen.insert(table.name).second) reader_.Fail(it->first, twhat + " repeated");
    YAML::Node body = it->second;
    if (body.IsNull()) body = YAML::Node(YAML::NodeType::Map);  // "product:" with nothing after
    reader_.CheckKeys(
        body, {"type", "column_vindexes", "auto_increment", "columns", "column_list_authoritative"},
        twhat);
    if (body["type"].IsDefined()) {
      table.type = reader_.String(body["type"], twhat + " type");
      if (!kKnownTableTypes.count(table.type)) {
        reader_.Fail(body["type"], twhat + ": unknown table type " + Quoted(table.type) +
                                       " (known: reference, sequence)");
      }
    }
    if (auto cvs = body["column_vindexes"]; cvs.IsDefined()) {
      reader_.ExpectSequence(cvs, twhat + " column_vindexes");
      for (const YAML::Node& cv : cvs) {
        reader_.CheckKeys(cv, {"column", "vindex", "name"}, twhat + " column vindex");
        ColumnVindexConfig c;
        c.column =
            reader_.String(reader_.Child(cv, "column", twhat + " column vindex", true), "column");
        YAML::Node ref = cv["vindex"].IsDefined() ? cv["vindex"] : cv["name"];
        if (!ref.IsDefined()) reader_.Fail(cv, twhat + ": column vindex needs \"vindex\"");
        c.vindex = reader_.String(ref, "vindex");
        bool defined = std::any_of(ks.vindexes.begin(), ks.vindexes.end(),
                                   [&](const VindexConfig& v) { return v.name == c.vindex; });
        if (!defined)
          reader_.Fail(ref, twhat + ": vindex " + Quoted(c.vindex) + " is not defined in " + what);
        table.column_vindexes.push_back(std::move(c));
      }
    }
    if (!ks.sharded && !table.column_vindexes.empty()) {
      reader_.Fail(it->first, twhat + ": tables of an unsharded keyspace take no column_vindexes");
    }
    if (table.type == "sequence" && ks.sharded) {
      reader_.Fail(body["type"], twhat + ": sequence tables live in an unsharded keyspace");
    }
    if (ks.sharded && table.type != "reference" && table.column_vindexes.empty()) {
      reader_.Fail(it->first,
                   twhat + ": a sharded table needs a column vindex (or type: reference)");
    }
    if (table.type == "reference" && !table.column_vindexes.empty()) {
      reader_.Fail(it->first, twhat + ": a reference table takes no column_vindexes");
    }
    if (auto ai = body["auto_increment"]; ai.IsDefined()) {
      reader_.CheckKeys(ai, {"column", "sequence"}, twhat + " auto_increment");
      if (!ks.sharded || !table.type.empty()) {
        reader_.Fail(ai, twhat + ": auto_increment from a sequence is for sharded tables " +
                             "(unsharded ones use MariaDB's own AUTO_INCREMENT)");
      }
      AutoIncrementConfig config;
      config.column = reader_.String(reader_.Child(ai, "column", twhat + " auto_increment", true),
                                     twhat + " auto_increment column");
      YAML::Node sequence = reader_.Child(ai, "sequence", twhat + " auto_increment", true);
      pending_sequences_.push_back({sequence, ks.name, table.name,
                                    reader_.String(sequence, twhat + " auto_increment sequence")});
      table.auto_increment = std::move(config);
    }
    ParseColumns(body, twhat, table);
    ks.tables.push_back(std::move(table));
  }
}

void TopologyParser::ParseColumns(const YAML::Node& body, const std::string& twhat,
                                  TableConfig& table) {
  if (auto columns = body["columns"]; columns.IsDefined()) {
    reader_.ExpectSequence(columns, twhat + " columns");
    std::set<std::string> seen;
    for (const YAML::Node& column : columns) {
      reader_.CheckKeys(column, {"name", "type"}, twhat + " column");
      ColumnConfig c;
      c.name = reader_.String(reader_.Child(column, "name", twhat + " column", true),
                              twhat + " column name");
      if (!IsIdentifier(c.name))
        reader_.Fail(column,
                     twhat + ": column " + Quoted(c.name) + ": names use letters, digits and _");
      std::string lower = c.name;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (!seen.insert(lower).second)
        reader_.Fail(column, twhat + ": column " + Quoted(c.name) + " listed twice");
      if (column["type"].IsDefined())
        c.type = reader_.String(column["type"], twhat + " column type");
      table.columns.push_back(std::move(c));
    }
  }
  if (auto authoritative = body["column_list_authoritative"]; authoritative.IsDefined()) {
    table.column_list_authoritative =
        reader_.Bool(authoritative, twhat + " column_list_authoritative");
    if (table.column_list_authoritative && table.columns.empty())
      reader_.Fail(authoritative, twhat + ": column_list_authoritative needs a columns list");
  }
}

void TopologyParser::ClaimEndpoint(const YAML::Node& at, const std::string& host, uint16_t port,
                                   const std::string& owner) {
  std::string previous = endpoints_.Claim(host, port, owner);
  if (!previous.empty()) {
    reader_.Fail(at, owner + ": port " + std::to_string(port) + " on " + host +
                         " is already used by " + previous);
  }
}

}  // namespace tessera::config
