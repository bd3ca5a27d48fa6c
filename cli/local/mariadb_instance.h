// MariaDbInstance: one private mariadbd server in its own directory, started
// from Debian's mariadb-server binaries with the binlog settings Tessera needs
// (ROW format, FULL row image and metadata). Used by the local cluster and by
// integration tests; never touches the system server on 3306.
//
// Layout of `data_dir`: the MariaDB datadir itself, plus mariadb.sock (or a
// /tmp socket when the path is too long), mariadb.pid, error.log, binlog.*,
// and mariadbd.out (the server's stdout/stderr).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "cli/local/mariadb_client.h"
#include "common/error.h"

namespace tessera::local {

struct MariaDbInstanceOptions {
  std::string data_dir;            // created if missing
  std::string host = "127.0.0.1";  // bind address
  uint16_t port = 0;               // 0: pick a free port at Start()
  uint32_t server_id = 1;
  // Account the caller logs in with. For a fresh data dir, a non-root user is
  // created with all privileges from any host, and a non-empty root password
  // is set on every root account.
  std::string user = "root";
  std::string password;
};

class MariaDbInstance {
 public:
  explicit MariaDbInstance(MariaDbInstanceOptions options);
  // Stops the server if this object started it and it is still running.
  ~MariaDbInstance();
  MariaDbInstance(const MariaDbInstance&) = delete;
  MariaDbInstance& operator=(const MariaDbInstance&) = delete;

  // True if data_dir already holds an initialized MariaDB data directory.
  bool IsInitialized() const;
  // Runs mariadb-install-db unless IsInitialized(). Output: data_dir/install.log.
  Status Initialize();
  // Spawns mariadbd and waits until a login succeeds. On failure, the error
  // quotes the tail of error.log and the server is stopped.
  Status Start(std::chrono::seconds timeout = std::chrono::seconds(60));
  // SIGTERM, wait up to `grace`, then SIGKILL.
  Status Stop(std::chrono::milliseconds grace = std::chrono::seconds(30));

  // Leaves a running server running when this object is destroyed; returns
  // its pid (-1 if none). For launchers whose servers outlive them.
  pid_t Detach();
  // Whether the server this object started is still alive.
  bool IsRunning() const;
  pid_t pid() const { return pid_; }
  uint16_t port() const { return options_.port; }
  const std::string& host() const { return options_.host; }
  const std::string& data_dir() const { return options_.data_dir; }
  std::string error_log_path() const { return options_.data_dir + "/error.log"; }
  // Credentials of the configured account (no database selected).
  MariaDbLogin Login() const;
  // The Unix socket the server listens on (beside its TCP port).
  std::string SocketPath() const { return SocketPathFor(options_.data_dir, options_.port); }
  // The socket of a server with this data dir and port: in the data dir, or
  // in /tmp when that path is too long for a socket address.
  static std::string SocketPathFor(const std::string& data_dir, uint16_t port);

 private:
  // One start attempt on options_.port (picked when 0).
  Status StartOnce(std::chrono::seconds timeout);
  // Private temporary directory beside the data dir: a starting server
  // deletes every "#sql*" file in its tmpdir, so servers must not share one.
  std::string TmpDir() const { return options_.data_dir + "-tmp"; }
  Status Provision();

  MariaDbInstanceOptions options_;
  pid_t pid_ = -1;
  bool fresh_ = false;  // Initialize() created the data dir in this object
};

}  // namespace tessera::local
