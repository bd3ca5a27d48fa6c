// Topology: the validated, typed form of a cluster config file. Only config/
// touches YAML; every other room receives these plain structs. A Topology that
// exists has passed validation (see LoadTopology in config/loader.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera::config {

struct Endpoint {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
};

// One MariaDB server that backs one shard.
struct MariaDbConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string user = "root";
  std::string password;    // empty: no password
  uint32_t server_id = 0;  // for the binlog; unique per server
};

// One shard of a keyspace: a key range, its tablet and the MariaDB behind it.
struct ShardConfig {
  std::string name;  // Vitess notation: "0" or "-" (whole range), "-80", "80-", "40-80"
  Endpoint tablet;   // vttablet RPC listen address
  MariaDbConfig mariadb;
  // Replicas of the shard's MariaDB whose lag throttles its online DDL copy.
  std::vector<Endpoint> replicas = {};
};

struct VindexConfig {
  std::string name;
  std::string type;  // "hash", ...
  std::map<std::string, std::string> params;
};

struct ColumnVindexConfig {
  std::string column;
  std::string vindex;  // name of a VindexConfig of the keyspace
};

// A column whose missing (or NULL, or 0) values vtgate fills from a sequence
// table of an unsharded keyspace before routing the row.
struct AutoIncrementConfig {
  std::string column;
  std::string sequence_keyspace;  // resolved at load: the unsharded keyspace holding it
  std::string sequence_table;     // a table of type "sequence" there
};

// A column a table lists (`columns: [{name: ..., type: ...}]`, as Vitess
// writes them). The type is kept as written; vtgate only uses the name.
struct ColumnConfig {
  std::string name;
  std::string type;  // "" when not given
};

struct TableConfig {
  std::string name;
  std::vector<ColumnVindexConfig> column_vindexes;  // first is the primary vindex
  std::string type;  // "" (normal), "reference" or "sequence" (unsharded keyspaces)
  std::optional<AutoIncrementConfig> auto_increment;
  // Columns vtgate knows the table has. With `column_list_authoritative`
  // they are all its columns; without, the shards may hold more.
  std::vector<ColumnConfig> columns = {};
  bool column_list_authoritative = false;
};

// A sharded keyspace's rule for tables its VSchema does not list: vtgate
// shards them by their first primary-key column with `vindex`, and, when
// `sequence_keyspace` is set and that column is AUTO_INCREMENT, fills it from
// the sequence table `<table>_seq` there (created when first needed).
struct AutoVschemaConfig {
  std::string vindex;             // a vindex of the keyspace
  std::string sequence_keyspace;  // an unsharded keyspace, or ""
};

struct KeyspaceConfig {
  std::string name;
  bool sharded = false;
  std::optional<AutoVschemaConfig> auto_vschema;
  std::vector<ShardConfig> shards;  // ordered by key range start
  std::vector<VindexConfig> vindexes;
  std::vector<TableConfig> tables;
  std::vector<std::string> schema;  // DDL applied to every shard when the cluster is first created

  // MariaDB database that holds this keyspace on each of its shards.
  std::string DatabaseName() const { return "vt_" + name; }
};

struct UserConfig {
  std::string name;
  // mysql_native_password hash: "*" + upper-hex SHA1(SHA1(password)), as
  // MariaDB's PASSWORD() prints it; "" for an empty password.
  std::string password_hash;
  // caching_sha2_password digest SHA256(SHA256(password)), 32 raw bytes;
  // known only when the config gives the plain password (else empty).
  std::string caching_sha2_digest;
  // Keyspaces the user may use; empty: all of them.
  std::vector<std::string> keyspaces;
  // As MariaDB's REQUIRE: kSsl logs in over TLS only, kX509 also presents a
  // client certificate that verifies against vtgate's tls.ca.
  enum class Require : uint8_t { kNone, kSsl, kX509 };
  Require require = Require::kNone;
};

// TLS for vtgate's MySQL clients.
struct VtgateTlsConfig {
  std::string cert;  // PEM certificate (chain) file
  std::string key;   // PEM private key file
  std::string ca;    // optional PEM CA file: verify client certificates
  // Refuse plaintext logins (ERR 3159).
  bool require_secure_transport = false;
};

struct VtgateConfig {
  Endpoint listen{"127.0.0.1", 15306};
  int workers = 0;  // 0: one per core
  std::optional<VtgateTlsConfig> tls;
  // "mysql_native_password" or "caching_sha2_password": the plugin vtgate
  // greets with and switches clients of other plugins to.
  std::string default_auth_plugin = "mysql_native_password";
  // Client connections served at once; more get ERR 1040.
  size_t max_connections = 20000;
  // Rows one query may hold in vtgate memory to sort, aggregate, deduplicate
  // or join across shards; beyond it the query fails with ERR 1105.
  size_t max_memory_rows = 100000;
};

// The schema service: branches, deploy requests and its HTTP/JSON API.
struct SchemadConfig {
  Endpoint listen{"127.0.0.1", 15000};
  std::string token;  // every API request presents "Authorization: Bearer <token>"
  std::chrono::seconds revert_window{30 * 60};
  // Deploy requests need an approving review before they deploy.
  bool require_approval = false;
  // Keyspace whose first shard's MariaDB holds the metadata database
  // `_tessera`. Always set after loading: the configured one, else the first
  // unsharded keyspace, else the first keyspace.
  std::string metadata_keyspace;
};

// How every tablet runs online schema migrations (vttablet's flags of the
// same names; unset: the tablet's defaults).
struct OnlineDdlConfig {
  // Pause the copy while the shard's Threads_running is above this (0: never).
  std::optional<uint64_t> throttle_threads_running;
  // Pause the copy while one of the shard's `replicas` lags more.
  std::optional<uint32_t> throttle_max_replica_lag_ms;
};

struct Topology {
  std::string source_file;  // where it was loaded from, for messages
  std::string state_dir = ".tessera";
  VtgateConfig vtgate;
  OnlineDdlConfig online_ddl;
  std::optional<SchemadConfig> schemad;  // absent: this cluster runs no schemad
  std::vector<UserConfig> users;
  std::vector<KeyspaceConfig> keyspaces;

  const KeyspaceConfig* FindKeyspace(const std::string& name) const {
    for (const auto& ks : keyspaces)
      if (ks.name == name) return &ks;
    return nullptr;
  }
};

}  // namespace tessera::config
