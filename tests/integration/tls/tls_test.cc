// TLS and caching_sha2_password end to end: a real cluster whose vtgate has
// a certificate, driven by the mariadb command-line client and PyMySQL.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/local/self_signed_certificate.h"
#include "cli/local/temp_dir.h"
#include "config/password_hash.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera::testing {
namespace {

struct Output {
  int exit_code = -1;
  std::string text;  // stdout and stderr
};

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

Output Run(const std::vector<std::string>& argv) {
  std::string command;
  for (const auto& arg : argv) command += ShellQuote(arg) + " ";
  command += "2>&1 </dev/null";
  Output out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.text.append(buf.data(), n);
  int status = pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

std::vector<TestKeyspace> OneKeyspace() {
  TestKeyspace commerce;
  commerce.name = "commerce";
  commerce.shards = {"0"};
  commerce.unsharded_tables = {"product"};
  commerce.schema = {"CREATE TABLE product (sku VARCHAR(128) PRIMARY KEY, price BIGINT)"};
  return {commerce};
}

// A config user known only by its mysql_native_password hash, so vtgate
// learns its caching_sha2_password digest only from a full authentication.
std::string HashedUser(const std::string& name, const std::string& password) {
  return "  - {name: " + name + ", password_hash: \"" + config::NativePasswordHash(password) +
         "\"}\n";
}

// Logs in with PyMySQL (see pymysql_login.py): "ok path=... cipher=..." or
// "error <errno> <message>".
std::string PyMySqlLogin(uint16_t port, const std::string& user, const std::string& password,
                         bool tls, const std::string& ca = "") {
  std::vector<std::string> argv = {"/usr/bin/python3",
                                   std::string(TLS_TEST_SOURCE_DIR) + "/pymysql_login.py",
                                   std::to_string(port),
                                   user,
                                   password,
                                   tls ? "tls" : "plain"};
  if (!ca.empty()) argv.push_back(ca);
  Output out = Run(argv);
  std::string text = out.text;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

Output Mariadb(uint16_t port, const std::string& user, const std::string& password,
               std::vector<std::string> options, const std::string& sql) {
  std::vector<std::string> argv = {
      "mariadb",   "--no-defaults", "-h127.0.0.1",         "-P" + std::to_string(port),
      "-u" + user, "-p" + password, "--connect-timeout=10"};
  argv.insert(argv.end(), options.begin(), options.end());
  argv.push_back("-e");
  argv.push_back(sql);
  return Run(argv);
}

std::string AccessDenied(const std::string& user) {
  return "error 1045 Access denied for user '" + user + "'@'127.0.0.1' (using password: YES)";
}

class Certificates {
 public:
  Certificates() : dir_("tessera-tls-") {
    auto made = local::EnsureSelfSignedCertificate(cert(), key(), "localhost");
    ok_ = made.ok() && *made;
    auto other = local::EnsureSelfSignedCertificate(other_cert(), other_key(), "stranger");
    ok_ = ok_ && other.ok() && *other;
  }
  bool ok() const { return ok_; }
  std::string cert() const { return dir_.Sub("cert.pem"); }
  std::string key() const { return dir_.Sub("key.pem"); }
  // A second self-signed pair that vtgate does not trust.
  std::string other_cert() const { return dir_.Sub("other-cert.pem"); }
  std::string other_key() const { return dir_.Sub("other-key.pem"); }

 private:
  local::TempDir dir_;
  bool ok_ = false;
};

// vtgate with a certificate, greeting with caching_sha2_password, plaintext allowed.
class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_ = new Certificates();
    ASSERT_TRUE(certs_->ok());
    TestCluster::ConfigExtras extras;
    extras.vtgate = "  tls: {cert: " + certs_->cert() + ", key: " + certs_->key() +
                    "}\n  default_auth_plugin: caching_sha2_password\n";
    extras.users = HashedUser("rsauser", "rsapw") + HashedUser("tlsuser", "tlspw") +
                   HashedUser("cliuser", "clipw") + HashedUser("switchuser", "switchpw");
    auto cluster = TestCluster::Start(OneKeyspace(), false, extras);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
    delete certs_;
    certs_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }
  static uint16_t port() { return cluster_->vtgate_port(); }

  static Certificates* certs_;
  static TestCluster* cluster_;
};
Certificates* TlsTest::certs_ = nullptr;
TestCluster* TlsTest::cluster_ = nullptr;

TEST_F(TlsTest, MariadbClientSessionIsEncrypted) {
  Output tls = Mariadb(port(), "app", "app", {"--ssl"}, "\\s");
  ASSERT_EQ(tls.exit_code, 0) << tls.text;
  EXPECT_NE(tls.text.find("Cipher in use is TLS"), std::string::npos) << tls.text;

  Output plain = Mariadb(port(), "app", "app", {"--skip-ssl"}, "\\s");
  ASSERT_EQ(plain.exit_code, 0) << plain.text;
  EXPECT_EQ(plain.text.find("Cipher in use"), std::string::npos) << plain.text;
  EXPECT_NE(plain.text.find("Not in use"), std::string::npos) << plain.text;
}

TEST_F(TlsTest, PyMySqlVerifiesTheServerCertificate) {
  // The certificate names 127.0.0.1, so verification with it as CA passes.
  std::string result = PyMySqlLogin(port(), "app", "app", true, certs_->cert());
  EXPECT_TRUE(result.starts_with("ok ")) << result;
  EXPECT_EQ(result.find("cipher=-"), std::string::npos) << result;
  // Verification against a CA that did not sign it fails.
  result = PyMySqlLogin(port(), "app", "app", true, certs_->other_cert());
  EXPECT_TRUE(result.starts_with("error 2003")) << result;
}

TEST_F(TlsTest, ConfigPasswordTakesTheFastPathAtOnce) {
  // "app" has a plain password in the config: its digest is known from the start.
  EXPECT_EQ(PyMySqlLogin(port(), "app", "app", false), "ok path=fast cipher=-");
}

TEST_F(TlsTest, PlaintextFullAuthUsesRsaThenFastPath) {
  EXPECT_EQ(PyMySqlLogin(port(), "rsauser", "wrong", false), AccessDenied("rsauser"));
  EXPECT_EQ(PyMySqlLogin(port(), "rsauser", "rsapw", false), "ok path=rsa cipher=-");
  EXPECT_EQ(PyMySqlLogin(port(), "rsauser", "rsapw", false), "ok path=fast cipher=-");
  // A wrong password after the cache is warm fails the same way.
  EXPECT_EQ(PyMySqlLogin(port(), "rsauser", "rsapw2", false), AccessDenied("rsauser"));
  EXPECT_EQ(PyMySqlLogin(port(), "rsauser", "rsapw", false), "ok path=fast cipher=-");
}

TEST_F(TlsTest, TlsFullAuthSendsClearPasswordThenFastPath) {
  EXPECT_EQ(PyMySqlLogin(port(), "tlsuser", "wrong", true), AccessDenied("tlsuser"));
  std::string first = PyMySqlLogin(port(), "tlsuser", "tlspw", true);
  EXPECT_TRUE(first.starts_with("ok path=clear cipher=TLS")) << first;
  std::string second = PyMySqlLogin(port(), "tlsuser", "tlspw", true);
  EXPECT_TRUE(second.starts_with("ok path=fast cipher=TLS")) << second;
  EXPECT_EQ(PyMySqlLogin(port(), "tlsuser", "tlspw", false), "ok path=fast cipher=-");
  EXPECT_EQ(PyMySqlLogin(port(), "tlsuser", "wrong", true), AccessDenied("tlsuser"));
}

TEST_F(TlsTest, MariadbClientWithCachingSha2) {
  // Over TLS the client sends its password in clear on the full path; that
  // teaches vtgate the digest, which PyMySQL's fast path then proves.
  Output wrong = Mariadb(port(), "cliuser", "nope",
                         {"--ssl", "--default-auth=caching_sha2_password"}, "SELECT 1");
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.text.find("ERROR 1045 (28000)"), std::string::npos) << wrong.text;
  Output ok = Mariadb(port(), "cliuser", "clipw", {"--ssl", "--default-auth=caching_sha2_password"},
                      "SELECT 1 AS one");
  ASSERT_EQ(ok.exit_code, 0) << ok.text;
  EXPECT_EQ(PyMySqlLogin(port(), "cliuser", "clipw", false), "ok path=fast cipher=-");
}

TEST_F(TlsTest, NativePasswordStillWorks) {
  Output ok =
      Mariadb(port(), "app", "app", {"--default-auth=mysql_native_password"}, "SELECT 1 AS one");
  EXPECT_EQ(ok.exit_code, 0) << ok.text;
  Output wrong =
      Mariadb(port(), "app", "bad", {"--default-auth=mysql_native_password"}, "SELECT 1 AS one");
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.text.find("ERROR 1045 (28000): Access denied for user 'app'@'127.0.0.1' "
                            "(using password: YES)"),
            std::string::npos)
      << wrong.text;
}

TEST_F(TlsTest, OtherPluginsAreSwitchedToCachingSha2) {
  // The client starts with ed25519; vtgate switches it to its default plugin.
  Output ok = Mariadb(port(), "switchuser", "switchpw", {"--ssl", "--default-auth=client_ed25519"},
                      "SELECT 1 AS one");
  EXPECT_EQ(ok.exit_code, 0) << ok.text;
  EXPECT_EQ(PyMySqlLogin(port(), "switchuser", "switchpw", false), "ok path=fast cipher=-");
  Output wrong = Mariadb(port(), "switchuser", "bad", {"--ssl", "--default-auth=client_ed25519"},
                         "SELECT 1 AS one");
  EXPECT_NE(wrong.text.find("ERROR 1045 (28000)"), std::string::npos) << wrong.text;
}

TEST_F(TlsTest, WrongPasswordAndUnknownUserAreTheSameError) {
  EXPECT_EQ(PyMySqlLogin(port(), "app", "wrong", false), AccessDenied("app"));  // fast path miss
  EXPECT_EQ(PyMySqlLogin(port(), "app", "wrong", true), AccessDenied("app"));
  EXPECT_EQ(PyMySqlLogin(port(), "ghost", "app", false), AccessDenied("ghost"));
  EXPECT_EQ(PyMySqlLogin(port(), "ghost", "app", true), AccessDenied("ghost"));
  EXPECT_EQ(PyMySqlLogin(port(), "app", "", false),
            "error 1045 Access denied for user 'app'@'127.0.0.1' (using password: NO)");
  EXPECT_EQ(PyMySqlLogin(port(), "nopass", "", false), "ok path=none cipher=-");
}

// Reads one packet (header and payload) from `fd`; false on EOF or error.
bool ReadPacket(int fd, std::string* payload) {
  unsigned char header[4];
  size_t got = 0;
  while (got < 4) {
    ssize_t n = recv(fd, header + got, 4 - got, 0);
    if (n <= 0) return false;
    got += static_cast<size_t>(n);
  }
  size_t length = header[0] | (header[1] << 8) | (header[2] << 16);
  payload->assign(length, '\0');
  got = 0;
  while (got < length) {
    ssize_t n = recv(fd, payload->data() + got, length - got, 0);
    if (n <= 0) return false;
    got += static_cast<size_t>(n);
  }
  return true;
}

TEST_F(TlsTest, GarbageAfterSslRequestClosesOnlyThatConnection) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  std::string greeting;
  ASSERT_TRUE(ReadPacket(fd, &greeting));
  // SSLRequest: PROTOCOL_41 | SSL | SECURE_CONNECTION | PLUGIN_AUTH, 16 MiB,
  // utf8mb4, 23 filler bytes; sequence id 1. Then bytes that are no TLS record.
  std::string request = {32, 0, 0, 1};
  uint32_t caps = (1u << 9) | (1u << 11) | (1u << 15) | (1u << 19);
  for (int i = 0; i < 4; ++i) request.push_back(static_cast<char>((caps >> (8 * i)) & 0xff));
  request += std::string("\x00\x00\x00\x01", 4);
  request.push_back(45);
  request += std::string(23, '\0');
  request += "GET / HTTP/1.1\r\nHost: vtgate\r\n\r\n";
  ASSERT_EQ(send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  // vtgate may answer with a TLS alert, then must close.
  char buf[512];
  ssize_t n;
  size_t total = 0;
  while ((n = recv(fd, buf, sizeof(buf), 0)) > 0) total += static_cast<size_t>(n);
  bool timed_out = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  EXPECT_FALSE(timed_out) << "vtgate kept the connection open";
  EXPECT_LT(total, 512u);
  close(fd);

  std::string after = PyMySqlLogin(port(), "app", "app", true);
  EXPECT_TRUE(after.starts_with("ok ")) << after;
}

// vtgate refusing plaintext logins, and checking client certificates
// against a CA.
class SecureTransportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_ = new Certificates();
    ASSERT_TRUE(certs_->ok());
    TestCluster::ConfigExtras extras;
    extras.vtgate = "  tls:\n    cert: " + certs_->cert() + "\n    key: " + certs_->key() +
                    "\n    ca: " + certs_->cert() + "\n    require_secure_transport: true\n";
    auto cluster = TestCluster::Start(OneKeyspace(), false, extras);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
    delete certs_;
    certs_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }
  static uint16_t port() { return cluster_->vtgate_port(); }

  static Certificates* certs_;
  static TestCluster* cluster_;
};
Certificates* SecureTransportTest::certs_ = nullptr;
TestCluster* SecureTransportTest::cluster_ = nullptr;

TEST_F(SecureTransportTest, PlaintextLoginIsRefused) {
  const std::string message =
      "Connections using insecure transport are prohibited while --require_secure_transport=ON.";
  EXPECT_EQ(PyMySqlLogin(port(), "app", "app", false), "error 3159 " + message);
  Output plain = Mariadb(port(), "app", "app", {"--skip-ssl"}, "SELECT 1");
  EXPECT_NE(plain.exit_code, 0);
  EXPECT_NE(plain.text.find("ERROR 3159 (HY000): " + message), std::string::npos) << plain.text;
}

TEST_F(SecureTransportTest, TlsLoginIsServed) {
  std::string result = PyMySqlLogin(port(), "app", "app", true);
  EXPECT_TRUE(result.starts_with("ok path=none cipher=TLS")) << result;  // native greeting
  Output tls = Mariadb(port(), "app", "app", {"--ssl"}, "\\s");
  EXPECT_EQ(tls.exit_code, 0) << tls.text;
  EXPECT_NE(tls.text.find("Cipher in use is TLS"), std::string::npos) << tls.text;
  EXPECT_EQ(PyMySqlLogin(port(), "app", "bad", true), AccessDenied("app"));
  // This vtgate greets with mysql_native_password: a client that prefers
  // caching_sha2_password sends no token and is switched to its own plugin.
  Output sha2 = Mariadb(port(), "app", "app", {"--ssl", "--default-auth=caching_sha2_password"},
                        "SELECT 1 AS one");
  EXPECT_EQ(sha2.exit_code, 0) << sha2.text;
  Output wrong = Mariadb(port(), "app", "bad", {"--ssl", "--default-auth=caching_sha2_password"},
                         "SELECT 1 AS one");
  EXPECT_NE(wrong.text.find("ERROR 1045 (28000)"), std::string::npos) << wrong.text;
}

TEST_F(SecureTransportTest, ClientCertificatesAreVerifiedAgainstTheCa) {
  Output trusted = Mariadb(port(), "app", "app",
                           {"--ssl", "--ssl-cert=" + certs_->cert(), "--ssl-key=" + certs_->key()},
                           "SELECT 1 AS one");
  EXPECT_EQ(trusted.exit_code, 0) << trusted.text;
  Output stranger =
      Mariadb(port(), "app", "app",
              {"--ssl", "--ssl-cert=" + certs_->other_cert(), "--ssl-key=" + certs_->other_key()},
              "SELECT 1 AS one");
  EXPECT_NE(stranger.exit_code, 0) << stranger.text;
  EXPECT_EQ(stranger.text.find("ERROR 1045"), std::string::npos) << stranger.text;
}

// A CA made with the openssl command-line tool, a client certificate it
// signed, and vtgate started with --tls-ca naming that CA.
class ClientCa {
 public:
  ClientCa() : dir_("tessera-ca-") {
    ok_ =
        OpenSsl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir_.Sub("ca-key.pem"),
                 "-out", ca(), "-days", "30", "-subj", "/CN=Tessera Test CA"}) &&
        OpenSsl({"req", "-newkey", "rsa:2048", "-nodes", "-keyout", client_key(), "-out",
                 dir_.Sub("client.csr"), "-subj", "/CN=app"}) &&
        OpenSsl({"x509", "-req", "-in", dir_.Sub("client.csr"), "-CA", ca(), "-CAkey",
                 dir_.Sub("ca-key.pem"), "-CAcreateserial", "-out", client_cert(), "-days", "30"});
  }
  bool ok() const { return ok_; }
  std::string ca() const { return dir_.Sub("ca.pem"); }
  std::string client_cert() const { return dir_.Sub("client.pem"); }
  std::string client_key() const { return dir_.Sub("client-key.pem"); }
  std::string Sub(const std::string& name) const { return dir_.Sub(name); }

 private:
  static bool OpenSsl(std::vector<std::string> args) {
    args.insert(args.begin(), "openssl");
    Output out = Run(args);
    if (out.exit_code != 0) ADD_FAILURE() << out.text;
    return out.exit_code == 0;
  }
  local::TempDir dir_;
  bool ok_ = false;
};

class ClientCaFlagTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certs_ = new Certificates();
    ca_ = new ClientCa();
    ASSERT_TRUE(certs_->ok() && ca_->ok());
    TestCluster::ConfigExtras extras;
    extras.vtgate = "  tls: {cert: " + certs_->cert() + ", key: " + certs_->key() + "}\n";
    extras.vtgate_flags = {"--tls-ca", ca_->ca()};
    extras.users =
        "  - {name: sslonly, password: sslpw, require: ssl}\n"
        "  - {name: certonly, password: certpw, require: x509}\n";
    auto cluster = TestCluster::Start(OneKeyspace(), false, extras);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
    delete ca_;
    ca_ = nullptr;
    delete certs_;
    certs_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }
  static uint16_t port() { return cluster_->vtgate_port(); }

  static Certificates* certs_;
  static ClientCa* ca_;
  static TestCluster* cluster_;
};
Certificates* ClientCaFlagTest::certs_ = nullptr;
ClientCa* ClientCaFlagTest::ca_ = nullptr;
TestCluster* ClientCaFlagTest::cluster_ = nullptr;

TEST_F(ClientCaFlagTest, CertificateSignedByTheCaIsAccepted) {
  Output ok =
      Mariadb(port(), "app", "app",
              {"--ssl", "--ssl-cert=" + ca_->client_cert(), "--ssl-key=" + ca_->client_key()},
              "SELECT 'in' AS x");
  EXPECT_EQ(ok.exit_code, 0) << ok.text;
  EXPECT_NE(ok.text.find("in"), std::string::npos) << ok.text;
}

TEST_F(ClientCaFlagTest, CertificateFromAnotherIssuerFailsTheHandshake) {
  Output stranger =
      Mariadb(port(), "app", "app",
              {"--ssl", "--ssl-cert=" + certs_->other_cert(), "--ssl-key=" + certs_->other_key()},
              "SELECT 1 AS one");
  EXPECT_NE(stranger.exit_code, 0) << stranger.text;
  // Refused by TLS, before any password was looked at.
  EXPECT_NE(stranger.text.find("ERROR 2026"), std::string::npos) << stranger.text;
  // The server's own certificate is not signed by the CA either.
  Output self = Mariadb(port(), "app", "app",
                        {"--ssl", "--ssl-cert=" + certs_->cert(), "--ssl-key=" + certs_->key()},
                        "SELECT 1 AS one");
  EXPECT_NE(self.exit_code, 0) << self.text;
}

TEST_F(ClientCaFlagTest, ClientsWithoutCertificateAreStillServed) {
  Output tls = Mariadb(port(), "app", "app", {"--ssl"}, "SELECT 1 AS one");
  EXPECT_EQ(tls.exit_code, 0) << tls.text;
  Output plain = Mariadb(port(), "app", "app", {"--skip-ssl"}, "SELECT 1 AS one");
  EXPECT_EQ(plain.exit_code, 0) << plain.text;
}

TEST_F(ClientCaFlagTest, UsersRequiringSslLogInOverTlsOnly) {
  Output plain = Mariadb(port(), "sslonly", "sslpw", {"--skip-ssl"}, "SELECT 1 AS one");
  EXPECT_NE(plain.exit_code, 0) << plain.text;
  EXPECT_NE(plain.text.find("ERROR 1045 (28000): Access denied for user 'sslonly'@'127.0.0.1' "
                            "(using password: YES)"),
            std::string::npos)
      << plain.text;
  Output tls = Mariadb(port(), "sslonly", "sslpw", {"--ssl"}, "SELECT 'over tls' AS x");
  EXPECT_EQ(tls.exit_code, 0) << tls.text;
  EXPECT_NE(tls.text.find("over tls"), std::string::npos) << tls.text;
  // The requirement does not hide a wrong password.
  Output wrong = Mariadb(port(), "sslonly", "bad", {"--ssl"}, "SELECT 1 AS one");
  EXPECT_NE(wrong.text.find("ERROR 1045 (28000)"), std::string::npos) << wrong.text;
}

TEST_F(ClientCaFlagTest, UsersRequiringX509PresentAVerifiedCertificate) {
  Output plain = Mariadb(port(), "certonly", "certpw", {"--skip-ssl"}, "SELECT 1 AS one");
  EXPECT_NE(plain.text.find("ERROR 1045 (28000)"), std::string::npos) << plain.text;
  Output no_cert = Mariadb(port(), "certonly", "certpw", {"--ssl"}, "SELECT 1 AS one");
  EXPECT_NE(no_cert.exit_code, 0) << no_cert.text;
  EXPECT_NE(no_cert.text.find("ERROR 1045 (28000)"), std::string::npos) << no_cert.text;
  Output with_cert =
      Mariadb(port(), "certonly", "certpw",
              {"--ssl", "--ssl-cert=" + ca_->client_cert(), "--ssl-key=" + ca_->client_key()},
              "SELECT 'certified' AS x");
  EXPECT_EQ(with_cert.exit_code, 0) << with_cert.text;
  EXPECT_NE(with_cert.text.find("certified"), std::string::npos) << with_cert.text;
}

TEST_F(ClientCaFlagTest, X509UserWithoutCaIsAStartupError) {
  const std::string config = ca_->Sub("x509-no-ca.yaml");
  FILE* f = std::fopen(config.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(("vtgate:\n  host: 127.0.0.1\n  port: 1\n  tls: {cert: " + certs_->cert() +
              ", key: " + certs_->key() +
              "}\nusers:\n  - name: app\n    password: app\n    require: x509\n"
              "keyspaces:\n  commerce:\n    sharded: false\n    tables:\n      product:\n"
              "    shards:\n      - name: \"0\"\n        tablet: {host: 127.0.0.1, port: 2}\n"
              "        mariadb: {host: 127.0.0.1, port: 3, server_id: 1}\n")
                 .c_str(),
             f);
  std::fclose(f);
  Output out =
      testing::Run({"timeout", "20", BinaryDir() + "/vtgate", "--config", config, "--port", "0"});
  EXPECT_EQ(out.exit_code, 1) << out.text;
  EXPECT_NE(out.text.find("user 'app' must present a client certificate, which needs a TLS CA "
                          "to verify it"),
            std::string::npos)
      << out.text;
}

TEST_F(ClientCaFlagTest, CaWithoutServerCertificateIsAStartupError) {
  // A config without TLS: vtgate must refuse to start rather than ignore the CA.
  const std::string config = ca_->Sub("no-tls.yaml");
  FILE* f = std::fopen(config.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(
      "vtgate:\n  host: 127.0.0.1\n  port: 1\nusers:\n  - name: app\n    password: app\n"
      "keyspaces:\n  commerce:\n    sharded: false\n    tables:\n      product:\n"
      "    shards:\n      - name: \"0\"\n        tablet: {host: 127.0.0.1, port: 2}\n"
      "        mariadb: {host: 127.0.0.1, port: 3, server_id: 1}\n",
      f);
  std::fclose(f);
  Output out = testing::Run({"timeout", "20", BinaryDir() + "/vtgate", "--config", config, "--port",
                             "0", "--tls-ca", ca_->ca()});
  EXPECT_EQ(out.exit_code, 1) << out.text;
  EXPECT_NE(out.text.find("a TLS CA for client certificates needs a TLS certificate and key"),
            std::string::npos)
      << out.text;
}

}  // namespace
}  // namespace tessera::testing
