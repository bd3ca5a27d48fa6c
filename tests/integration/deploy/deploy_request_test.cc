// Deploy requests end to end with real processes (deploy_request_fixture.h):
// everything goes through schemad's HTTP API, the tessera CLI and the MySQL
// protocol.
//
// A writer thread inserts and updates customer rows through vtgate while the
// deploy and the revert run; it remembers every row it committed, and after
// each step every shard's rows must equal what it committed: nothing lost,
// nothing stale, nothing extra.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "tests/integration/deploy/deploy_request_fixture.h"
#include "tests/integration/support/gate_client.h"

namespace tessera::deploy_it {
namespace {

constexpr const char* kStatusDdl =
    "ALTER TABLE `customer` ADD COLUMN `status` varchar(20) DEFAULT 'active', "
    "ADD KEY `email_idx` (`email`)";

// Inserts new customers and updates existing ones through vtgate, one
// autocommit statement at a time, and records what each successful
// statement committed.
class Writer {
 public:
  Writer(uint16_t gate_port, Rows* committed, std::mutex* mutex, long long first_id)
      : gate_port_(gate_port), committed_(committed), mutex_(mutex), next_id_(first_id) {}
  ~Writer() { Stop(); }

  void Start() {
    stop_ = false;
    thread_ = std::thread([this] { Loop(); });
  }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  uint64_t writes() const { return writes_; }
  uint64_t failures() const { return failures_; }
  std::string last_error() const {
    std::lock_guard lock(*mutex_);
    return last_error_;
  }

 private:
  void Loop() {
    testing::GateClient gate(gate_port_, "app", "app", "customer");
    if (!gate.connected()) {
      std::lock_guard lock(*mutex_);
      last_error_ = "cannot connect to vtgate: " + gate.error();
      ++failures_;
      return;
    }
    std::mt19937 rng(7);
    while (!stop_) {
      std::string sql;
      long long id = 0;
      std::string email = "u" + std::to_string(writes_ + failures_) + "-" +
                          std::to_string(rng() % 100000) + "@example.com";
      bool insert = false;
      {
        std::lock_guard lock(*mutex_);
        insert = committed_->empty() || rng() % 3 == 0;
        if (insert) {
          id = next_id_++;
        } else {
          // A random committed row: the first at or after a random key.
          long long low = committed_->begin()->first;
          long long high = committed_->rbegin()->first;
          auto it = committed_->lower_bound(
              low + static_cast<long long>(rng() % static_cast<uint64_t>(high - low + 1)));
          if (it == committed_->end()) it = committed_->begin();
          id = it->first;
        }
      }
      sql = insert ? "INSERT INTO customer (customer_id, email) VALUES (" + std::to_string(id) +
                         ", '" + email + "')"
                   : "UPDATE customer SET email = '" + email +
                         "' WHERE customer_id = " + std::to_string(id);
      if (gate.Exec(sql)) {
        std::lock_guard lock(*mutex_);
        (*committed_)[id] = email;
        ++writes_;
      } else {
        std::lock_guard lock(*mutex_);
        last_error_ = gate.error();
        ++failures_;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  }

  uint16_t gate_port_;
  Rows* committed_;
  std::mutex* mutex_;
  long long next_id_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> writes_{0};
  std::atomic<uint64_t> failures_{0};
  std::string last_error_;
  std::thread thread_;
};

TEST_F(DeployRequestTest, DeployUnderWritesThenRevertKeepsEveryRow) {
  CreateBranch("add-status");
  const std::string db = BranchDatabase("add-status");
  OnEveryShard("ALTER TABLE " + db + ".customer ADD COLUMN status varchar(20) DEFAULT 'active'");
  OnEveryShard("CREATE INDEX email_idx ON " + db + ".customer (email)");
  const auto main_before = MainCreateTable("customer");
  ASSERT_EQ(main_before.size(), 2u);

  long long id = OpenRequest(json{{"branch", "add-status"}, {"notes", "status column"}});
  ASSERT_GT(id, 0);
  auto shown = Api("GET", RequestPath(id));
  ASSERT_EQ(shown.status, 200u) << shown.raw;
  const json& dr = shown.body;
  EXPECT_EQ(dr["state"], "open");
  EXPECT_EQ(dr["branch"], "add-status");
  EXPECT_EQ(dr["into"], "main");
  EXPECT_EQ(dr["notes"], "status column");
  EXPECT_EQ(dr["ddl"], json::array({kStatusDdl}));
  EXPECT_EQ(dr["tables"], json::array({"customer"}));
  EXPECT_EQ(dr["lint"], json::array()) << dr["lint"].dump();
  EXPECT_EQ(dr["deployable"], true) << dr["blockers"].dump();
  EXPECT_EQ(dr["conflicts"], json::array());
  const std::string unified = dr.value("unified", "");
  EXPECT_NE(unified.find("--- a/customer"), std::string::npos) << unified;
  EXPECT_NE(unified.find("+  `status` varchar(20) DEFAULT 'active',"), std::string::npos)
      << unified;
  EXPECT_NE(unified.find("+  KEY `email_idx` (`email`)"), std::string::npos) << unified;
  // Main is untouched by opening the request.
  EXPECT_EQ(MainCreateTable("customer"), main_before);

  // Listed.
  auto list = Api("GET", "/deploy-requests");
  ASSERT_EQ(list.status, 200u);
  ASSERT_EQ(list.body["deploy_requests"].size(), 1u);
  EXPECT_EQ(list.body["deploy_requests"][0]["id"], id);

  std::mutex mutex;
  Rows committed = Seed(1, 30000);
  Writer writer(cluster_->vtgate_port(), &committed, &mutex, 100000);
  writer.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  auto deployed = Api("POST", RequestPath(id, "deploy"));
  ASSERT_EQ(deployed.status, 200u) << deployed.raw;
  EXPECT_TRUE(deployed.body["state"] == "queued" || deployed.body["state"] == "running")
      << deployed.body["state"];
  ASSERT_EQ(deployed.body["shards"].size(), 2u) << deployed.body.dump(2);

  json done = WaitForState(id, {"complete"});
  ASSERT_EQ(done["state"], "complete");
  EXPECT_EQ(done["revertible"], true);
  EXPECT_FALSE(done["revert_window_ends"].is_null());
  EXPECT_EQ(done["progress"], 100);
  ASSERT_EQ(done["shards"].size(), 2u);
  for (const auto& shard : done["shards"]) {
    EXPECT_EQ(shard["state"], "complete") << shard.dump();
    EXPECT_EQ(shard["progress"], 100);
    ASSERT_EQ(shard["migrations"].size(), 1u);
    EXPECT_EQ(shard["migrations"][0]["ddl"], kStatusDdl);
    EXPECT_EQ(shard["migrations"][0]["table"], "customer");
  }
  // Some writes land after the cut-over too.
  std::this_thread::sleep_for(seconds(1));
  writer.Stop();
  EXPECT_GT(writer.writes(), 50u) << writer.last_error();
  std::cout << "writes during the deploy: " << writer.writes() << " committed, "
            << writer.failures() << " failed\n";
  for (const auto& create : MainCreateTable("customer")) {
    EXPECT_NE(create.find("`status` varchar(20) DEFAULT 'active'"), std::string::npos) << create;
    EXPECT_NE(create.find("KEY `email_idx` (`email`)"), std::string::npos) << create;
  }
  {
    std::lock_guard lock(mutex);
    ExpectRowsEqual(committed, "after deploy");
  }

  // Revert within the window while writing again: rows written between the
  // deploy and the revert must survive the revert.
  Writer writer2(cluster_->vtgate_port(), &committed, &mutex, 200000);
  writer2.Start();
  std::this_thread::sleep_for(seconds(1));
  auto reverting = Api("POST", RequestPath(id, "revert"));
  ASSERT_EQ(reverting.status, 200u) << reverting.raw;
  EXPECT_EQ(reverting.body["state"], "reverting");
  json reverted = WaitForState(id, {"reverted"});
  ASSERT_EQ(reverted["state"], "reverted");
  ASSERT_EQ(reverted["revert_shards"].size(), 2u) << reverted.dump(2);
  for (const auto& shard : reverted["revert_shards"]) EXPECT_EQ(shard["state"], "complete");
  for (const auto& shard : reverted["shards"]) EXPECT_EQ(shard["state"], "reverted");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  writer2.Stop();
  EXPECT_GT(writer2.writes(), 20u) << writer2.last_error();
  std::cout << "writes during the revert: " << writer2.writes() << " committed, "
            << writer2.failures() << " failed; " << committed.size() << " customers\n";
  EXPECT_EQ(MainCreateTable("customer"), main_before);
  {
    std::lock_guard lock(mutex);
    ExpectRowsEqual(committed, "after revert");
  }
  // Reverted is final.
  auto again = Api("POST", RequestPath(id, "revert"));
  EXPECT_EQ(again.status, 409u);
  EXPECT_NE(ErrorMessage(again).find("it is reverted"), std::string::npos) << again.raw;
}

TEST_F(DeployRequestTest, DisabledAutoApplyWaitsForApplyAndRefusesInvalidTransitions) {
  CreateBranch("add-phone");
  OnEveryShard("ALTER TABLE " + BranchDatabase("add-phone") +
               ".customer ADD COLUMN phone varchar(20)");
  Seed(500000, 500);
  const auto main_before = MainCreateTable("customer");
  long long id = OpenRequest(json{{"branch", "add-phone"}, {"auto_apply", false}});
  ASSERT_GT(id, 0);

  // A second request for the same branch is refused while this one is open.
  auto twice = Api("POST", "/deploy-requests", json{{"branch", "add-phone"}});
  EXPECT_EQ(twice.status, 409u) << twice.raw;

  // Invalid transitions of an open request name its state.
  for (const char* action : {"apply", "revert", "skip-revert", "cancel"}) {
    auto r = Api("POST", RequestPath(id, action));
    EXPECT_EQ(r.status, 409u) << action << ": " << r.raw;
    EXPECT_EQ(r.body["error"]["code"], "conflict");
    EXPECT_NE(ErrorMessage(r).find("it is open"), std::string::npos) << ErrorMessage(r);
  }
  auto early_force = Api("POST", RequestPath(id, "apply"), json{{"force", true}});
  EXPECT_EQ(early_force.status, 409u) << early_force.raw;
  EXPECT_NE(ErrorMessage(early_force).find("force-cutover needs running or pending_cutover"),
            std::string::npos)
      << ErrorMessage(early_force);
  // Reviews: a comment, then an approval.
  auto comment = Api("POST", RequestPath(id, "review"), json{{"comment", "looks fine"}});
  ASSERT_EQ(comment.status, 200u) << comment.raw;
  EXPECT_EQ(comment.body["state"], "open");
  auto approve = Api("POST", RequestPath(id, "review"), json{{"approve", true}});
  ASSERT_EQ(approve.status, 200u) << approve.raw;
  EXPECT_EQ(approve.body["state"], "approved");
  EXPECT_EQ(approve.body["reviews"].size(), 2u);

  auto deployed = Api("POST", RequestPath(id, "deploy"));
  ASSERT_EQ(deployed.status, 200u) << deployed.raw;
  json waiting = WaitForState(id, {"pending_cutover"});
  ASSERT_EQ(waiting["state"], "pending_cutover");
  for (const auto& shard : waiting["shards"]) EXPECT_EQ(shard["state"], "ready_to_complete");
  // Nothing cut over yet, however long it waits.
  std::this_thread::sleep_for(seconds(2));
  EXPECT_EQ(Api("GET", RequestPath(id)).body["state"], "pending_cutover");
  EXPECT_EQ(MainCreateTable("customer"), main_before);
  auto deploy_again = Api("POST", RequestPath(id, "deploy"));
  EXPECT_EQ(deploy_again.status, 409u);
  EXPECT_NE(ErrorMessage(deploy_again).find("it is pending_cutover"), std::string::npos);
  auto close = Api("POST", RequestPath(id, "close"));
  EXPECT_EQ(close.status, 409u);

  // The keyspace's queue is serial: another request waits behind this one.
  CreateBranch("order-index");
  OnEveryShard("CREATE INDEX sku_idx ON " + BranchDatabase("order-index") + ".corder (sku)");
  long long second = OpenRequest(json{{"branch", "order-index"}});
  ASSERT_GT(second, 0);
  auto queued = Api("POST", RequestPath(second, "deploy"));
  ASSERT_EQ(queued.status, 200u) << queued.raw;
  std::this_thread::sleep_for(seconds(1));
  auto behind = Api("GET", RequestPath(second));
  EXPECT_EQ(behind.body["state"], "queued");
  EXPECT_EQ(behind.body["message"], "queued behind deploy request " + std::to_string(id));

  // Forced: FORCE_CUTOVER on every shard (the plain apply is exercised by
  // SchemadRestartMidDeployResumes and the CLI test).
  auto applied = Api("POST", RequestPath(id, "apply"), json{{"force", true}});
  ASSERT_EQ(applied.status, 200u) << applied.raw;
  EXPECT_EQ(applied.body["message"], "forcing the cut-over on every shard") << applied.raw;
  json done = WaitForState(id, {"complete"});
  ASSERT_EQ(done["state"], "complete");
  for (const auto& create : MainCreateTable("customer"))
    EXPECT_NE(create.find("`phone` varchar(20)"), std::string::npos) << create;
  json second_done = WaitForState(second, {"complete"});
  ASSERT_EQ(second_done["state"], "complete");
  for (const auto& create : MainCreateTable("corder"))
    EXPECT_NE(create.find("KEY `sku_idx` (`sku`)"), std::string::npos) << create;

  // Skip-revert closes the window; a revert afterwards is refused.
  auto skipped = Api("POST", RequestPath(id, "skip-revert"));
  ASSERT_EQ(skipped.status, 200u) << skipped.raw;
  EXPECT_EQ(skipped.body["state"], "closed");
  auto revert = Api("POST", RequestPath(id, "revert"));
  EXPECT_EQ(revert.status, 409u);
  EXPECT_NE(ErrorMessage(revert).find("it is closed"), std::string::npos) << revert.raw;

  // The branch now matches production: a new request has nothing to deploy.
  auto again = Api("POST", "/deploy-requests", json{{"branch", "add-phone"}});
  ASSERT_EQ(again.status, 201u) << again.raw;
  EXPECT_EQ(again.body["deployable"], false);
  EXPECT_EQ(again.body["blockers"],
            json::array({"branch add-phone has no schema changes to deploy"}));
}

TEST_F(DeployRequestTest, ConflictsBlockAndCloseEndsARequest) {
  CreateBranch("touch-both");
  const std::string db = BranchDatabase("touch-both");
  OnEveryShard("ALTER TABLE " + db + ".customer ADD COLUMN nickname varchar(20)");
  OnEveryShard("ALTER TABLE " + db + ".corder ADD COLUMN note varchar(20)");
  // Main changes customer behind the branch's back, and adds a table the
  // branch does not know.
  OnEveryShard("ALTER TABLE customer ADD COLUMN loyalty int");
  OnEveryShard("CREATE TABLE audit (id bigint PRIMARY KEY)");
  long long id = OpenRequest(json{{"branch", "touch-both"}});
  ASSERT_GT(id, 0);
  auto shown = Api("GET", RequestPath(id));
  ASSERT_EQ(shown.status, 200u);
  EXPECT_EQ(shown.body["deployable"], false);
  EXPECT_EQ(shown.body["conflicts"], json::array({"customer"}));
  // The diff never undoes main's own change (no DROP TABLE audit).
  for (const auto& ddl : shown.body["ddl"])
    EXPECT_EQ(ddl.get<std::string>().find("audit"), std::string::npos) << ddl;
  auto deploy = Api("POST", RequestPath(id, "deploy"));
  EXPECT_EQ(deploy.status, 409u);
  EXPECT_NE(ErrorMessage(deploy).find("table customer changed on main since branch touch-both"),
            std::string::npos)
      << deploy.raw;

  // Put main back: the conflict is gone.
  OnEveryShard("ALTER TABLE customer DROP COLUMN loyalty");
  EXPECT_EQ(Api("GET", RequestPath(id)).body["deployable"], true);

  auto closed = Api("POST", RequestPath(id, "close"));
  ASSERT_EQ(closed.status, 200u) << closed.raw;
  EXPECT_EQ(closed.body["state"], "closed");
  // Cancel before the cut-over: main keeps its schema.
  CreateBranch("cancel-me");
  OnEveryShard("ALTER TABLE " + BranchDatabase("cancel-me") + ".corder ADD COLUMN gone int");
  long long doomed = OpenRequest(json{{"branch", "cancel-me"}, {"auto_apply", false}});
  ASSERT_GT(doomed, 0);
  ASSERT_EQ(Api("POST", RequestPath(doomed, "deploy")).status, 200u);
  ASSERT_EQ(WaitForState(doomed, {"pending_cutover"})["state"], "pending_cutover");
  auto cancelled = Api("POST", RequestPath(doomed, "cancel"));
  ASSERT_EQ(cancelled.status, 200u) << cancelled.raw;
  EXPECT_EQ(cancelled.body["state"], "cancelled");
  for (const auto& shard : cancelled.body["shards"]) EXPECT_EQ(shard["state"], "cancelled");
  auto twice = Api("POST", RequestPath(doomed, "cancel"));
  EXPECT_EQ(twice.status, 409u);
  EXPECT_NE(ErrorMessage(twice).find("it is cancelled"), std::string::npos) << twice.raw;
  std::this_thread::sleep_for(seconds(1));
  for (const auto& create : MainCreateTable("corder"))
    EXPECT_EQ(create.find("`gone`"), std::string::npos) << create;

  auto late = Api("POST", RequestPath(id, "deploy"));
  EXPECT_EQ(late.status, 409u);
  EXPECT_NE(ErrorMessage(late).find("it is closed"), std::string::npos);
  EXPECT_EQ(Api("GET", RequestPath(9999)).status, 404u);
  EXPECT_EQ(Api("GET", "/deploy-requests/abc").status, 404u);
  EXPECT_EQ(Api("POST", "/deploy-requests", json{{"branch", "main"}}).status, 400u);
  EXPECT_EQ(Api("POST", "/deploy-requests", json{{"branch", "nope"}}).status, 404u);
}

TEST_F(DeployRequestTest, SchemadRestartMidDeployResumes) {
  // Enough rows that the copy takes a while, and a postponed cut-over so the
  // request is certainly unfinished when schemad dies.
  OnEveryShard(
      "INSERT INTO corder (order_id, customer_id, sku, price) SELECT seq, seq % 1000, "
      "CONCAT('sku-', seq), seq FROM seq_1_to_300000");
  CreateBranch("add-note");
  OnEveryShard("ALTER TABLE " + BranchDatabase("add-note") +
               ".corder ADD COLUMN note varchar(32) DEFAULT 'n'");
  long long id = OpenRequest(json{{"branch", "add-note"}, {"auto_apply", false}});
  ASSERT_GT(id, 0);
  auto deployed = Api("POST", RequestPath(id, "deploy"));
  ASSERT_EQ(deployed.status, 200u) << deployed.raw;
  json running = WaitForState(id, {"running", "pending_cutover"});
  ASSERT_TRUE(running["state"] == "running" || running["state"] == "pending_cutover");

  // Crash while the migrations run; the next schemad finds them in the store
  // and keeps polling the tablets.
  StopSchemad(/*kill=*/true);
  std::this_thread::sleep_for(seconds(1));
  ASSERT_EQ(StartSchemad(), "");
  json waiting = WaitForState(id, {"pending_cutover"});
  ASSERT_EQ(waiting["state"], "pending_cutover") << Log();
  for (const auto& create : MainCreateTable("corder"))
    EXPECT_EQ(create.find("`note`"), std::string::npos) << create;

  // And once more while it waits for the cut-over.
  StopSchemad(/*kill=*/true);
  ASSERT_EQ(StartSchemad(), "");
  EXPECT_EQ(Api("GET", RequestPath(id)).body["state"], "pending_cutover");
  auto applied = Api("POST", RequestPath(id, "apply"));
  ASSERT_EQ(applied.status, 200u) << applied.raw;
  json done = WaitForState(id, {"complete"});
  ASSERT_EQ(done["state"], "complete") << Log();
  for (const auto& create : MainCreateTable("corder"))
    EXPECT_NE(create.find("`note` varchar(32) DEFAULT 'n'"), std::string::npos) << create;
  // The revert window ends by itself: the request closes, revert is refused.
  json closed = WaitForState(id, {"closed"}, seconds(kRevertWindowSeconds + 30));
  ASSERT_EQ(closed["state"], "closed");
  EXPECT_NE(closed.value("message", "").find("revert window ended"), std::string::npos)
      << closed.dump();
  auto revert = Api("POST", RequestPath(id, "revert"));
  EXPECT_EQ(revert.status, 409u) << revert.raw;
  for (const auto& [shard, row] : FirstRowOnEveryShard("SELECT COUNT(*) FROM corder"))
    EXPECT_EQ(row, std::vector<std::string>{"300000"}) << shard;
}

TEST_F(DeployRequestTest, CliVerbs) {
  CreateBranch("cli-flag");
  OnEveryShard("ALTER TABLE " + BranchDatabase("cli-flag") +
               ".customer ADD COLUMN flagged tinyint(1) NOT NULL DEFAULT 0");
  auto tessera = [](const std::string& args) {
    return RunShell(testing::BinaryDir() + "/tessera deploy-request " + args + " --config " +
                    config_path_);
  };
  auto created = tessera("create customer cli-flag --notes 'from the cli'");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const std::string prefix = "opened deploy request ";
  ASSERT_EQ(created.output.rfind(prefix, 0), 0u) << created.output;
  const std::string id =
      created.output.substr(prefix.size(), created.output.find(':') - prefix.size());

  auto diff = tessera("diff customer " + id);
  EXPECT_EQ(diff.exit_code, 0) << diff.output;
  EXPECT_NE(diff.output.find("+  `flagged` tinyint(1) NOT NULL DEFAULT 0,"), std::string::npos)
      << diff.output;
  auto show = tessera("show customer " + id);
  EXPECT_EQ(show.exit_code, 0) << show.output;
  EXPECT_NE(show.output.find("state:        open"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find("ALTER TABLE `customer` ADD COLUMN `flagged`"), std::string::npos)
      << show.output;

  auto early = tessera("apply customer " + id);
  EXPECT_EQ(early.exit_code, 1) << early.output;
  EXPECT_NE(early.output.find("tessera deploy-request apply: cannot apply deploy request " + id +
                              ": it is open"),
            std::string::npos)
      << early.output;
  auto early_force = tessera("apply customer " + id + " --force");
  EXPECT_EQ(early_force.exit_code, 1) << early_force.output;
  EXPECT_NE(early_force.output.find("cannot force-cutover deploy request " + id + ": it is open"),
            std::string::npos)
      << early_force.output;
  auto missing = tessera("show customer 424242");
  EXPECT_EQ(missing.exit_code, 1) << missing.output;

  auto approved = tessera("review customer " + id + " --approve --comment ok");
  EXPECT_EQ(approved.exit_code, 0) << approved.output;
  auto deployed = tessera("deploy customer " + id + " --wait");
  ASSERT_EQ(deployed.exit_code, 0) << deployed.output;
  EXPECT_NE(deployed.output.find("complete"), std::string::npos) << deployed.output;
  EXPECT_NE(deployed.output.find("100%"), std::string::npos) << deployed.output;
  auto list = tessera("list customer");
  EXPECT_EQ(list.exit_code, 0) << list.output;
  EXPECT_NE(list.output.find("cli-flag"), std::string::npos) << list.output;
  auto reverted = tessera("revert customer " + id);
  EXPECT_EQ(reverted.exit_code, 0) << reverted.output;
  EXPECT_EQ(WaitForState(std::stoll(id), {"reverted"})["state"], "reverted");

  // After the revert the branch's change can be deployed again.
  auto again = Api("POST", "/deploy-requests", json{{"branch", "cli-flag"}});
  ASSERT_EQ(again.status, 201u) << again.raw;
  EXPECT_EQ(again.body["deployable"], true) << again.body["blockers"].dump();
  EXPECT_EQ(again.body["tables"], json::array({"customer"}));
}

TEST_F(DeployRequestTest, AddingAUniqueKeyCountsTheDuplicatesInProduction) {
  // On every shard, 'a' twice (one value, two rows) and NULL twice (which a
  // UNIQUE key accepts).
  OnEveryShard("CREATE TABLE dup_probe (id bigint PRIMARY KEY, code varchar(10))");
  OnEveryShard("INSERT INTO dup_probe VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, NULL), (5, NULL)");
  size_t shards = 0;
  for (const auto& shard : cluster_->shards()) shards += shard.keyspace == "customer" ? 1 : 0;
  ASSERT_GE(shards, 2u);
  CreateBranch("unique-code");
  OnEveryShard("ALTER TABLE " + BranchDatabase("unique-code") +
               ".dup_probe ADD UNIQUE KEY uk_code (code)");
  long long id = OpenRequest(json{{"branch", "unique-code"}});
  ASSERT_GT(id, 0);
  auto shown = Api("GET", RequestPath(id));
  ASSERT_EQ(shown.status, 200u) << shown.raw;
  const json* finding = nullptr;
  for (const auto& f : shown.body["lint"])
    if (f.value("code", "") == "add_unique_key") finding = &f;
  ASSERT_NE(finding, nullptr) << shown.body["lint"].dump(2);
  EXPECT_EQ((*finding)["severity"], "error");
  const std::string counted = "production has " + std::to_string(shards) +
                              " duplicated values now, in " + std::to_string(2 * shards) + " rows";
  EXPECT_NE((*finding)["message"].get<std::string>().find(counted), std::string::npos)
      << (*finding)["message"];
  EXPECT_EQ(shown.body["deployable"], false);
  auto refused = Api("POST", RequestPath(id, "deploy"));
  EXPECT_EQ(refused.status, 409u) << refused.raw;
  EXPECT_NE(ErrorMessage(refused).find("lint error add_unique_key on table dup_probe"),
            std::string::npos)
      << refused.raw;

  // Once production has no duplicates, a deploy counts again and goes ahead.
  OnEveryShard("UPDATE dup_probe SET code = 'c' WHERE id = 2");
  auto deployed = Api("POST", RequestPath(id, "deploy"));
  ASSERT_EQ(deployed.status, 200u) << deployed.raw;
  EXPECT_EQ(WaitForState(id, {"complete"})["state"], "complete");
  auto after = Api("GET", RequestPath(id));
  bool said_none = false;
  for (const auto& f : after.body["lint"])
    if (f.value("code", "") == "add_unique_key")
      said_none =
          f.value("message", "").find("production has no duplicates now") != std::string::npos;
  EXPECT_TRUE(said_none) << after.body["lint"].dump(2);
  for (const auto& create : MainCreateTable("dup_probe"))
    EXPECT_NE(create.find("UNIQUE KEY `uk_code` (`code`)"), std::string::npos) << create;
  // Every row is still there.
  for (const auto& [shard, row] : FirstRowOnEveryShard("SELECT COUNT(*) FROM dup_probe"))
    EXPECT_EQ(row, std::vector<std::string>{"5"}) << shard;
}

}  // namespace
}  // namespace tessera::deploy_it
