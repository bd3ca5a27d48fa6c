// PlanCache on its own (LRU, memory bound, counters, collision guard) and
// wired into Session: a Session over fake tablets (real RPC servers on
// loopback) shows that a second statement of the same shape runs from the
// cache without calling the SQL parser.
#include "vtgate/plan_cache.h"

#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <utility>  // before Boost.Asio 1.74 coroutine headers, which use std::exchange

#include "tests/unit/vtgate/test_topology.h"
#include "vtgate/session.h"
#include "vttablet/rpc/rpc_server.h"
#include "vttablet/tabletserver/tablet_service.h"

namespace tessera::vtgate {
namespace {
namespace asio = boost::asio;

// A plan that only describes itself.
class NamedPlan final : public Primitive {
 public:
  explicit NamedPlan(std::string name) : name_(std::move(name)) {}
  asio::awaitable<Result<ResultSet>> Execute(VCursor&, const BindValues&) const override {
    co_return ResultSet{};
  }
  std::string Describe(int) const override { return name_; }

 private:
  std::string name_;
};

PlanCache::Entry EntryNamed(const std::string& name) {
  return PlanCache::Entry{std::make_shared<NamedPlan>(name), 1};
}

TEST(PlanCacheTest, HitsMissesAndKeyParts) {
  PlanCache cache;
  const PlanCacheKey key{42, "select :v1", "ks", 0};
  EXPECT_EQ(cache.Lookup(key), nullptr);
  cache.Insert(key, EntryNamed("a"), 100);
  const PlanCache::Entry* hit = cache.Lookup(key);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->plan->Describe(0), "a");
  EXPECT_EQ(hit->bind_count, 1u);
  // Every key part counts: same fingerprint but other text (a collision),
  // other keyspace, other VSchema version, other branch.
  EXPECT_EQ(cache.Lookup(PlanCacheKey{42, "select :v2", "ks", 0}), nullptr);
  EXPECT_EQ(cache.Lookup(PlanCacheKey{42, "select :v1", "other", 0}), nullptr);
  EXPECT_EQ(cache.Lookup(PlanCacheKey{42, "select :v1", "ks", 1}), nullptr);
  EXPECT_EQ(cache.Lookup(PlanCacheKey{43, "select :v1", "ks", 0}), nullptr);
  EXPECT_EQ(cache.Lookup(PlanCacheKey{42, "select :v1", "ks", 0, "dev"}), nullptr);
  const auto stats = cache.stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 6u);
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_GT(stats.bytes, 100u);
  // Replacing keeps one entry.
  cache.Insert(key, EntryNamed("b"), 100);
  EXPECT_EQ(cache.Lookup(key)->plan->Describe(0), "b");
  EXPECT_EQ(cache.stats().entries, 1u);
}

TEST(PlanCacheTest, EvictsLeastRecentlyUsedWithinBudget) {
  PlanCache probe;
  probe.Insert(PlanCacheKey{1, "q1", "ks", 0}, EntryNamed("1"), 1000);
  const size_t one = probe.stats().bytes;
  PlanCache cache(one * 3);  // room for three entries of this size
  for (uint64_t i = 1; i <= 3; ++i) {
    cache.Insert(PlanCacheKey{i, "q" + std::to_string(i), "ks", 0}, EntryNamed(std::to_string(i)),
                 1000);
  }
  ASSERT_NE(cache.Lookup(PlanCacheKey{1, "q1", "ks", 0}), nullptr);  // 1 is now the most recent
  cache.Insert(PlanCacheKey{4, "q4", "ks", 0}, EntryNamed("4"), 1000);
  EXPECT_EQ(cache.Lookup(PlanCacheKey{2, "q2", "ks", 0}), nullptr);  // 2 was the least recent
  EXPECT_NE(cache.Lookup(PlanCacheKey{1, "q1", "ks", 0}), nullptr);
  EXPECT_NE(cache.Lookup(PlanCacheKey{3, "q3", "ks", 0}), nullptr);
  EXPECT_NE(cache.Lookup(PlanCacheKey{4, "q4", "ks", 0}), nullptr);
  EXPECT_EQ(cache.stats().evictions, 1u);
  EXPECT_LE(cache.stats().bytes, cache.capacity_bytes());
  // An entry bigger than the whole budget is not kept and evicts nothing.
  cache.Insert(PlanCacheKey{5, "q5", "ks", 0}, EntryNamed("5"), one * 10);
  EXPECT_EQ(cache.Lookup(PlanCacheKey{5, "q5", "ks", 0}), nullptr);
  EXPECT_EQ(cache.stats().entries, 3u);
  cache.Clear();
  EXPECT_EQ(cache.stats().entries, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
}

// Answers every statement with one row naming its shard and records the SQL.
class RecordingTablet final : public vttablet::TabletService {
 public:
  explicit RecordingTablet(std::string shard) : shard_(std::move(shard)) {}
  asio::awaitable<rpc::ExecuteResponse> Execute(rpc::ExecuteRequest request) override {
    seen.push_back(request.sql);
    rpc::ExecuteResponse response;
    ResultSet rs;
    rs.fields.push_back(Field{"shard", "shard", "t", "t", request.database, FieldType::kVarString});
    rs.rows.push_back({shard_});
    rs.affected_rows = 1;
    response.result = std::move(rs);
    co_return response;
  }
  asio::awaitable<Status> Commit(uint64_t) override { co_return Status::Ok(); }
  asio::awaitable<Status> Rollback(uint64_t) override { co_return Status::Ok(); }
  rpc::HealthResponse Health() override { return {true, "ok", 0, 0}; }

  std::vector<std::string> seen;

 private:
  std::string shard_;
};

class SessionPlanCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config::Topology topo = testing::TestTopology();
    for (auto& keyspace : topo.keyspaces) {
      for (auto& shard : keyspace.shards) {
        auto tablet = std::make_unique<RecordingTablet>(shard.name);
        auto server = std::make_unique<vttablet::RpcServer>(io_, *tablet);
        auto port = server->Listen("127.0.0.1", 0);
        ASSERT_TRUE(port.ok()) << port.error().message;
        server->Start();
        shard.tablet.port = *port;
        tablets_[keyspace.name + "/" + shard.name] = std::move(tablet);
        servers_.push_back(std::move(server));
      }
    }
    auto vschema = VSchema::Build(topo);
    ASSERT_TRUE(vschema.ok()) << vschema.error().message;
    worker_ = std::make_unique<WorkerContext>(io_, *vschema);
    mysql::ClientInfo client;
    session_ = std::make_unique<Session>(*worker_, client);
    ASSERT_TRUE(session_->UseDatabase("customer").ok());
  }
  void TearDown() override {
    session_.reset();
    for (auto& server : servers_) server->Stop();
  }

  Result<ResultSet> Query(const std::string& sql) {
    std::optional<Result<ResultSet>> out;
    auto body = [&]() -> asio::awaitable<void> { out.emplace(co_await session_->Query(sql)); };
    auto done = asio::co_spawn(io_, body(), asio::use_future);
    while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
      io_.run_one_for(std::chrono::milliseconds(100));
    }
    done.get();
    return std::move(*out);
  }
  uint64_t parses() const { return worker_->parser().parse_count(); }
  const std::vector<std::string>& seen(const std::string& shard) {
    return tablets_.at(shard)->seen;
  }

  asio::io_context io_;
  std::map<std::string, std::unique_ptr<RecordingTablet>> tablets_;
  std::vector<std::unique_ptr<vttablet::RpcServer>> servers_;
  std::unique_ptr<WorkerContext> worker_;
  std::unique_ptr<Session> session_;
};

TEST_F(SessionPlanCacheTest, SecondStatementOfAShapeSkipsTheParser) {
  auto first = Query("select email from customer where customer_id = 1");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->rows.at(0)[0], Value("-80"));  // hash(1) lies in -80
  const uint64_t after_first = parses();
  EXPECT_EQ(after_first, 1u);

  auto second = Query("select email from customer where customer_id = 4");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(parses(), after_first);                // the plan came from the cache
  EXPECT_EQ(second->rows.at(0)[0], Value("80-"));  // and was routed by the new value
  ASSERT_EQ(seen("customer/80-").size(), 1u);
  EXPECT_NE(seen("customer/80-")[0].find("= 4"), std::string::npos) << seen("customer/80-")[0];
  EXPECT_EQ(seen("customer/-80").size(), 1u);

  const auto stats = worker_->plan_cache().stats();
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
}

TEST_F(SessionPlanCacheTest, CachedInsertRendersEscapedStrings) {
  ASSERT_TRUE(Query("insert into customer (customer_id, email) values (1, 'a@x')").ok());
  const uint64_t before = parses();
  auto r = Query("insert into customer (customer_id, email) values (4, 'O''Brien')");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(parses(), before);
  ASSERT_EQ(seen("customer/80-").size(), 1u);
  EXPECT_NE(seen("customer/80-")[0].find(R"((4,'O\'Brien'))"), std::string::npos)
      << seen("customer/80-")[0];
}

TEST_F(SessionPlanCacheTest, UncachedShapesStillRun) {
  // A decimal value is not bound, so every run parses the original text.
  uint64_t before = parses();
  ASSERT_TRUE(Query("select email from customer where customer_id = 1.0").ok());
  ASSERT_TRUE(Query("select email from customer where customer_id = 2.0").ok());
  EXPECT_EQ(parses(), before + 2);
  // A negative vindex value in an INSERT cannot be planned from normalized
  // text (-:v1); the cache remembers that and the original text is planned.
  before = parses();
  ASSERT_TRUE(Query("insert into customer (customer_id, email) values (-1, 'a')").ok());
  EXPECT_EQ(parses(), before + 2);
  ASSERT_TRUE(Query("insert into customer (customer_id, email) values (-2, 'b')").ok());
  EXPECT_EQ(parses(), before + 3);
  // Errors keep the original text in their message.
  auto bad = Query("select email from customer where customer_id = 1 +");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, 1064);
  EXPECT_EQ(bad.error().message.find(":v"), std::string::npos) << bad.error().message;
  // A statement without literals and one with ORDER BY ordinals.
  ASSERT_TRUE(Query("select count(*) from customer where customer_id = 4").ok());
  auto ordered = Query("select email from customer where customer_id = 4 order by 1");
  ASSERT_TRUE(ordered.ok()) << ordered.error().message;
  EXPECT_NE(seen("customer/80-").back().find("ORDER BY 1"), std::string::npos)
      << seen("customer/80-").back();
}

}  // namespace
}  // namespace tessera::vtgate
