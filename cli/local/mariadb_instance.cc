#include "cli/local/mariadb_instance.h"

#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "cli/local/net_probe.h"
#include "cli/local/process.h"

namespace tessera::local {
namespace {

namespace fs = std::filesystem;

// Longest path a unix socket address holds, minus the terminating NUL.
constexpr size_t kMaxSocketPath = 107;

std::string SqlQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

MariaDbInstance::MariaDbInstance(MariaDbInstanceOptions options) : options_(std::move(options)) {
  std::error_code ec;
  fs::path abs = fs::absolute(options_.data_dir, ec);
  if (!ec) options_.data_dir = abs.lexically_normal().string();
  while (options_.data_dir.size() > 1 && options_.data_dir.back() == '/') {
    options_.data_dir.pop_back();
  }
}

MariaDbInstance::~MariaDbInstance() {
  if (IsRunning()) Stop();
}

bool MariaDbInstance::IsInitialized() const {
  std::error_code ec;
  return fs::is_directory(options_.data_dir + "/mysql", ec);
}

std::string MariaDbInstance::SocketPathFor(const std::string& data_dir, uint16_t port) {
  std::string path = fs::absolute(data_dir).lexically_normal().string();
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  path += "/mariadb.sock";
  if (path.size() <= kMaxSocketPath) return path;
  return "/tmp/tessera-mariadb-" + std::to_string(port) + ".sock";
}

MariaDbLogin MariaDbInstance::Login() const {
  MariaDbLogin login;
  login.host = options_.host;
  login.port = options_.port;
  login.user = options_.user;
  login.password = options_.password;
  return login;
}

Status MariaDbInstance::Initialize() {
  if (IsInitialized()) return Status::Ok();
  std::error_code ec;
  fs::create_directories(options_.data_dir, ec);
  if (ec) return Error::Internal("cannot create " + options_.data_dir + ": " + ec.message());
  fs::create_directories(TmpDir(), ec);
  if (ec) return Error::Internal("cannot create " + TmpDir() + ": " + ec.message());
  auto install_db = FindExecutable("mariadb-install-db");
  if (!install_db) return Error::Internal("mariadb-install-db not found (install mariadb-server)");
  std::vector<std::string> argv = {*install_db,
                                   "--no-defaults",
                                   "--datadir=" + options_.data_dir,
                                   "--tmpdir=" + TmpDir(),
                                   "--auth-root-authentication-method=normal",
                                   "--skip-test-db"};
  if (geteuid() == 0) argv.push_back("--user=root");
  const std::string log = options_.data_dir + "/install.log";
  auto rc = RunAndWait(argv, log);
  if (!rc.ok()) return rc.error();
  if (*rc != 0 || !IsInitialized()) {
    fs::remove_all(options_.data_dir + "/mysql", ec);
    return Error::Internal("mariadb-install-db failed (exit " + std::to_string(*rc) + ") for " +
                           options_.data_dir + ":\n" + FileTail(log, 80));
  }
  fresh_ = true;
  return Status::Ok();
}

Status MariaDbInstance::Start(std::chrono::seconds timeout) {
  // A port picked free can be taken by another process before mariadbd binds
  // it: then pick again.
  const bool pick_port = options_.port == 0;
  for (int attempt = 1;; ++attempt) {
    Status started = StartOnce(timeout);
    if (started.ok() || !pick_port || attempt == 3 ||
        started.error().message.find("Address already in use") == std::string::npos)
      return started;
    options_.port = 0;
  }
}

Status MariaDbInstance::StartOnce(std::chrono::seconds timeout) {
  if (IsRunning()) return Error::Internal("MariaDB in " + options_.data_dir + " already running");
  if (!IsInitialized()) return Error::Internal(options_.data_dir + " is not initialized");
  std::error_code tmp_ec;
  fs::create_directories(TmpDir(), tmp_ec);
  if (tmp_ec) return Error::Internal("cannot create " + TmpDir() + ": " + tmp_ec.message());
  if (options_.port == 0) {
    auto port = PickFreePort(options_.host);
    if (!port.ok()) return port.error();
    options_.port = *port;
  }
  auto mariadbd = FindExecutable("mariadbd");
  if (!mariadbd) return Error::Internal("mariadbd not found (install mariadb-server)");
  const std::string& dir = options_.data_dir;
  std::vector<std::string> argv = {*mariadbd,
                                   "--no-defaults",
                                   "--datadir=" + dir,
                                   "--port=" + std::to_string(options_.port),
                                   "--bind-address=" + options_.host,
                                   "--socket=" + SocketPath(),
                                   "--pid-file=" + dir + "/mariadb.pid",
                                   "--tmpdir=" + TmpDir(),
                                   "--log-bin=" + dir + "/binlog",
                                   "--binlog-format=ROW",
                                   "--binlog-row-image=FULL",
                                   "--binlog-row-metadata=FULL",
                                   "--server-id=" + std::to_string(options_.server_id),
                                   "--log-error=" + dir + "/error.log",
                                   "--skip-name-resolve",
                                   "--innodb-buffer-pool-size=64M",
                                   "--max-connections=500"};
  if (geteuid() == 0) argv.push_back("--user=root");
  auto pid = SpawnDetached(argv, dir + "/mariadbd.out");
  if (!pid.ok()) return pid.error();
  pid_ = *pid;

  // A fresh server only knows a password-less root until Provision() runs.
  MariaDbLogin login = Login();
  if (fresh_) {
    login.user = "root";
    login.password.clear();
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string last_error;
  while (true) {
    if (!IsRunning()) {
      pid_ = -1;
      return Error::Internal("mariadbd for " + dir + " exited during start-up; error log tail:\n" +
                             FileTail(error_log_path()) + FileTail(dir + "/mariadbd.out", 5));
    }
    auto client = MariaDbClient::Connect(login, std::chrono::seconds(2));
    if (client.ok()) break;
    last_error = client.error().message;
    if (std::chrono::steady_clock::now() >= deadline) {
      Stop();
      return Error::Internal("mariadbd for " + dir + " did not accept a login within " +
                             std::to_string(timeout.count()) + "s (" + last_error +
                             "); error log tail:\n" + FileTail(error_log_path()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (fresh_) {
    Status provisioned = Provision();
    if (!provisioned.ok()) {
      Stop();
      return provisioned;
    }
    fresh_ = false;
  }
  return Status::Ok();
}

Status MariaDbInstance::Provision() {
  MariaDbLogin root = Login();
  root.user = "root";
  root.password.clear();
  auto client = MariaDbClient::Connect(root);
  if (!client.ok()) return client.error();
  if (options_.user != "root") {
    std::string account = SqlQuote(options_.user) + "@'%'";
    for (const std::string& sql :
         {"CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + SqlQuote(options_.password),
          "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION"}) {
      if (Status s = (*client)->Execute(sql); !s.ok()) return s;
    }
    return Status::Ok();
  }
  if (options_.password.empty()) return Status::Ok();
  auto hosts = (*client)->Query("SELECT Host FROM mysql.user WHERE User = 'root'");
  if (!hosts.ok()) return hosts.error();
  for (const auto& row : *hosts) {
    if (!row[0]) continue;
    std::string sql =
        "ALTER USER 'root'@" + SqlQuote(*row[0]) + " IDENTIFIED BY " + SqlQuote(options_.password);
    if (Status s = (*client)->Execute(sql); !s.ok()) return s;
  }
  return Status::Ok();
}

Status MariaDbInstance::Stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return Status::Ok();
  Status s = StopProcess(pid_, grace);
  if (s.ok()) pid_ = -1;
  return s;
}

pid_t MariaDbInstance::Detach() {
  pid_t pid = pid_;
  pid_ = -1;
  return pid;
}

bool MariaDbInstance::IsRunning() const {
  return pid_ > 0 && IsProcessAlive(pid_);
}

}  // namespace tessera::local
