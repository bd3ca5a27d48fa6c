// TestCluster: a real Tessera cluster for integration tests, built from the
// same binaries users run: one MariaDB per shard (temporary data directory,
// free loopback port), one vttablet per shard, one vtgate. Everything is
// stopped and deleted when the object is destroyed.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <sys/types.h>

#include "cli/local/mariadb_client.h"
#include "cli/local/mariadb_instance.h"
#include "cli/local/temp_dir.h"
#include "common/error.h"

namespace tessera::testing {

struct TestKeyspace {
  std::string name;
  bool sharded = false;
  std::vector<std::string> shards;  // {"0"} or {"-80", "80-"}
  // Sharded tables: name -> vindex column (hash vindex).
  std::vector<std::pair<std::string, std::string>> sharded_tables;
  std::vector<std::string> reference_tables;
  std::vector<std::string> unsharded_tables;  // listed in the VSchema of an unsharded keyspace
  std::vector<std::string> schema;            // DDL applied on every shard
  // Sequence tables (unsharded keyspaces), created with SequenceTableDdl.
  std::vector<std::string> sequence_tables;
  // Sharded table -> {column, sequence table} for auto_increment.
  std::map<std::string, std::pair<std::string, std::string>> auto_increment;
  // Sharded keyspaces: shard tables the VSchema does not list by their first
  // primary-key column (hash vindex); with `auto_sequence_keyspace`, their
  // AUTO_INCREMENT columns take values from sequences there.
  bool auto_vschema = false;
  std::string auto_sequence_keyspace;
  // More vindexes of a sharded keyspace: name -> YAML flow map, e.g.
  // {"email_idx", "{type: lookup_unique, params: {table: lk.t, from: email, to: keyspace_id}}"}.
  std::vector<std::pair<std::string, std::string>> vindexes;
  // Secondary vindexes of sharded tables: table -> {column, vindex name}.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> secondary_vindexes;
};

// commerce (unsharded: product) and customer (-80, 80-: customer, corder),
// as in config/examples/local.yaml.
std::vector<TestKeyspace> ExampleKeyspaces();

class TestCluster {
 public:
  struct Shard {
    std::string keyspace;
    std::string name;
    std::unique_ptr<local::MariaDbInstance> mariadb;
    uint16_t tablet_port = 0;
    pid_t tablet_pid = -1;
    size_t restarts = 0;
  };

  // Lines added to the generated config, indented by two spaces.
  struct ConfigExtras {
    std::string vtgate;  // in the vtgate section: "  tls: {cert: c.pem, key: k.pem}\n"
    std::string users;   // more users: "  - {name: u, password_hash: \"*...\"}\n"
    std::vector<std::string> vtgate_flags;  // more vtgate arguments: {"--tls-ca", "ca.pem"}
    std::vector<std::string> tablet_flags;  // more arguments of every vttablet
  };

  // Starts everything; on failure the error names the component and quotes its log.
  // With `with_schemad`, the config gets a schemad section and schemad runs too.
  static Result<std::unique_ptr<TestCluster>> Start(std::vector<TestKeyspace> keyspaces,
                                                    bool with_schemad = false,
                                                    const ConfigExtras& extras = {});
  ~TestCluster();

  uint16_t vtgate_port() const { return vtgate_port_; }
  uint16_t schemad_port() const { return schemad_port_; }  // 0 without schemad
  static constexpr const char* kSchemadToken = "test-token-0123456789abcdef";
  pid_t vtgate_pid() const { return vtgate_pid_; }
  const std::vector<Shard>& shards() const { return shards_; }
  const Shard* FindShard(const std::string& keyspace, const std::string& shard) const;
  // A direct administrative session to a shard's MariaDB, in database vt_<keyspace>.
  Result<std::unique_ptr<local::MariaDbClient>> ConnectShard(const Shard& shard) const;
  const std::string& config_path() const { return config_path_; }
  std::string LogTail(const std::string& component) const;
  // Kills (SIGKILL) and restarts nothing: used by fault tests.
  void KillTablet(const std::string& keyspace, const std::string& shard);
  // Kills the shard's tablet if it runs (SIGKILL), starts it again on the
  // same port and waits until it listens.
  Status RestartTablet(const std::string& keyspace, const std::string& shard);
  // Kills the shard's MariaDB (SIGKILL, a crash) and starts it again on the
  // same data directory and port; returns once it accepts connections.
  Status RestartMariaDb(const std::string& keyspace, const std::string& shard);
  void KillVtgate();  // SIGKILL
  // Kills vtgate if it runs and starts it again, without the flags named in
  // `drop_flags` (each with its value); waits for its greeting.
  Status RestartVtgate(const std::vector<std::string>& drop_flags = {});

 private:
  TestCluster() = default;
  Status Launch(std::vector<TestKeyspace> keyspaces, bool with_schemad, const ConfigExtras& extras);
  Status SpawnTablet(Shard& shard);

  std::unique_ptr<local::TempDir> dir_;
  std::vector<Shard> shards_;
  std::string config_path_;
  uint16_t vtgate_port_ = 0;
  pid_t vtgate_pid_ = -1;
  std::vector<std::string> vtgate_argv_;
  size_t vtgate_restarts_ = 0;
  std::vector<std::string> tablet_flags_;
  uint16_t schemad_port_ = 0;
  pid_t schemad_pid_ = -1;
};

// The directory holding the built binaries (vtgate, vttablet, tessera).
std::string BinaryDir();

}  // namespace tessera::testing
