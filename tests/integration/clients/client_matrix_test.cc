// The client matrix: each driver applications use runs a script of its own
// (in this directory) against a real vtgate with real shards. The scripts
// check the values they get back (types, NULLs, dates, decimals, unicode),
// print what failed and exit non-zero on any mismatch; this test runs them
// and shows their output when they fail.
//
// Every script reads its target from the environment: TESSERA_HOST,
// TESSERA_PORT, TESSERA_USER, TESSERA_PASSWORD, TESSERA_KEYSPACE (the
// sharded keyspace "customer": customer(customer_id BIGINT PK, email
// VARCHAR(128)) and corder(order_id BIGINT PK, customer_id BIGINT, sku
// VARCHAR(128), price BIGINT), both sharded by customer_id) and
// TESSERA_UNSHARDED (keyspace "commerce": product(sku VARCHAR(128) PK,
// description VARCHAR(128), price BIGINT)). Each script uses its own id range
// and may create and drop its own tables. vtgate greets with
// caching_sha2_password.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/local/process.h"
#include "cli/local/temp_dir.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera {
namespace {

using testing::ExampleKeyspaces;
using testing::TestCluster;

class ClientMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TestCluster::ConfigExtras extras;
    extras.vtgate = "  default_auth_plugin: caching_sha2_password\n";
    auto cluster = TestCluster::Start(ExampleKeyspaces(), false, extras);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  // Runs `argv` with the target in the environment (plus `env`); returns the
  // exit code, with the output in `output`.
  int RunClient(std::vector<std::string> argv, std::string* output,
                const std::vector<std::string>& env = {}) {
    if (cluster_ == nullptr) return -1;
    auto env_binary = local::FindExecutable("env");
    if (!env_binary) return -1;
    std::vector<std::string> full = {*env_binary,
                                     "TESSERA_HOST=127.0.0.1",
                                     "TESSERA_PORT=" + std::to_string(cluster_->vtgate_port()),
                                     "TESSERA_USER=app",
                                     "TESSERA_PASSWORD=app",
                                     "TESSERA_KEYSPACE=customer",
                                     "TESSERA_UNSHARDED=commerce"};
    full.insert(full.end(), env.begin(), env.end());
    full.insert(full.end(), argv.begin(), argv.end());
    local::TempDir dir("tessera-client-");
    const std::string log = dir.Sub("client.log");
    auto code = local::RunAndWait(full, log);
    *output = local::FileTail(log, 200);
    return code.ok() ? *code : -1;
  }

  static std::string Script(const std::string& name) {
    return std::string(TESSERA_CLIENTS_DIR) + "/" + name;
  }

  static inline TestCluster* cluster_ = nullptr;
};

TEST_F(ClientMatrixTest, PyMySQL) {
  const std::string script = Script("pymysql_client.py");
  ASSERT_TRUE(std::filesystem::exists(script)) << script;
  std::string output;
  EXPECT_EQ(RunClient({"/usr/bin/python3", script}, &output), 0) << output;
  EXPECT_NE(output.find("pymysql: ok"), std::string::npos) << output;
}

TEST_F(ClientMatrixTest, PerlDbdMariaDb) {
  const std::string script = Script("dbd_mariadb_client.pl");
  ASSERT_TRUE(std::filesystem::exists(script)) << script;
  std::string output;
  EXPECT_EQ(RunClient({"/usr/bin/perl", script}, &output), 0) << output;
  EXPECT_NE(output.find("dbd-mariadb: ok"), std::string::npos) << output;
}

TEST_F(ClientMatrixTest, JavaConnectorJ) {
  const std::string script = Script("ConnectorJClient.java");
  ASSERT_TRUE(std::filesystem::exists(script)) << script;
  const std::string jar = "/usr/share/java/mariadb-java-client.jar";
  ASSERT_TRUE(std::filesystem::exists(jar)) << jar << " is missing: run scripts/install-deps.sh";
  auto java = local::FindExecutable("java");
  ASSERT_TRUE(java) << "java is missing: run scripts/install-deps.sh";
  std::string output;
  // Java runs a single source file directly.
  EXPECT_EQ(RunClient({*java, "-cp", jar, script}, &output), 0) << output;
  EXPECT_NE(output.find("connector-j: ok"), std::string::npos) << output;
}

TEST_F(ClientMatrixTest, NodeMysql2) {
  const std::string script = Script("node/mysql2_client.js");
  ASSERT_TRUE(std::filesystem::exists(script)) << script;
  const std::string project = TESSERA_CLIENTS_NODE_DIR;
  auto node = local::FindExecutable("node");
  auto npm = local::FindExecutable("npm");
  ASSERT_TRUE(node && npm) << "node and npm are missing: run scripts/install-deps.sh";
  if (!std::filesystem::exists(project + "/node_modules/mysql2")) {
    local::TempDir dir("tessera-npm-");
    const std::string log = dir.Sub("npm.log");
    auto installed = local::RunAndWait(
        {*npm, "ci", "--prefix", project, "--no-audit", "--no-fund", "--loglevel=error"}, log);
    ASSERT_TRUE(installed.ok()) << installed.error().message;
    ASSERT_EQ(*installed, 0) << "`npm ci` in " << project
                             << " failed (is the npm registry reachable?):\n"
                             << local::FileTail(log, 40);
  }
  std::string output;
  EXPECT_EQ(RunClient({*node, script}, &output, {"NODE_PATH=" + project + "/node_modules"}), 0)
      << output;
  EXPECT_NE(output.find("mysql2: ok"), std::string::npos) << output;
}

}  // namespace
}  // namespace tessera
