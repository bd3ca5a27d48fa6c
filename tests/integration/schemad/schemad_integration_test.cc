// schemad against real MariaDB servers: a keyspace "customer" with shards -80
// and 80- on two private servers, the real schemad binary, and plain HTTP.
// Covers branch creation on every shard, isolation of branch and production
// data, the diff after an ALTER on the branch, delete refusals, 401s, the
// password endpoint, a schemad restart, and the tessera CLI verbs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "cli/local/mariadb_client.h"
#include "cli/local/mariadb_instance.h"
#include "cli/local/net_probe.h"
#include "cli/local/process.h"
#include "cli/local/temp_dir.h"
#include "tests/integration/support/http_call.h"
#include "tests/integration/support/run_shell.h"

namespace tessera {
namespace {

using nlohmann::json;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr const char* kToken = "integration-test-token-0123";

using testing::CommandResult;
using testing::HttpResult;
using testing::RunShell;

HttpResult Http(uint16_t port, const std::string& method, const std::string& target,
                const std::optional<json>& body = std::nullopt,
                const std::string& authorization = std::string("Bearer ") + kToken) {
  return testing::HttpCall(port, method, target, body, authorization);
}

// A HEAD request without a token: status, Content-Type and Content-Length.
struct HeadResult {
  unsigned status = 0;
  std::string content_type;
  std::string content_length;
};

HeadResult Head(uint16_t port, const std::string& target) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.connect(resolver.resolve("127.0.0.1", std::to_string(port)));
  http::request<http::empty_body> req{http::verb::head, target, 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // a HEAD response has no body, whatever Content-Length says
  http::read(stream, buffer, parser);
  HeadResult out;
  out.status = parser.get().result_int();
  out.content_type = std::string(parser.get()[http::field::content_type]);
  out.content_length = std::string(parser.get()[http::field::content_length]);
  return out;
}

using Rows = std::vector<std::vector<std::optional<std::string>>>;

class SchemadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new local::TempDir("tessera-schemad-");
    for (int i = 0; i < 2; ++i) {
      local::MariaDbInstanceOptions o;
      o.data_dir = dir_->Sub("shard" + std::to_string(i));
      o.server_id = 100 + i;
      auto db = std::make_unique<local::MariaDbInstance>(o);
      Status s = db->Initialize();
      if (s.ok()) s = db->Start();
      if (!s.ok()) {
        setup_error_ = "MariaDB " + std::to_string(i) + ": " + s.error().message;
        return;
      }
      auto client = local::MariaDbClient::Connect(db->Login());
      if (!client.ok()) {
        setup_error_ = client.error().message;
        return;
      }
      for (const char* sql :
           {"CREATE DATABASE vt_customer",
            "CREATE TABLE vt_customer.customer (customer_id BIGINT PRIMARY KEY, email "
            "VARCHAR(128))",
            "CREATE TABLE vt_customer.corder (order_id BIGINT AUTO_INCREMENT PRIMARY KEY, "
            "customer_id BIGINT, sku VARCHAR(128), price BIGINT)",
            "INSERT INTO vt_customer.corder (customer_id, sku, price) VALUES (1, 'a', 10)"}) {
        if (Status e = (*client)->Execute(sql); !e.ok()) {
          setup_error_ = std::string(sql) + ": " + e.error().message;
          return;
        }
      }
      servers_[i] = db.release();
    }
    auto ports = local::PickFreePorts(4);
    if (!ports.ok()) {
      setup_error_ = "no free port: " + ports.error().message;
      return;
    }
    const uint16_t* port = &(*ports)[0];
    const uint16_t* tablet1 = &(*ports)[1];
    const uint16_t* tablet2 = &(*ports)[2];
    const uint16_t* gate = &(*ports)[3];
    port_ = *port;
    config_path_ = dir_->Sub("cluster.yaml");
    std::ofstream(config_path_)
        << "vtgate: {host: 127.0.0.1, port: " << *gate << "}\n"
        << "schemad: {host: 127.0.0.1, port: " << port_ << ", token: " << kToken << "}\n"
        << "users: [{name: app, password: app}]\n"
        << "keyspaces:\n"
        << "  customer:\n"
        << "    sharded: true\n"
        << "    vindexes: {hash: {type: hash}}\n"
        << "    tables:\n"
        << "      customer: {column_vindexes: [{column: customer_id, vindex: hash}]}\n"
        << "      corder: {column_vindexes: [{column: customer_id, vindex: hash}]}\n"
        << "    shards:\n"
        << "      - {name: \"-80\", tablet: {port: " << *tablet1
        << "}, mariadb: {port: " << servers_[0]->port() << ", server_id: 100}}\n"
        << "      - {name: \"80-\", tablet: {port: " << *tablet2
        << "}, mariadb: {port: " << servers_[1]->port() << ", server_id: 101}}\n";
    setup_error_ = StartSchemad();
  }

  static void TearDownTestSuite() {
    StopSchemad();
    for (auto*& server : servers_) {
      delete server;
      server = nullptr;
    }
    delete dir_;
    dir_ = nullptr;
  }

  // "" on success.
  static std::string StartSchemad() {
    std::string log = dir_->Sub("schemad.log");
    auto pid = local::SpawnDetached(
        {std::string(TESSERA_BIN_DIR) + "/schemad", "--config", config_path_}, log);
    if (!pid.ok()) return pid.error().message;
    schemad_pid_ = *pid;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!local::IsProcessAlive(schemad_pid_)) return "schemad exited:\n" + local::FileTail(log);
      if (local::CanConnect("127.0.0.1", port_, std::chrono::milliseconds(200))) return "";
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "schemad did not listen:\n" + local::FileTail(log);
  }

  static void StopSchemad() {
    if (schemad_pid_ > 0) (void)local::StopProcess(schemad_pid_, std::chrono::seconds(10));
    schemad_pid_ = -1;
  }

  void SetUp() override { ASSERT_EQ(setup_error_, "") << setup_error_; }

  static Rows Query(int shard, const std::string& sql) {
    auto client = local::MariaDbClient::Connect(servers_[shard]->Login());
    EXPECT_TRUE(client.ok()) << client.error().message;
    if (!client.ok()) return {};
    auto rows = (*client)->Query(sql);
    EXPECT_TRUE(rows.ok()) << sql << ": " << rows.error().message;
    return rows.ok() ? *rows : Rows{};
  }

  static void Exec(int shard, const std::string& sql) {
    auto client = local::MariaDbClient::Connect(servers_[shard]->Login());
    ASSERT_TRUE(client.ok()) << client.error().message;
    Status s = (*client)->Execute(sql);
    ASSERT_TRUE(s.ok()) << sql << ": " << s.error().message;
  }

  static std::vector<std::string> Tables(int shard, const std::string& db) {
    std::vector<std::string> out;
    for (const auto& row :
         Query(shard, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" +
                          db + "' ORDER BY table_name"))
      out.push_back(row[0].value_or(""));
    return out;
  }

  static HttpResult CreateBranch(const std::string& name, const std::string& parent = "main") {
    return Http(port_, "POST", "/api/keyspaces/customer/branches",
                json{{"name", name}, {"parent", parent}});
  }

  static void ExpectError(const HttpResult& r, unsigned status, const std::string& code) {
    EXPECT_EQ(r.status, status) << r.raw;
    ASSERT_TRUE(r.body.is_object()) << r.raw;
    ASSERT_TRUE(r.body.contains("error")) << r.raw;
    EXPECT_EQ(r.body["error"]["code"], code) << r.raw;
    EXPECT_TRUE(r.body["error"]["message"].is_string()) << r.raw;
  }

  CommandResult Tessera(const std::string& args) {
    return RunShell(std::string(TESSERA_BIN_DIR) + "/tessera " + args + " --config " +
                    config_path_);
  }

  static inline local::TempDir* dir_ = nullptr;
  static inline local::MariaDbInstance* servers_[2] = {nullptr, nullptr};
  static inline std::string setup_error_;
  static inline std::string config_path_;
  static inline uint16_t port_ = 0;
  static inline pid_t schemad_pid_ = -1;
};

TEST_F(SchemadTest, UnauthorizedRequestsGet401Json) {
  ExpectError(Http(port_, "GET", "/api/keyspaces", std::nullopt, ""), 401, "unauthorized");
  ExpectError(Http(port_, "GET", "/api/keyspaces", std::nullopt, "Bearer wrong-token"), 401,
              "unauthorized");
  ExpectError(
      Http(port_, "DELETE", "/api/keyspaces/customer/branches/main", std::nullopt, "Basic abc"),
      401, "unauthorized");
  HttpResult ok = Http(port_, "GET", "/api/keyspaces");
  EXPECT_EQ(ok.status, 200u) << ok.raw;
  ASSERT_EQ(ok.body["keyspaces"].size(), 1u) << ok.raw;
  EXPECT_EQ(ok.body["keyspaces"][0]["name"], "customer");
  EXPECT_EQ(ok.body["keyspaces"][0]["shards"], json({"-80", "80-"}));
}

TEST_F(SchemadTest, ConsoleFilesAnswerHeadWithoutAToken) {
  HttpResult page = Http(port_, "GET", "/", std::nullopt, "");
  ASSERT_EQ(page.status, 200u);
  HeadResult head = Head(port_, "/");
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.content_type.rfind("text/html", 0), 0u) << head.content_type;
  EXPECT_EQ(head.content_length, std::to_string(page.raw.size()));
  EXPECT_EQ(Head(port_, "/console/no-such-file.js").status, 404u);
  // The API still wants its token.
  EXPECT_EQ(Head(port_, "/api/keyspaces").status, 401u);
}

TEST_F(SchemadTest, MainIsRegisteredAsProduction) {
  HttpResult r = Http(port_, "GET", "/api/keyspaces/customer/branches/main");
  ASSERT_EQ(r.status, 200u) << r.raw;
  EXPECT_EQ(r.body["production"], true);
  EXPECT_TRUE(r.body["parent"].is_null());
  EXPECT_EQ(r.body["database"], "vt_customer");
  EXPECT_GT(r.body["size_bytes"].get<uint64_t>(), 0u);
}

TEST_F(SchemadTest, CreateCopiesSchemaToEveryShardAndIsolatesData) {
  HttpResult created = CreateBranch("dev");
  ASSERT_EQ(created.status, 201u) << created.raw;
  EXPECT_EQ(created.body["name"], "dev");
  EXPECT_EQ(created.body["parent"], "main");
  EXPECT_EQ(created.body["production"], false);
  EXPECT_EQ(created.body["data_state"], "schema-only");
  EXPECT_EQ(created.body["database"], "vt_customer__dev");
  for (int shard = 0; shard < 2; ++shard) {
    EXPECT_EQ(Tables(shard, "vt_customer__dev"), Tables(shard, "vt_customer")) << shard;
    EXPECT_EQ(Tables(shard, "vt_customer__dev"), (std::vector<std::string>{"corder", "customer"}));
    // Schema only: production's rows are not copied.
    EXPECT_TRUE(Query(shard, "SELECT * FROM vt_customer__dev.corder").empty());
  }
  // Writes on the branch stay on the branch, and the other way round.
  Exec(0, "INSERT INTO vt_customer__dev.customer VALUES (7, 'branch@example.com')");
  EXPECT_TRUE(Query(0, "SELECT * FROM vt_customer.customer WHERE customer_id = 7").empty());
  Exec(1, "INSERT INTO vt_customer.customer VALUES (8, 'main@example.com')");
  EXPECT_TRUE(Query(1, "SELECT * FROM vt_customer__dev.customer WHERE customer_id = 8").empty());
  EXPECT_EQ(Query(0, "SELECT email FROM vt_customer__dev.customer WHERE customer_id = 7").size(),
            1u);

  HttpResult show = Http(port_, "GET", "/api/keyspaces/customer/branches/dev");
  ASSERT_EQ(show.status, 200u) << show.raw;
  ASSERT_EQ(show.body["base_schema"].size(), 2u) << show.raw;
  EXPECT_NE(show.body["base_schema"][0].get<std::string>().find("CREATE TABLE `corder`"),
            std::string::npos);
  // The AUTO_INCREMENT counter of production is not part of the schema.
  EXPECT_EQ(show.body["base_schema"][0].get<std::string>().find("AUTO_INCREMENT="),
            std::string::npos);
  EXPECT_EQ(show.body["shards"], json({"-80", "80-"}));

  HttpResult schema = Http(port_, "GET", "/api/keyspaces/customer/branches/dev/schema");
  ASSERT_EQ(schema.status, 200u) << schema.raw;
  EXPECT_EQ(schema.body["statements"], show.body["base_schema"]);

  HttpResult list = Http(port_, "GET", "/api/keyspaces/customer/branches");
  ASSERT_EQ(list.status, 200u) << list.raw;
  std::vector<std::string> names;
  for (const auto& b : list.body["branches"]) names.push_back(b["name"]);
  EXPECT_NE(std::find(names.begin(), names.end(), "dev"), names.end());
  EXPECT_EQ(names.front(), "main");
}

TEST_F(SchemadTest, CreateRefusals) {
  ExpectError(CreateBranch("Bad_Name"), 400, "invalid_argument");
  ExpectError(CreateBranch("main"), 409, "conflict");
  ExpectError(CreateBranch("x", "no-such-parent"), 404, "not_found");
  ExpectError(Http(port_, "POST", "/api/keyspaces/nope/branches", json{{"name", "x"}}), 404,
              "not_found");
  ASSERT_EQ(CreateBranch("twice").status, 201u);
  ExpectError(CreateBranch("twice"), 409, "conflict");
  ExpectError(Http(port_, "GET", "/api/keyspaces/customer/branches/ghost"), 404, "not_found");
}

TEST_F(SchemadTest, DiffShowsTheBranchAlter) {
  ASSERT_EQ(CreateBranch("add-phone").status, 201u);
  HttpResult same = Http(port_, "GET", "/api/keyspaces/customer/branches/add-phone/diff");
  ASSERT_EQ(same.status, 200u) << same.raw;
  EXPECT_TRUE(same.body["ddl"].empty()) << same.raw;
  for (int shard = 0; shard < 2; ++shard)
    Exec(shard, "ALTER TABLE vt_customer__add_phone.customer ADD COLUMN phone VARCHAR(32)");
  HttpResult diff = Http(port_, "GET", "/api/keyspaces/customer/branches/add-phone/diff");
  ASSERT_EQ(diff.status, 200u) << diff.raw;
  EXPECT_EQ(diff.body["parent"], "main");
  ASSERT_EQ(diff.body["ddl"].size(), 1u) << diff.raw;
  const std::string ddl = diff.body["ddl"][0];
  EXPECT_NE(ddl.find("ALTER TABLE `customer`"), std::string::npos) << ddl;
  EXPECT_NE(ddl.find("phone"), std::string::npos) << ddl;
  const std::string unified = diff.body["unified"];
  EXPECT_NE(unified.find("+  `phone`"), std::string::npos) << unified;

  CommandResult cli = Tessera("branch diff customer add-phone");
  EXPECT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_NE(cli.output.find("phone"), std::string::npos) << cli.output;
  EXPECT_EQ(cli.output.find("\033["), std::string::npos) << "no color when not a terminal";

  // Reset brings the branch back to main's schema.
  HttpResult reset = Http(port_, "POST", "/api/keyspaces/customer/branches/add-phone/reset");
  ASSERT_EQ(reset.status, 200u) << reset.raw;
  HttpResult after = Http(port_, "GET", "/api/keyspaces/customer/branches/add-phone/diff");
  ASSERT_EQ(after.status, 200u) << after.raw;
  EXPECT_TRUE(after.body["ddl"].empty()) << after.raw;
  ExpectError(Http(port_, "GET", "/api/keyspaces/customer/branches/main/diff"), 400,
              "invalid_argument");
}

TEST_F(SchemadTest, DeleteRefusalsAndDelete) {
  ExpectError(Http(port_, "DELETE", "/api/keyspaces/customer/branches/main"), 409, "conflict");
  ASSERT_EQ(CreateBranch("doomed").status, 201u);
  // An open deploy request holds the branch.
  Exec(0,
       "INSERT INTO _tessera.deploy_requests (keyspace, branch, into_branch, state, notes, ddl, "
       "created_at, updated_at) VALUES ('customer', 'doomed', 'main', 'open', '', '', NOW(), "
       "NOW())");
  HttpResult held = Http(port_, "DELETE", "/api/keyspaces/customer/branches/doomed");
  ExpectError(held, 409, "conflict");
  EXPECT_NE(held.body["error"]["message"].get<std::string>().find("deploy request"),
            std::string::npos);
  Exec(0, "UPDATE _tessera.deploy_requests SET state = 'closed' WHERE branch = 'doomed'");
  // A promoted branch is production and cannot be deleted either.
  ASSERT_EQ(CreateBranch("prod2").status, 201u);
  HttpResult promoted = Http(port_, "POST", "/api/keyspaces/customer/branches/prod2/promote");
  ASSERT_EQ(promoted.status, 200u) << promoted.raw;
  EXPECT_EQ(promoted.body["production"], true);
  ExpectError(Http(port_, "DELETE", "/api/keyspaces/customer/branches/prod2"), 409, "conflict");

  HttpResult deleted = Http(port_, "DELETE", "/api/keyspaces/customer/branches/doomed");
  ASSERT_EQ(deleted.status, 200u) << deleted.raw;
  for (int shard = 0; shard < 2; ++shard) {
    EXPECT_TRUE(Query(shard,
                      "SELECT 1 FROM information_schema.schemata WHERE schema_name = "
                      "'vt_customer__doomed'")
                    .empty())
        << shard;
  }
  ExpectError(Http(port_, "GET", "/api/keyspaces/customer/branches/doomed"), 404, "not_found");
}

TEST_F(SchemadTest, SafeMigrationsOnlyOnProduction) {
  ASSERT_EQ(CreateBranch("feature").status, 201u);
  ExpectError(Http(port_, "POST", "/api/keyspaces/customer/branches/feature/safe-migrations",
                   json{{"enabled", true}}),
              409, "conflict");
  HttpResult on = Http(port_, "POST", "/api/keyspaces/customer/branches/main/safe-migrations",
                       json{{"enabled", true}});
  ASSERT_EQ(on.status, 200u) << on.raw;
  EXPECT_EQ(on.body["safe_migrations"], true);
  HttpResult off = Http(port_, "POST", "/api/keyspaces/customer/branches/main/safe-migrations",
                        json{{"enabled", false}});
  EXPECT_EQ(off.body["safe_migrations"], false) << off.raw;
}

TEST_F(SchemadTest, PasswordStoresOnlyTheNativeHash) {
  ASSERT_EQ(CreateBranch("with-pw").status, 201u);
  HttpResult pw = Http(port_, "POST", "/api/keyspaces/customer/branches/with-pw/passwords",
                       json{{"role", "writer"}});
  ASSERT_EQ(pw.status, 201u) << pw.raw;
  const std::string user = pw.body["username"];
  const std::string password = pw.body["password"];
  EXPECT_EQ(user.rfind("with-pw-", 0), 0u) << user;
  EXPECT_LE(user.size(), 32u);
  EXPECT_EQ(password.size(), 40u);
  EXPECT_FALSE(pw.body.contains("password_hash"));
  Rows stored = Query(0,
                      "SELECT password_hash, role, branch FROM _tessera.credentials WHERE "
                      "username = '" +
                          user + "'");
  ASSERT_EQ(stored.size(), 1u);
  Rows expected = Query(0, "SELECT PASSWORD('" + password + "')");
  EXPECT_EQ(stored[0][0], expected[0][0]);
  EXPECT_EQ(stored[0][1].value_or(""), "writer");
  Rows plain = Query(
      0, "SELECT COUNT(*) FROM _tessera.credentials WHERE password_hash = '" + password + "'");
  EXPECT_EQ(plain[0][0].value_or(""), "0");
  ExpectError(Http(port_, "POST", "/api/keyspaces/customer/branches/with-pw/passwords",
                   json{{"role", "root"}}),
              400, "invalid_argument");

  CommandResult connect = Tessera("connect customer with-pw");
  EXPECT_EQ(connect.exit_code, 0) << connect.output;
  EXPECT_NE(connect.output.find("-u" + user), std::string::npos) << connect.output;
  EXPECT_NE(connect.output.find("mysql://" + user + "@127.0.0.1:"), std::string::npos)
      << connect.output;
  EXPECT_EQ(connect.output.find(password), std::string::npos);
}

TEST_F(SchemadTest, CliVerbs) {
  CommandResult create = Tessera("branch create customer cli-made");
  ASSERT_EQ(create.exit_code, 0) << create.output;
  CommandResult list = Tessera("branch list customer");
  ASSERT_EQ(list.exit_code, 0) << list.output;
  EXPECT_EQ(list.output.rfind("NAME", 0), 0u) << list.output;
  EXPECT_NE(list.output.find("cli-made"), std::string::npos) << list.output;
  CommandResult show = Tessera("branch show customer cli-made");
  EXPECT_EQ(show.exit_code, 0) << show.output;
  EXPECT_NE(show.output.find("parent:          main"), std::string::npos) << show.output;
  CommandResult refused = Tessera("branch delete customer main");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("production branch"), std::string::npos) << refused.output;
  CommandResult pw = Tessera("password create customer cli-made --role reader");
  EXPECT_EQ(pw.exit_code, 0) << pw.output;
  EXPECT_NE(pw.output.find("password: "), std::string::npos) << pw.output;
  CommandResult del = Tessera("branch delete customer cli-made");
  EXPECT_EQ(del.exit_code, 0) << del.output;
}

TEST_F(SchemadTest, ShardFailureNamesTheShardAndLeavesNothing) {
  ASSERT_TRUE(servers_[1]->Stop().ok());
  HttpResult r = CreateBranch("half");
  Status restarted = servers_[1]->Start();
  ASSERT_TRUE(restarted.ok()) << restarted.error().message;
  ExpectError(r, 500, "internal");
  EXPECT_NE(r.body["error"]["message"].get<std::string>().find("shard customer/80-"),
            std::string::npos)
      << r.raw;
  // The half-made branch is rolled back on the shard that worked, and forgotten.
  for (int shard = 0; shard < 2; ++shard) {
    EXPECT_TRUE(Query(shard,
                      "SELECT 1 FROM information_schema.schemata WHERE schema_name = "
                      "'vt_customer__half'")
                    .empty())
        << shard;
  }
  ExpectError(Http(port_, "GET", "/api/keyspaces/customer/branches/half"), 404, "not_found");
  EXPECT_EQ(CreateBranch("half").status, 201u);
}

// Last in the file: stops and restarts schemad.
TEST_F(SchemadTest, RestartKeepsBranches) {
  ASSERT_EQ(CreateBranch("durable").status, 201u);
  StopSchemad();
  CommandResult down = Tessera("branch list customer");
  EXPECT_NE(down.exit_code, 0);
  EXPECT_NE(down.output.find("schemad is not running at 127.0.0.1:" + std::to_string(port_) +
                             " — start the cluster with tessera up"),
            std::string::npos)
      << down.output;
  ASSERT_EQ(StartSchemad(), "");
  HttpResult r = Http(port_, "GET", "/api/keyspaces/customer/branches/durable");
  ASSERT_EQ(r.status, 200u) << r.raw;
  EXPECT_EQ(r.body["parent"], "main");
  EXPECT_EQ(r.body["base_schema"].size(), 2u);
  HttpResult list = Http(port_, "GET", "/api/keyspaces/customer/branches");
  size_t mains = 0;
  for (const auto& b : list.body["branches"]) mains += b["name"] == "main" ? 1 : 0;
  EXPECT_EQ(mains, 1u) << list.raw;
}

}  // namespace
}  // namespace tessera
