#include "tests/integration/support/test_cluster.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include "cli/local/net_probe.h"
#include "cli/local/process.h"
#include "common/sequence_table.h"

namespace tessera::testing {
std::string BinaryDir() {
  return TESSERA_BIN_DIR;
}

std::vector<TestKeyspace> ExampleKeyspaces() {
  TestKeyspace commerce;
  commerce.name = "commerce";
  commerce.shards = {"0"};
  commerce.unsharded_tables = {"product"};
  commerce.schema = {
      "CREATE TABLE product (sku VARCHAR(128) PRIMARY KEY, description VARCHAR(128), price "
      "BIGINT)"};
  TestKeyspace customer;
  customer.name = "customer";
  customer.sharded = true;
  customer.shards = {"-80", "80-"};
  customer.sharded_tables = {{"customer", "customer_id"}, {"corder", "customer_id"}};
  customer.schema = {
      "CREATE TABLE customer (customer_id BIGINT PRIMARY KEY, email VARCHAR(128))",
      "CREATE TABLE corder (order_id BIGINT PRIMARY KEY, customer_id BIGINT, sku VARCHAR(128), "
      "price BIGINT)"};
  return {commerce, customer};
}

Result<std::unique_ptr<TestCluster>> TestCluster::Start(std::vector<TestKeyspace> keyspaces,
                                                        bool with_schemad,
                                                        const ConfigExtras& extras) {
  std::unique_ptr<TestCluster> cluster(new TestCluster());
  Status s = cluster->Launch(std::move(keyspaces), with_schemad, extras);
  if (!s.ok()) return s.error();
  return cluster;
}

Status TestCluster::Launch(std::vector<TestKeyspace> keyspaces, bool with_schemad,
                           const ConfigExtras& extras) {
  dir_ = std::make_unique<local::TempDir>("tessera-it-");
  tablet_flags_ = extras.tablet_flags;
  uint32_t server_id = 1;
  // MariaDB servers first, each with its keyspace database and schema.
  for (const auto& ks : keyspaces) {
    for (const auto& shard_name : ks.shards) {
      Shard shard;
      shard.keyspace = ks.name;
      shard.name = shard_name;
      local::MariaDbInstanceOptions options;
      options.data_dir = dir_->Sub("mariadb-" + ks.name + "-" + shard_name);
      options.server_id = server_id++;
      shard.mariadb = std::make_unique<local::MariaDbInstance>(options);
      if (Status st = shard.mariadb->Initialize(); !st.ok()) return st;
      if (Status st = shard.mariadb->Start(); !st.ok()) return st;
      auto client = local::MariaDbClient::Connect(shard.mariadb->Login());
      if (!client.ok()) return client.error();
      if (Status st = (*client)->Execute("CREATE DATABASE IF NOT EXISTS vt_" + ks.name); !st.ok())
        return st;
      if (Status st = (*client)->Execute("USE vt_" + ks.name); !st.ok()) return st;
      for (const auto& ddl : ks.schema)
        if (Status st = (*client)->Execute(ddl); !st.ok()) return st;
      for (const auto& table : ks.sequence_tables)
        for (const auto& ddl : SequenceTableDdl(table))
          if (Status st = (*client)->Execute(ddl); !st.ok()) return st;
      shards_.push_back(std::move(shard));
    }
  }
  // Every port at once, so no two of them can be the same: a tablet per
  // shard, vtgate, schemad.
  auto ports = local::PickFreePorts(shards_.size() + 2);
  if (!ports.ok()) return ports.error();
  for (size_t i = 0; i < shards_.size(); ++i) shards_[i].tablet_port = (*ports)[i];
  // Tablets.
  for (auto& shard : shards_) {
    if (Status st = SpawnTablet(shard); !st.ok()) return st;
  }
  // The config vtgate reads.
  vtgate_port_ = (*ports)[shards_.size()];
  std::string yaml = "vtgate:\n  host: 127.0.0.1\n  port: " + std::to_string(vtgate_port_) +
                     "\n  workers: 2\n" + extras.vtgate +
                     "users:\n  - name: app\n    password: app\n  - name: nopass\n"
                     "    password: \"\"\n" +
                     extras.users + "keyspaces:\n";
  for (const auto& ks : keyspaces) {
    yaml += "  " + ks.name + ":\n    sharded: " + (ks.sharded ? "true" : "false") + "\n";
    if (ks.sharded) {
      yaml += "    vindexes:\n      hash:\n        type: hash\n";
      for (const auto& [name, spec] : ks.vindexes) yaml += "      " + name + ": " + spec + "\n";
    }
    if (ks.auto_vschema) {
      yaml += "    auto_vschema: {vindex: hash";
      if (!ks.auto_sequence_keyspace.empty())
        yaml += ", sequence_keyspace: " + ks.auto_sequence_keyspace;
      yaml += "}\n";
    }
    yaml += "    tables:\n";
    for (const auto& [table, column] : ks.sharded_tables) {
      yaml += "      " + table + ":\n        column_vindexes:\n          - {column: " + column +
              ", vindex: hash}\n";
      if (auto more = ks.secondary_vindexes.find(table); more != ks.secondary_vindexes.end()) {
        for (const auto& [vcolumn, vindex] : more->second)
          yaml += "          - {column: " + vcolumn + ", vindex: " + vindex + "}\n";
      }
      if (auto ai = ks.auto_increment.find(table); ai != ks.auto_increment.end()) {
        yaml += "        auto_increment: {column: " + ai->second.first +
                ", sequence: " + ai->second.second + "}\n";
      }
    }
    for (const auto& table : ks.sequence_tables)
      yaml += "      " + table + ":\n        type: sequence\n";
    for (const auto& table : ks.reference_tables)
      yaml += "      " + table + ":\n        type: reference\n";
    for (const auto& table : ks.unsharded_tables) yaml += "      " + table + ":\n";
    if (ks.sharded_tables.empty() && ks.reference_tables.empty() && ks.unsharded_tables.empty() &&
        ks.sequence_tables.empty()) {
      yaml.resize(yaml.size() - std::string("    tables:\n").size());
    }
    yaml += "    shards:\n";
    for (const auto& shard : shards_) {
      if (shard.keyspace != ks.name) continue;
      yaml +=
          "      - name: \"" + shard.name +
          "\"\n        tablet: {host: 127.0.0.1, port: " + std::to_string(shard.tablet_port) +
          "}\n        mariadb: {host: 127.0.0.1, port: " + std::to_string(shard.mariadb->port()) +
          ", server_id: " + std::to_string(shard.mariadb->port()) + "}\n";
    }
  }
  if (with_schemad) {
    schemad_port_ = (*ports)[shards_.size() + 1];
    yaml += "schemad:\n  host: 127.0.0.1\n  port: " + std::to_string(schemad_port_) +
            "\n  token: " + kSchemadToken + "\n";
  }
  config_path_ = dir_->Sub("cluster.yaml");
  std::ofstream(config_path_) << yaml;
  if (with_schemad) {
    auto schemad = local::SpawnDetached({BinaryDir() + "/schemad", "--config", config_path_},
                                        dir_->Sub("schemad.log"));
    if (!schemad.ok()) return schemad.error();
    schemad_pid_ = *schemad;
  }

  vtgate_argv_ = {BinaryDir() + "/vtgate", "--config", config_path_};
  vtgate_argv_.insert(vtgate_argv_.end(), extras.vtgate_flags.begin(), extras.vtgate_flags.end());
  auto pid = local::SpawnDetached(vtgate_argv_, dir_->Sub("vtgate.log"));
  if (!pid.ok()) return pid.error();
  vtgate_pid_ = *pid;

  // Wait until every tablet and the gate answer.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (const auto& shard : shards_) {
    while (!local::CanConnect("127.0.0.1", shard.tablet_port, std::chrono::milliseconds(200))) {
      if (!local::IsProcessAlive(shard.tablet_pid) || std::chrono::steady_clock::now() > deadline) {
        return Error::Internal("vttablet " + shard.keyspace + "/" + shard.name +
                               " did not start:\n" +
                               LogTail("vttablet-" + shard.keyspace + shard.name));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  while (with_schemad &&
         !local::CanConnect("127.0.0.1", schemad_port_, std::chrono::milliseconds(200))) {
    if (!local::IsProcessAlive(schemad_pid_) || std::chrono::steady_clock::now() > deadline) {
      return Error::Internal("schemad did not start:\n" + LogTail("schemad"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  while (!local::ReadsMySqlGreeting("127.0.0.1", vtgate_port_, std::chrono::milliseconds(500))) {
    if (!local::IsProcessAlive(vtgate_pid_) || std::chrono::steady_clock::now() > deadline) {
      return Error::Internal("vtgate did not start:\n" + LogTail("vtgate"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Status::Ok();
}

TestCluster::~TestCluster() {
  if (schemad_pid_ > 0) (void)local::StopProcess(schemad_pid_, std::chrono::seconds(5));
  if (vtgate_pid_ > 0) (void)local::StopProcess(vtgate_pid_, std::chrono::seconds(5));
  for (auto& shard : shards_) {
    if (shard.tablet_pid > 0) (void)local::StopProcess(shard.tablet_pid, std::chrono::seconds(5));
  }
  for (auto& shard : shards_) {
    if (shard.mariadb) (void)shard.mariadb->Stop();
  }
}

const TestCluster::Shard* TestCluster::FindShard(const std::string& keyspace,
                                                 const std::string& shard) const {
  for (const auto& s : shards_)
    if (s.keyspace == keyspace && s.name == shard) return &s;
  return nullptr;
}

Result<std::unique_ptr<local::MariaDbClient>> TestCluster::ConnectShard(const Shard& shard) const {
  local::MariaDbLogin login = shard.mariadb->Login();
  login.database = "vt_" + shard.keyspace;
  return local::MariaDbClient::Connect(login);
}

std::string TestCluster::LogTail(const std::string& component) const {
  return local::FileTail(dir_->Sub(component + ".log"), 30);
}

void TestCluster::KillTablet(const std::string& keyspace, const std::string& shard) {
  for (auto& s : shards_) {
    if (s.keyspace == keyspace && s.name == shard && s.tablet_pid > 0) {
      (void)local::StopProcess(s.tablet_pid, std::chrono::milliseconds(0));
      s.tablet_pid = -1;
    }
  }
}

}  // namespace tessera::testing

namespace tessera::testing {

Status TestCluster::SpawnTablet(Shard& shard) {
  std::vector<std::string> argv = {BinaryDir() + "/vttablet",
                                   "--port",
                                   std::to_string(shard.tablet_port),
                                   "--mariadb-host",
                                   "127.0.0.1",
                                   "--mariadb-port",
                                   std::to_string(shard.mariadb->port()),
                                   "--mariadb-socket",
                                   shard.mariadb->SocketPath(),
                                   "--mariadb-user",
                                   shard.mariadb->Login().user,
                                   "--mariadb-password",
                                   shard.mariadb->Login().password,
                                   "--keyspace",
                                   shard.keyspace,
                                   "--shard",
                                   shard.name};
  argv.insert(argv.end(), tablet_flags_.begin(), tablet_flags_.end());
  auto pid = local::SpawnDetached(argv, dir_->Sub("vttablet-" + shard.keyspace + shard.name +
                                                  std::string(shard.restarts, '+') + ".log"));
  if (!pid.ok()) return pid.error();
  shard.tablet_pid = *pid;
  return Status::Ok();
}

Status TestCluster::RestartTablet(const std::string& keyspace, const std::string& shard) {
  for (auto& s : shards_) {
    if (s.keyspace != keyspace || s.name != shard) continue;
    if (s.tablet_pid > 0) (void)local::StopProcess(s.tablet_pid, std::chrono::milliseconds(0));
    ++s.restarts;
    if (Status st = SpawnTablet(s); !st.ok()) return st;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!local::CanConnect("127.0.0.1", s.tablet_port, std::chrono::milliseconds(200))) {
      if (!local::IsProcessAlive(s.tablet_pid) || std::chrono::steady_clock::now() > deadline)
        return Error::Internal("vttablet " + keyspace + "/" + shard + " did not restart");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return Status::Ok();
  }
  return Error::Internal("no shard " + keyspace + "/" + shard);
}

Status TestCluster::RestartMariaDb(const std::string& keyspace, const std::string& shard) {
  for (auto& s : shards_) {
    if (s.keyspace != keyspace || s.name != shard) continue;
    if (Status st = s.mariadb->Stop(std::chrono::milliseconds(0)); !st.ok()) return st;
    return s.mariadb->Start();
  }
  return Error::Internal("no shard " + keyspace + "/" + shard);
}

void TestCluster::KillVtgate() {
  if (vtgate_pid_ > 0) (void)local::StopProcess(vtgate_pid_, std::chrono::milliseconds(0));
  vtgate_pid_ = -1;
}

Status TestCluster::RestartVtgate(const std::vector<std::string>& drop_flags) {
  KillVtgate();
  std::vector<std::string> argv;
  for (size_t i = 0; i < vtgate_argv_.size(); ++i) {
    if (std::find(drop_flags.begin(), drop_flags.end(), vtgate_argv_[i]) != drop_flags.end()) {
      ++i;  // and its value
      continue;
    }
    argv.push_back(vtgate_argv_[i]);
  }
  ++vtgate_restarts_;
  auto pid =
      local::SpawnDetached(argv, dir_->Sub("vtgate" + std::string(vtgate_restarts_, '+') + ".log"));
  if (!pid.ok()) return pid.error();
  vtgate_pid_ = *pid;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!local::ReadsMySqlGreeting("127.0.0.1", vtgate_port_, std::chrono::milliseconds(500))) {
    if (!local::IsProcessAlive(vtgate_pid_) || std::chrono::steady_clock::now() > deadline)
      return Error::Internal("vtgate did not restart");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Status::Ok();
}

}  // namespace tessera::testing
