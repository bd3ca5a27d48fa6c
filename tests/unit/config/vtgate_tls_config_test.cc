// vtgate's TLS and authentication settings in the cluster config.
#include <gtest/gtest.h>

#include <string>

#include "config/loader.h"
#include "config/password_hash.h"

namespace tessera::config {
namespace {

std::string Config(const std::string& vtgate_extra) {
  return "vtgate:\n  port: 20000\n" + vtgate_extra +
         "users:\n  - {name: app, password: app}\n"
         "  - {name: ro, password_hash: \"*5BCB3E6AC345B435C7C2E6B7949A04CE6F6563D3\"}\n"
         "  - {name: nopass, password: \"\"}\n"
         "keyspaces:\n  main:\n    shards:\n      - name: \"0\"\n"
         "        tablet: {port: 20001}\n        mariadb: {port: 20002, server_id: 1}\n";
}

std::string ErrorOf(const std::string& yaml) {
  auto topo = ParseTopology(yaml, "/etc/tessera/t.yaml");
  return topo.ok() ? "" : topo.error().message;
}

TEST(VtgateTlsConfig, AbsentByDefault) {
  auto topo = ParseTopology(Config(""), "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_FALSE(topo->vtgate.tls.has_value());
  EXPECT_EQ(topo->vtgate.default_auth_plugin, "mysql_native_password");
  EXPECT_EQ(topo->vtgate.max_connections, 20000u);
}

TEST(VtgateTlsConfig, UsersMayBeLimitedToKeyspaces) {
  const std::string base = Config("");
  std::string yaml = base;
  yaml.replace(yaml.find("  - {name: nopass"), 0,
               "  - {name: limited, password: x, keyspaces: [main]}\n");
  auto topo = ParseTopology(yaml, "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_EQ(topo->users.at(2).name, "limited");
  EXPECT_EQ(topo->users.at(2).keyspaces, std::vector<std::string>{"main"});
  EXPECT_TRUE(topo->users.at(0).keyspaces.empty());

  std::string unknown = base;
  unknown.replace(unknown.find("  - {name: nopass"), 0,
                  "  - {name: limited, password: x, keyspaces: [main, other]}\n");
  EXPECT_EQ(ErrorOf(unknown),
            "/etc/tessera/t.yaml:6: user \"limited\": keyspace \"other\" is not a keyspace of "
            "this cluster");
  std::string empty = base;
  empty.replace(empty.find("  - {name: nopass"), 0,
                "  - {name: limited, password: x, keyspaces: []}\n");
  EXPECT_NE(ErrorOf(empty).find("keyspaces must not be empty"), std::string::npos);
}

TEST(VtgateTlsConfig, UsersMayRequireSslOrX509) {
  std::string yaml = Config("");
  yaml.replace(yaml.find("  - {name: nopass"), 0,
               "  - {name: secure, password: x, require: ssl}\n"
               "  - {name: certified, password: x, require: x509}\n"
               "  - {name: plain, password: x, require: none}\n");
  auto topo = ParseTopology(yaml, "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_EQ(topo->users.at(0).require, UserConfig::Require::kNone);
  EXPECT_EQ(topo->users.at(2).require, UserConfig::Require::kSsl);
  EXPECT_EQ(topo->users.at(3).require, UserConfig::Require::kX509);
  EXPECT_EQ(topo->users.at(4).require, UserConfig::Require::kNone);

  std::string bad = Config("");
  bad.replace(bad.find("  - {name: nopass"), 0, "  - {name: secure, password: x, require: tls}\n");
  EXPECT_EQ(ErrorOf(bad),
            "/etc/tessera/t.yaml:6: user \"secure\": require is \"none\", \"ssl\" or \"x509\", "
            "not \"tls\"");
}

TEST(VtgateTlsConfig, MaxConnections) {
  auto topo = ParseTopology(Config("  max_connections: 250\n"), "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_EQ(topo->vtgate.max_connections, 250u);
  EXPECT_NE(ErrorOf(Config("  max_connections: 0\n")).find("vtgate max_connections"),
            std::string::npos);
  EXPECT_NE(ErrorOf(Config("  max_connections: lots\n")).find("vtgate max_connections"),
            std::string::npos);
}

TEST(VtgateTlsConfig, MaxMemoryRows) {
  auto defaults = ParseTopology(Config(""), "t.yaml");
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_EQ(defaults->vtgate.max_memory_rows, 100000u);
  auto topo = ParseTopology(Config("  max_memory_rows: 500\n"), "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  EXPECT_EQ(topo->vtgate.max_memory_rows, 500u);
  EXPECT_NE(ErrorOf(Config("  max_memory_rows: 0\n")).find("vtgate max_memory_rows"),
            std::string::npos);
}

TEST(VtgateTlsConfig, PathsAreRelativeToTheConfigFile) {
  auto topo =
      ParseTopology(Config("  tls: {cert: certs/server.pem, key: /abs/key.pem, ca: ca.pem,\n"
                           "        require_secure_transport: true}\n"
                           "  default_auth_plugin: caching_sha2_password\n"),
                    "/etc/tessera/t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  ASSERT_TRUE(topo->vtgate.tls.has_value());
  EXPECT_EQ(topo->vtgate.tls->cert, "/etc/tessera/certs/server.pem");
  EXPECT_EQ(topo->vtgate.tls->key, "/abs/key.pem");
  EXPECT_EQ(topo->vtgate.tls->ca, "/etc/tessera/ca.pem");
  EXPECT_TRUE(topo->vtgate.tls->require_secure_transport);
  EXPECT_EQ(topo->vtgate.default_auth_plugin, "caching_sha2_password");
}

TEST(VtgateTlsConfig, ProblemsAreNamed) {
  EXPECT_EQ(ErrorOf(Config("  tls: {cert: c.pem}\n")),
            "/etc/tessera/t.yaml:3: vtgate tls: missing required key \"key\"");
  EXPECT_EQ(ErrorOf(Config("  tls: {key: k.pem}\n")),
            "/etc/tessera/t.yaml:3: vtgate tls: missing required key \"cert\"");
  EXPECT_EQ(ErrorOf(Config("  tls: {cert: c.pem, key: k.pem, crt: x}\n")),
            "/etc/tessera/t.yaml:3: vtgate tls: unknown key \"crt\" (expected one of: cert, key, "
            "ca, require_secure_transport)");
  EXPECT_EQ(ErrorOf(Config("  tls: {cert: c.pem, key: k.pem, require_secure_transport: maybe}\n")),
            "/etc/tessera/t.yaml:3: vtgate tls require_secure_transport must be true or false, "
            "not \"maybe\"");
  EXPECT_EQ(ErrorOf(Config("  tls: {cert: \"\", key: k.pem}\n")),
            "/etc/tessera/t.yaml:3: vtgate tls cert must not be empty");
  EXPECT_EQ(ErrorOf(Config("  tls: on\n")), "/etc/tessera/t.yaml:3: vtgate tls must be a mapping");
  EXPECT_EQ(ErrorOf(Config("  default_auth_plugin: sha256_password\n")),
            "/etc/tessera/t.yaml:3: vtgate default_auth_plugin must be mysql_native_password or "
            "caching_sha2_password, not \"sha256_password\"");
}

TEST(VtgateTlsConfig, PlainPasswordsAlsoGiveTheCachingSha2Digest) {
  auto topo = ParseTopology(Config(""), "t.yaml");
  ASSERT_TRUE(topo.ok()) << topo.error().message;
  ASSERT_EQ(topo->users.size(), 3u);
  EXPECT_EQ(topo->users[0].caching_sha2_digest, CachingSha2Digest("app"));
  EXPECT_EQ(topo->users[0].caching_sha2_digest.size(), 32u);
  EXPECT_TRUE(topo->users[1].caching_sha2_digest.empty());  // only a native hash given
  EXPECT_TRUE(topo->users[2].caching_sha2_digest.empty());  // no password
}

}  // namespace
}  // namespace tessera::config
