#include "cli/local/local_cluster.h"

#include <unistd.h>

#include <filesystem>
#include <thread>
#include <utility>

#include "cli/local/mariadb_instance.h"
#include "cli/local/net_probe.h"
#include "cli/local/process.h"
#include "cli/local/rsa_private_key.h"
#include "cli/local/schema_bootstrap.h"
#include "cli/local/self_signed_certificate.h"

namespace tessera::local {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string Absolute(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

// Where to connect to reach a server listening on `host`.
std::string ProbeHost(const std::string& host) {
  return host == "0.0.0.0" || host.empty() ? "127.0.0.1" : host == "::" ? "::1" : host;
}

MariaDbLogin LoginFor(const config::ShardConfig& shard) {
  MariaDbLogin login;
  login.host = ProbeHost(shard.mariadb.host);
  login.port = shard.mariadb.port;
  login.user = shard.mariadb.user;
  login.password = shard.mariadb.password;
  return login;
}

std::string Endpoint(const Component& c) {
  return c.host + ":" + std::to_string(c.port);
}

// schemad has no ComponentKind of its own; it is a daemon like vtgate that is
// recognised by its program name.
constexpr const char* kSchemadProgram = "schemad";
bool IsSchemad(const Component& c) {
  return c.program == kSchemadProgram;
}

// vtgate's TLS certificate when the config names none (see Up()).
std::string GeneratedCertPath(const std::string& state_dir) {
  return state_dir + "/tls/vtgate-cert.pem";
}
std::string GeneratedKeyPath(const std::string& state_dir) {
  return state_dir + "/tls/vtgate-key.pem";
}
// vtgate's RSA key for caching_sha2_password without TLS, made once (see Up()).
std::string RsaKeyPath(const std::string& state_dir) {
  return state_dir + "/tls/vtgate-rsa-key.pem";
}

}  // namespace

LocalCluster::LocalCluster(config::Topology topology, LocalClusterOptions options,
                           std::ostream& progress)
    : topology_(std::move(topology)), options_(std::move(options)), progress_(progress) {
  options_.state_dir = Absolute(options_.state_dir);
  options_.config_path = Absolute(options_.config_path);
  components_ = ComponentsOf(topology_);
  if (topology_.schemad) {
    const auto& listen = topology_.schemad->listen;
    components_.push_back(Component{ComponentKind::kVtgate, "schemad", "schemad", kSchemadProgram,
                                    listen.host, listen.port, nullptr, nullptr});
  }
}

std::string LocalCluster::PidPath(const Component& c) const {
  return options_.state_dir + "/run/" + c.id + ".pid";
}
std::string LocalCluster::LogPath(const Component& c) const {
  return options_.state_dir + "/logs/" + c.id + ".log";
}
std::string LocalCluster::DataDir(const Component& c) const {
  return options_.state_dir + "/mariadb/" + c.keyspace->name + "-" + c.shard->name;
}

pid_t LocalCluster::RunningPid(const Component& c) const {
  auto pid = ReadPidFile(PidPath(c));
  if (!pid || !IsProcessAlive(*pid) || ProcessProgramName(*pid) != c.program) return 0;
  return *pid;
}

bool LocalCluster::IsHealthy(const Component& c) const {
  const auto timeout = std::chrono::milliseconds(1000);
  // schemad listens only once its metadata store is ready.
  if (IsSchemad(c)) return CanConnect(ProbeHost(c.host), c.port, timeout);
  switch (c.kind) {
    case ComponentKind::kMariaDb:
      return MariaDbClient::Connect(LoginFor(*c.shard), std::chrono::seconds(2)).ok();
    case ComponentKind::kVttablet:
      return CanConnect(ProbeHost(c.host), c.port, timeout);
    case ComponentKind::kVtgate:
      return ReadsMySqlGreeting(ProbeHost(c.host), c.port, timeout);
  }
  return false;
}

Status LocalCluster::CheckCanStart() const {
  for (const char* tool : {"mariadbd", "mariadb-install-db"}) {
    if (!FindExecutable(tool))
      return Error::Internal(std::string(tool) + " not found (install mariadb-server)");
  }
  for (const auto& c : components_) {
    if (RunningPid(c) != 0) continue;
    if (c.kind != ComponentKind::kMariaDb) {
      std::string path = options_.bin_dir + "/" + c.program;
      if (access(path.c_str(), X_OK) != 0) {
        return Error::Internal("cannot start " + c.display + ": " + path +
                               " is missing or not executable");
      }
    }
    if (CanConnect(ProbeHost(c.host), c.port, std::chrono::milliseconds(200))) {
      return Error::Internal("cannot start " + c.display + ": " + Endpoint(c) +
                             " is already in use by another process");
    }
  }
  return Status::Ok();
}

Status LocalCluster::StartMariaDb(const Component& c) {
  MariaDbInstanceOptions o;
  o.data_dir = DataDir(c);
  o.host = c.host;
  o.port = c.port;
  o.server_id = c.shard->mariadb.server_id;
  o.user = c.shard->mariadb.user;
  o.password = c.shard->mariadb.password;
  MariaDbInstance db(o);
  if (!db.IsInitialized()) {
    progress_ << "initializing " << c.display << " in " << o.data_dir << "\n";
    if (Status s = db.Initialize(); !s.ok()) return s;
  }
  if (Status s = db.Start(options_.start_timeout); !s.ok()) {
    return Error::Internal("cannot start " + c.display + ": " + s.error().message);
  }
  pid_t pid = db.Detach();
  progress_ << "started " << c.display << " on " << Endpoint(c) << " (pid " << pid << ")\n";
  return WritePidFile(PidPath(c), pid);
}

std::vector<std::string> LocalCluster::DaemonArgv(const Component& c) const {
  std::string binary = options_.bin_dir + "/" + c.program;
  // vtgate and schemad read the whole config file.
  if (c.kind == ComponentKind::kVtgate) {
    if (IsSchemad(c)) return {binary, "--config", options_.config_path};
    std::vector<std::string> argv = {binary, "--config", options_.config_path, "--rsa-private-key",
                                     RsaKeyPath(options_.state_dir)};
    if (!topology_.vtgate.tls) {
      argv.insert(argv.end(), {"--tls-cert", GeneratedCertPath(options_.state_dir), "--tls-key",
                               GeneratedKeyPath(options_.state_dir)});
    }
    return argv;
  }
  const auto& db = c.shard->mariadb;
  // Online migrations stay revertible as long as schemad's revert window.
  std::string revert_window = "1800";
  if (topology_.schemad) revert_window = std::to_string(topology_.schemad->revert_window.count());
  // The launcher starts every shard's MariaDB here: the tablet reaches it
  // over its Unix socket, the cheaper path.
  std::vector<std::pair<std::string, std::string>> flags = {
      {"--revert-window-seconds", revert_window},
      {"--host", c.host},
      {"--port", std::to_string(c.port)},
      {"--mariadb-host", ProbeHost(db.host)},
      {"--mariadb-port", std::to_string(db.port)},
      {"--mariadb-socket", MariaDbInstance::SocketPathFor(DataDir(c), db.port)},
      {"--mariadb-user", db.user},
      {"--mariadb-password", db.password},
      {"--keyspace", c.keyspace->name},
      {"--shard", c.shard->name},
      {"--log-level", "info"},
  };
  const config::OnlineDdlConfig& ddl = topology_.online_ddl;
  if (ddl.throttle_threads_running) {
    flags.emplace_back("--throttle-threads-running", std::to_string(*ddl.throttle_threads_running));
  }
  if (ddl.throttle_max_replica_lag_ms) {
    flags.emplace_back("--throttle-max-replica-lag-ms",
                       std::to_string(*ddl.throttle_max_replica_lag_ms));
  }
  if (!c.shard->replicas.empty()) {
    std::string replicas;
    for (const auto& r : c.shard->replicas) {
      if (!replicas.empty()) replicas += ",";
      replicas += (r.host.find(':') != std::string::npos ? "[" + r.host + "]" : r.host) + ":" +
                  std::to_string(r.port);
    }
    flags.emplace_back("--throttle-replicas", std::move(replicas));
  }
  std::vector<std::string> argv = {binary};
  for (auto& [flag, value] : flags) {
    argv.push_back(flag);
    argv.push_back(std::move(value));
  }
  return argv;
}

Status LocalCluster::StartDaemon(const Component& c) {
  const std::string log = LogPath(c);
  std::error_code ec;
  if (fs::exists(log, ec)) fs::rename(log, log + ".1", ec);  // keep one previous run
  auto pid = SpawnDetached(DaemonArgv(c), log);
  if (!pid.ok()) return pid.error();
  if (Status s = WritePidFile(PidPath(c), *pid); !s.ok()) return s;
  auto deadline = Clock::now() + options_.start_timeout;
  while (Clock::now() < deadline) {
    if (!IsProcessAlive(*pid)) {
      fs::remove(PidPath(c), ec);
      return Error::Internal(c.display + " exited during start-up; " + log + " ends with:\n" +
                             FileTail(log));
    }
    if (IsHealthy(c)) {
      progress_ << "started " << c.display << " on " << Endpoint(c) << " (pid " << *pid << ")\n";
      return Status::Ok();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  StopProcess(*pid, options_.stop_grace);
  fs::remove(PidPath(c), ec);
  return Error::Internal(c.display + " did not answer on " + Endpoint(c) + " within " +
                         std::to_string(options_.start_timeout.count()) + "s; " + log +
                         " ends with:\n" + FileTail(log));
}

Status LocalCluster::Up() {
  if (Status s = CheckCanStart(); !s.ok()) return s;
  for (const char* sub : {"logs", "run", "mariadb"}) {
    std::error_code ec;
    fs::create_directories(options_.state_dir + "/" + sub, ec);
    if (ec)
      return Error::Internal("cannot create " + options_.state_dir + "/" + sub + ": " +
                             ec.message());
  }
  if (!topology_.vtgate.tls) {
    auto created = EnsureSelfSignedCertificate(GeneratedCertPath(options_.state_dir),
                                               GeneratedKeyPath(options_.state_dir), "localhost");
    if (!created.ok()) return created.error();
    if (*created) {
      progress_ << "generated a self-signed TLS certificate for vtgate in "
                << GeneratedCertPath(options_.state_dir) << "\n";
    }
  }
  auto rsa_key = EnsureRsaPrivateKey(RsaKeyPath(options_.state_dir));
  if (!rsa_key.ok()) return rsa_key.error();
  if (*rsa_key) {
    progress_ << "generated vtgate's RSA key for caching_sha2_password in "
              << RsaKeyPath(options_.state_dir) << "\n";
  }
  std::vector<const Component*> started;
  auto fail = [&](Status failure) {
    for (auto it = started.rbegin(); it != started.rend(); ++it) StopComponent(**it);
    return failure;
  };
  for (const auto& c : components_) {
    if (pid_t pid = RunningPid(c); pid != 0) {
      progress_ << c.display << " already running (pid " << pid << ")\n";
    } else {
      Status s = c.kind == ComponentKind::kMariaDb ? StartMariaDb(c) : StartDaemon(c);
      if (!s.ok()) return fail(s);
      started.push_back(&c);
    }
    if (c.kind == ComponentKind::kMariaDb) {
      auto boot = EnsureKeyspaceDatabase(LoginFor(*c.shard), *c.keyspace);
      if (!boot.ok()) return fail(boot.error());
      if (*boot == Bootstrap::kCreated) {
        progress_ << "created database " << c.keyspace->DatabaseName() << " on " << c.display
                  << " (" << c.keyspace->schema.size() << " schema statements)\n";
      }
    }
  }
  return Status::Ok();
}

Status LocalCluster::StopComponent(const Component& c) {
  std::error_code ec;
  pid_t pid = RunningPid(c);
  if (pid != 0) {
    progress_ << "stopping " << c.display << " (pid " << pid << ")\n";
    if (Status s = StopProcess(pid, options_.stop_grace); !s.ok()) return s;
  }
  fs::remove(PidPath(c), ec);
  return Status::Ok();
}

Status LocalCluster::Down() {
  Status first_error;
  for (auto it = components_.rbegin(); it != components_.rend(); ++it) {
    Status s = StopComponent(*it);
    if (!s.ok() && first_error.ok()) first_error = s;
  }
  return first_error;
}

std::vector<ComponentStatus> LocalCluster::Inspect() const {
  std::vector<ComponentStatus> out;
  for (const auto& c : components_) {
    ComponentStatus s{c.display, c.host, c.port, RunningPid(c), Health::kStopped};
    if (s.pid != 0) s.health = IsHealthy(c) ? Health::kRunning : Health::kUnhealthy;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace tessera::local
