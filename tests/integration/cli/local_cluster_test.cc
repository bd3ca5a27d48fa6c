// Runs the tessera command against real binaries: `up` starts MariaDB,
// vttablet and vtgate for a small two-keyspace cluster on free ports,
// `status` reports them, `down` stops them, and data survives a down/up.
// Needs vttablet and vtgate built next to tessera; fails if they are missing.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <mysql.h>

#include "cli/local/mariadb_client.h"
#include "cli/local/net_probe.h"
#include "cli/local/process.h"
#include "cli/local/temp_dir.h"
#include "config/password_hash.h"
#include "tests/integration/support/run_shell.h"

namespace tessera::local {
namespace {

using testing::CommandResult;
using testing::RunShell;

uint16_t FreePort() {
  auto port = PickFreePort();
  EXPECT_TRUE(port.ok());
  return port.ok() ? *port : 0;
}

class LocalClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto& p : ports_) p = FreePort();
    std::ofstream cfg(config_path_);
    cfg << "state_dir: unused\n"
        << "vtgate: {host: 127.0.0.1, port: " << ports_[0] << "}\n"
        << "online_ddl: {throttle_threads_running: 77, throttle_max_replica_lag_ms: 4000}\n"
        << "users: [{name: app, password: app}]\n"
        << "keyspaces:\n"
        << "  main:\n"
        << "    schema: [\"CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR(64))\"]\n"
        << "    tables: {t: }\n"
        << "    shards:\n"
        << "      - {name: \"0\", tablet: {port: " << ports_[1]
        << "}, mariadb: {port: " << ports_[2] << ", server_id: 11}}\n"
        << "  sh:\n"
        << "    sharded: true\n"
        << "    vindexes: {hash: {type: hash}}\n"
        << "    schema: [\"CREATE TABLE c (id BIGINT PRIMARY KEY, v VARCHAR(64))\"]\n"
        << "    tables: {c: {column_vindexes: [{column: id, vindex: hash}]}}\n"
        << "    shards:\n"
        << "      - {name: \"-80\", tablet: {port: " << ports_[3]
        << "}, mariadb: {port: " << ports_[4] << ", server_id: 21},\n"
        << "         replicas: [{port: " << ports_[2] << "}]}\n"
        << "      - {name: \"80-\", tablet: {port: " << ports_[5]
        << "}, mariadb: {port: " << ports_[6] << ", server_id: 22}}\n";
  }

  // The command lines of the running processes whose arguments include
  // `word`, arguments separated by spaces.
  static std::vector<std::string> CommandLinesWith(const std::vector<pid_t>& pids,
                                                   const std::string& word) {
    std::vector<std::string> out;
    for (pid_t pid : pids) {
      std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
      std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      for (char& c : line)
        if (c == '\0') c = ' ';
      if (line.find(word) != std::string::npos) out.push_back(line);
    }
    return out;
  }

  void TearDown() override { Tessera("down"); }

  CommandResult Tessera(const std::string& verb) {
    return RunShell(std::string(TESSERA_BIN_DIR) + "/tessera " + verb + " --config " +
                    config_path_ + " --state-dir " + state_dir_);
  }

  // Pids listed by `tessera status`, failing the test unless every component
  // reports `health`.
  void StatusPids(const std::string& health, std::vector<pid_t>& pids) {
    CommandResult status = Tessera("status");
    EXPECT_EQ(status.exit_code, 0) << status.output;
    std::istringstream lines(status.output);
    std::string line;
    std::getline(lines, line);  // header
    pids.clear();
    while (std::getline(lines, line)) {
      // COMPONENT (one or two words) ADDRESS PID HEALTH
      std::istringstream split(line);
      std::vector<std::string> words;
      for (std::string w; split >> w;) words.push_back(w);
      ASSERT_GE(words.size(), 4u) << line;
      const std::string& pid = words[words.size() - 2];
      const std::string& state = words.back();
      EXPECT_EQ(state, health) << line;
      if (pid != "-") pids.push_back(std::stoi(pid));
    }
    EXPECT_EQ(pids.size() + (health == "stopped" ? 7 : 0), 7u) << status.output;
  }

  Result<std::unique_ptr<MariaDbClient>> Shard(uint16_t port) {
    MariaDbLogin login;
    login.port = port;
    return MariaDbClient::Connect(login);
  }

  TempDir dir_{"tessera-cli-"};
  std::string config_path_ = dir_.Sub("cluster.yaml");
  std::string state_dir_ = dir_.Sub("state");
  uint16_t ports_[7] = {};
};

TEST_F(LocalClusterTest, UpStatusDownUpKeepsData) {
  for (const char* binary : {"tessera", "vttablet", "vtgate"}) {
    std::string path = std::string(TESSERA_BIN_DIR) + "/" + binary;
    ASSERT_TRUE(std::filesystem::exists(path)) << path << " is not built";
  }
  CommandResult up = Tessera("up");
  ASSERT_EQ(up.exit_code, 0) << up.output;
  EXPECT_NE(up.output.find("-P" + std::to_string(ports_[0]) + " -uapp"), std::string::npos)
      << up.output;
  std::vector<pid_t> pids;
  StatusPids("running", pids);
  // online_ddl and a shard's replicas reach the tablets as flags.
  const auto tablets = CommandLinesWith(pids, "/vttablet ");
  ASSERT_EQ(tablets.size(), 3u);
  for (const auto& line : tablets) {
    EXPECT_NE(line.find("--throttle-threads-running 77 "), std::string::npos) << line;
    EXPECT_NE(line.find("--throttle-max-replica-lag-ms 4000 "), std::string::npos) << line;
    const bool low = line.find("--shard -80 ") != std::string::npos;
    EXPECT_EQ(line.find("--throttle-replicas 127.0.0.1:" + std::to_string(ports_[2])) !=
                  std::string::npos,
              low)
        << line;
  }

  {
    auto shard = Shard(ports_[4]);
    ASSERT_TRUE(shard.ok()) << shard.error().message;
    Status inserted = (*shard)->Execute("INSERT INTO vt_sh.c VALUES (1, 'kept')");
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
    auto main = Shard(ports_[2]);
    ASSERT_TRUE(main.ok());
    EXPECT_TRUE((*main)->Query("SELECT * FROM vt_main.t").ok());
  }

  CommandResult again = Tessera("up");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("already running"), std::string::npos) << again.output;
  std::vector<pid_t> same;
  StatusPids("running", same);
  EXPECT_EQ(same, pids);

  CommandResult down = Tessera("down");
  ASSERT_EQ(down.exit_code, 0) << down.output;
  for (pid_t pid : pids) EXPECT_FALSE(IsProcessAlive(pid)) << pid;
  std::vector<pid_t> none;
  StatusPids("stopped", none);
  EXPECT_FALSE(CanConnect("127.0.0.1", ports_[0], std::chrono::milliseconds(200)));

  CommandResult up2 = Tessera("up");
  ASSERT_EQ(up2.exit_code, 0) << up2.output;
  StatusPids("running", pids);
  auto shard = Shard(ports_[4]);
  ASSERT_TRUE(shard.ok()) << shard.error().message;
  auto rows = (*shard)->Query("SELECT v FROM vt_sh.c WHERE id = 1");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0][0].value_or(""), "kept");
}

// Logs in with caching_sha2_password over plaintext, encrypting the password
// with the RSA public key in `public_key_path` instead of asking vtgate for
// it, as a client that cached the key does. Returns mysql_errno (0: logged in).
unsigned RsaLogin(uint16_t port, const std::string& user, const std::string& password,
                  const std::string& public_key_path) {
  MYSQL* m = mysql_init(nullptr);
  unsigned int timeout = 10;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  mysql_options(m, MYSQL_DEFAULT_AUTH, "caching_sha2_password");
  mysql_optionsv(m, MYSQL_SERVER_PUBLIC_KEY, public_key_path.c_str());
  unsigned code = 0;
  if (!mysql_real_connect(m, "127.0.0.1", user.c_str(), password.c_str(), nullptr, port, nullptr,
                          0)) {
    code = ::mysql_errno(m);
  } else if (mysql_get_ssl_cipher(m) != nullptr) {
    code = 9999;  // the RSA path is only taken without TLS
  }
  mysql_close(m);
  return code;
}

TEST_F(LocalClusterTest, VtgateRsaKeySurvivesRestarts) {
  // A user known only by its native hash: vtgate learns its
  // caching_sha2_password digest only from a full (RSA) authentication,
  // and forgets it when it restarts.
  {
    std::ifstream in(config_path_);
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = text.str();
    const std::string users = "users: [{name: app, password: app}]";
    yaml.replace(yaml.find(users), users.size(),
                 "users: [{name: app, password: app}, {name: rsa, password_hash: \"" +
                     config::NativePasswordHash("rsapw") + "\"}]");
    std::ofstream(config_path_) << yaml;
  }
  CommandResult up = Tessera("up");
  ASSERT_EQ(up.exit_code, 0) << up.output;
  const std::string key = state_dir_ + "/tls/vtgate-rsa-key.pem";
  EXPECT_NE(up.output.find("generated vtgate's RSA key"), std::string::npos) << up.output;
  ASSERT_TRUE(std::filesystem::exists(key));
  EXPECT_EQ(std::filesystem::status(key).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const std::string public_key = dir_.Sub("vtgate-public.pem");
  CommandResult derived = RunShell("openssl pkey -in " + key + " -pubout -out " + public_key);
  ASSERT_EQ(derived.exit_code, 0) << derived.output;
  const std::string stranger_key = dir_.Sub("other-public.pem");
  CommandResult other = RunShell(
      "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | "
      "openssl pkey -pubout -out " +
      stranger_key);
  ASSERT_EQ(other.exit_code, 0) << other.output;

  // A key vtgate does not hold cannot carry the password (the digest is not
  // cached yet, so this is a full authentication).
  EXPECT_EQ(RsaLogin(ports_[0], "rsa", "rsapw", stranger_key), 1045u);
  EXPECT_EQ(RsaLogin(ports_[0], "rsa", "rsapw", public_key), 0u);

  ASSERT_EQ(Tessera("down").exit_code, 0);
  CommandResult up2 = Tessera("up");
  ASSERT_EQ(up2.exit_code, 0) << up2.output;
  EXPECT_EQ(up2.output.find("generated vtgate's RSA key"), std::string::npos) << up2.output;
  // The restarted vtgate has forgotten the digest: logins are full
  // authentications again, and the key the client kept still works.
  EXPECT_EQ(RsaLogin(ports_[0], "rsa", "rsapw", stranger_key), 1045u);
  EXPECT_EQ(RsaLogin(ports_[0], "rsa", "rsapw", public_key), 0u);
  EXPECT_EQ(RsaLogin(ports_[0], "rsa", "wrong", public_key), 1045u);
}

TEST_F(LocalClusterTest, BadConfigStartsNothing) {
  std::ofstream(config_path_, std::ios::app) << "      - {name: \"40-\", tablet: {port: 1}, "
                                                "mariadb: {port: 2, server_id: 23}}\n";
  CommandResult up = Tessera("up");
  EXPECT_NE(up.exit_code, 0);
  EXPECT_NE(up.output.find(config_path_ + ":"), std::string::npos) << up.output;
  EXPECT_NE(up.output.find("overlap"), std::string::npos) << up.output;
  EXPECT_FALSE(std::filesystem::exists(state_dir_));
}

TEST_F(LocalClusterTest, PortInUseStartsNothing) {
  // Something else listens on the vtgate port.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(ports_[0]);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  CommandResult up = Tessera("up");
  close(fd);
  EXPECT_NE(up.exit_code, 0);
  EXPECT_NE(up.output.find("already in use"), std::string::npos) << up.output;
  EXPECT_FALSE(std::filesystem::exists(state_dir_ + "/mariadb"));
}

}  // namespace
}  // namespace tessera::local
