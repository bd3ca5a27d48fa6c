// The schemad web console end to end: a real cluster with schemad
// (TestCluster), the console's files served without the token, and the
// browser flow of console.spec.mjs (branch, diff, deploy request, deploy,
// progress) in headless Chromium driven by playwright-core under node.
//
// The node project is copied into the build tree by CMake
// (TESSERA_CONSOLE_E2E_DIR); its node_modules are installed there with
// `npm ci` on the first run. A missing node, npm or Chromium, or an install
// that fails (for example offline), fails the test: it never skips.
// Screenshots go to $TESSERA_E2E_OUT, or to <build>/tests/e2e/console/out.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "cli/local/process.h"
#include "cli/local/temp_dir.h"
#include "tests/integration/support/test_cluster.h"

namespace tessera {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using testing::TestCluster;

constexpr const char* kChromium = "/usr/bin/chromium";

struct HttpReply {
  unsigned status = 0;
  std::string content_type;
  std::string cache_control;
  std::string body;
};

HttpReply Get(uint16_t port, const std::string& target, const std::string& authorization = "") {
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!authorization.empty()) req.set(http::field::authorization, authorization);
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  return {res.result_int(), std::string(res[http::field::content_type]),
          std::string(res[http::field::cache_control]), res.body()};
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Whether `project`'s node_modules hold the playwright-core its lock file names.
bool PlaywrightInstalled(const std::string& project) {
  auto lock = nlohmann::json::parse(ReadFile(project + "/package-lock.json"), nullptr, false);
  auto installed = nlohmann::json::parse(
      ReadFile(project + "/node_modules/playwright-core/package.json"), nullptr, false);
  if (lock.is_discarded() || installed.is_discarded()) return false;
  auto wanted = lock["packages"]["node_modules/playwright-core"]["version"];
  return wanted.is_string() && installed["version"] == wanted;
}

class ConsoleE2eTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cluster = TestCluster::Start(testing::ExampleKeyspaces(), /*with_schemad=*/true);
    ASSERT_TRUE(cluster.ok()) << cluster.error().message;
    cluster_ = std::move(cluster).value().release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(cluster_, nullptr); }

  // The customer shards' direct MariaDB logins, as console.spec.mjs reads them.
  static std::string ShardsJson() {
    nlohmann::json shards = nlohmann::json::array();
    for (const auto& shard : cluster_->shards()) {
      auto login = shard.mariadb->Login();
      shards.push_back({{"keyspace", shard.keyspace},
                        {"shard", shard.name},
                        {"host", login.host},
                        {"port", login.port},
                        {"user", login.user},
                        {"password", login.password}});
    }
    return shards.dump();
  }

  static TestCluster* cluster_;
};

TestCluster* ConsoleE2eTest::cluster_ = nullptr;

TEST_F(ConsoleE2eTest, ServesConsoleFilesWithoutTokenAndKeepsApiBehindIt) {
  const uint16_t port = cluster_->schemad_port();
  for (const char* page : {"/", "/index.html", "/console/", "/?from=bookmark"}) {
    HttpReply index = Get(port, page);
    EXPECT_EQ(index.status, 200u) << page;
    EXPECT_EQ(index.content_type, "text/html; charset=utf-8") << page;
    EXPECT_EQ(index.cache_control, "no-cache") << page;
    EXPECT_NE(index.body.find("/console/app.js"), std::string::npos) << page;
  }
  for (const char* module : {"/console/app.js", "/console/api.js", "/console/dom.js",
                             "/console/routes.js", "/console/deploy_request_page.js"}) {
    HttpReply script = Get(port, module);
    EXPECT_EQ(script.status, 200u) << module;
    EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8") << module;
  }
  EXPECT_NE(Get(port, "/console/api.js").body.find("Authorization"), std::string::npos);
  HttpReply style = Get(port, "/console/style.css");
  EXPECT_EQ(style.status, 200u);
  EXPECT_EQ(style.content_type, "text/css; charset=utf-8");

  HttpReply missing = Get(port, "/console/nope.js");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_NE(missing.body.find("\"not_found\""), std::string::npos) << missing.body;

  // The API still needs the token.
  EXPECT_EQ(Get(port, "/api/keyspaces").status, 401u);
  EXPECT_EQ(Get(port, "/api/keyspaces", std::string("Bearer ") + TestCluster::kSchemadToken).status,
            200u);
}

TEST_F(ConsoleE2eTest, BranchDiffAndDeployRequestInHeadlessChromium) {
  const std::string project = TESSERA_CONSOLE_E2E_DIR;
  auto node = local::FindExecutable("node");
  auto npm = local::FindExecutable("npm");
  auto env = local::FindExecutable("env");
  ASSERT_TRUE(node && npm && env)
      << "node and npm are needed for the console test: run scripts/install-deps.sh";
  const char* chromium_override = std::getenv("TESSERA_CHROMIUM");
  const std::string chromium = chromium_override != nullptr ? chromium_override : kChromium;
  ASSERT_TRUE(std::filesystem::exists(chromium))
      << chromium << " is missing: install Debian's chromium (scripts/install-deps.sh)";

  local::TempDir logs("tessera-console-e2e-");
  if (!PlaywrightInstalled(project)) {
    const std::string log = logs.Sub("npm.log");
    auto installed = local::RunAndWait(
        {*npm, "ci", "--prefix", project, "--no-audit", "--no-fund", "--loglevel=error"}, log);
    ASSERT_TRUE(installed.ok()) << installed.error().message;
    ASSERT_EQ(*installed, 0)
        << "`npm ci` in " << project
        << " failed, so playwright-core is not installed (is the npm registry reachable?):\n"
        << local::FileTail(log, 40);
  }

  const char* out_override = std::getenv("TESSERA_E2E_OUT");
  const std::string out = out_override != nullptr ? out_override : TESSERA_CONSOLE_E2E_OUT;
  std::filesystem::create_directories(out);
  const std::string log = logs.Sub("console.spec.log");
  std::vector<std::string> argv = {
      *env,
      "TESSERA_SCHEMAD_URL=http://127.0.0.1:" + std::to_string(cluster_->schemad_port()),
      std::string("TESSERA_SCHEMAD_TOKEN=") + TestCluster::kSchemadToken,
      "TESSERA_VTGATE_PORT=" + std::to_string(cluster_->vtgate_port()),
      "TESSERA_CONFIG=" + cluster_->config_path(),
      "TESSERA_SHARDS=" + ShardsJson(),
      "TESSERA_CHROMIUM=" + chromium,
      "TESSERA_E2E_OUT=" + out,
      *node,
      project + "/console.spec.mjs"};
  auto exit_code = local::RunAndWait(argv, log);
  ASSERT_TRUE(exit_code.ok()) << exit_code.error().message;
  const std::string output = ReadFile(log);
  std::cout << output;
  EXPECT_EQ(*exit_code, 0) << "console.spec.mjs failed:\n"
                           << output << "\nschemad log:\n"
                           << cluster_->LogTail("schemad");
}

}  // namespace
}  // namespace tessera
