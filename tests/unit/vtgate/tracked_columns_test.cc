// Column lists: the tracked store, how they are read from information_schema
// rows, which source wins, and that a change reaches plans through the
// VSchema version.
#include "vtgate/tracked_columns.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "sqlparser/parser.h"
#include "tests/unit/vtgate/test_topology.h"
#include "vtgate/column_tracking.h"
#include "vtgate/planner/planner.h"
#include "vtgate/refresh_limiter.h"
#include "vtgate/vschema.h"

namespace tessera::vtgate {
namespace {
namespace asio = boost::asio;

ResultSet ColumnRows(const std::vector<std::pair<std::string, std::string>>& rows) {
  ResultSet rs;
  rs.fields.resize(2);
  for (const auto& [table, column] : rows) rs.rows.push_back(Row{Value(table), Value(column)});
  return rs;
}

// Answers the tracking query with fixed rows, and nothing else.
class ColumnCursor final : public VCursor {
 public:
  void WriteInOneTransaction() override {}
  asio::awaitable<std::vector<Result<ResultSet>>> ExecuteMulti(std::vector<ShardQuery>) override {
    co_return std::vector<Result<ResultSet>>{};
  }
  asio::awaitable<Result<ResultSet>> ExecuteOne(ShardQuery) override {
    co_return Error::Internal("not expected");
  }
  asio::awaitable<Result<ResultSet>> ExecuteInternal(ShardQuery query) override {
    queries.emplace_back(query.shard->name, query.sql);
    if (fail) co_return Error::Make(2013, "Lost connection");
    co_return rows;
  }
  ResultSet rows;
  bool fail = false;
  std::vector<std::pair<std::string, std::string>> queries;
};

TEST(TrackedColumns, ReplaceBumpsVersionOnlyOnChange) {
  TrackedColumns tracked;
  EXPECT_FALSE(tracked.tracked());
  EXPECT_EQ(tracked.Find("a"), nullptr);
  const uint64_t v0 = tracked.version();
  tracked.Replace({{"a", {"id", "name"}}, {"b", {"id"}}});
  EXPECT_TRUE(tracked.tracked());
  auto a = tracked.Find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(*a, (std::vector<std::string>{"id", "name"}));
  const uint64_t v1 = tracked.version();
  EXPECT_GT(v1, v0);
  tracked.Replace({{"a", {"id", "name"}}, {"b", {"id"}}});
  EXPECT_EQ(tracked.version(), v1);
  EXPECT_EQ(tracked.Find("a"), a);  // unchanged lists are kept
  // A column added to b, a dropped: a new version; the old snapshot lives on.
  tracked.Replace({{"b", {"id", "x"}}});
  EXPECT_GT(tracked.version(), v1);
  EXPECT_EQ(tracked.Find("a"), nullptr);
  EXPECT_EQ(*tracked.Find("b"), (std::vector<std::string>{"id", "x"}));
  EXPECT_EQ(a->size(), 2u);
  // Same count of tables, another name: also a change.
  const uint64_t v2 = tracked.version();
  tracked.Replace({{"c", {"id", "x"}}});
  EXPECT_GT(tracked.version(), v2);
}

TEST(TrackedColumns, ClaimRefreshIsRateLimited) {
  TrackedColumns tracked;
  EXPECT_TRUE(tracked.ClaimRefresh(std::chrono::milliseconds(60000)));
  EXPECT_FALSE(tracked.ClaimRefresh(std::chrono::milliseconds(60000)));
  EXPECT_TRUE(tracked.ClaimRefresh(std::chrono::milliseconds(0)));
}

TEST(ColumnListsFromRows, GroupsByTableLowerCasesAndSkipsHelperTables) {
  auto lists = ColumnListsFromRows(ColumnRows(
      {{"customer", "ID"}, {"customer", "Name"}, {"_vt_gho_customer", "id"}, {"orders", "id"}}));
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_EQ(lists["customer"], (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(lists["orders"], (std::vector<std::string>{"id"}));
}

class ColumnListsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config::Topology topology = testing::TestTopology();
    for (auto& ks : topology.keyspaces) {
      for (auto& table : ks.tables) {
        if (table.name == "customer") {
          table.columns = {{"customer_id", "INT64"}, {"Email", "VARCHAR"}};
          table.column_list_authoritative = true;
        }
        if (table.name == "corder") table.columns = {{"sku", ""}};
      }
    }
    auto vschema = VSchema::Build(topology);
    ASSERT_TRUE(vschema.ok()) << vschema.error().message;
    vschema_ = *vschema;
    customer_ = vschema_->FindKeyspace("customer");
  }

  Status Track() {
    asio::io_context io;
    std::optional<Status> out;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> { out.emplace(co_await TrackColumns(cursor_, *customer_)); },
        asio::detached);
    io.run();
    return *out;
  }

  std::string Plan(const std::string& sql) {
    auto stmt = parser_.Parse(sql);
    if (!stmt.ok()) return "PARSE ERROR " + stmt.error().message;
    Planner planner(*vschema_);
    auto plan = planner.Build(**stmt, sql, "customer");
    if (!plan.ok())
      return "ERROR " + std::to_string(plan.error().code) + ": " + plan.error().message;
    return (*plan)->Describe(0);
  }

  std::shared_ptr<const VSchema> vschema_;
  const KeyspaceInfo* customer_ = nullptr;
  ColumnCursor cursor_;
  sql::Parser parser_;
};

TEST_F(ColumnListsTest, VSchemaListsAreLowerCaseAndKnowWhetherTheyAreComplete) {
  KnownColumns customer = customer_->ColumnsOf(*customer_->FindTable("customer"));
  EXPECT_TRUE(customer.complete);
  EXPECT_TRUE(customer.Has("email"));
  KnownColumns corder = customer_->ColumnsOf(*customer_->FindTable("corder"));
  EXPECT_FALSE(corder.complete);
  EXPECT_TRUE(corder.Has("sku"));
  KnownColumns note = customer_->ColumnsOf(*customer_->FindTable("note"));
  EXPECT_FALSE(note.complete);
  EXPECT_EQ(note.names, nullptr);
}

TEST_F(ColumnListsTest, TrackingCompletesListsButAnAuthoritativeVSchemaWins) {
  cursor_.rows = ColumnRows({{"customer", "customer_id"},
                             {"customer", "email"},
                             {"customer", "extra"},
                             {"corder", "order_id"},
                             {"corder", "customer_id"},
                             {"corder", "price"}});
  const uint64_t before = vschema_->version();
  Status s = Track();
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(cursor_.queries.size(), 1u);
  EXPECT_EQ(cursor_.queries[0].first, "-80");  // the first shard
  EXPECT_EQ(cursor_.queries[0].second, kTrackedColumnsQuery);
  EXPECT_GT(vschema_->version(), before);

  KnownColumns customer = customer_->ColumnsOf(*customer_->FindTable("customer"));
  EXPECT_FALSE(customer.Has("extra"));  // the VSchema says it is all
  KnownColumns corder = customer_->ColumnsOf(*customer_->FindTable("corder"));
  EXPECT_TRUE(corder.complete);
  EXPECT_TRUE(corder.Has("price"));
  EXPECT_TRUE(corder.Has("sku"));  // the VSchema's, not on the shards yet
  EXPECT_TRUE(customer_->ColumnsOf(*customer_->FindTable("note")).names == nullptr);
}

TEST_F(ColumnListsTest, AFailedReadKeepsTheLists) {
  cursor_.rows = ColumnRows({{"corder", "price"}});
  ASSERT_TRUE(Track().ok());
  const uint64_t version = vschema_->version();
  cursor_.fail = true;
  Status s = Track();
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("could not learn the columns of keyspace customer"),
            std::string::npos);
  EXPECT_EQ(vschema_->version(), version);
  EXPECT_TRUE(customer_->ColumnsOf(*customer_->FindTable("corder")).Has("price"));
}

TEST_F(ColumnListsTest, AJoinResolvesOnceTheListsAreKnown) {
  const std::string sql =
      "select email, price from customer c join corder o on o.sku = c.email where price > 3";
  // Without the lists, the join runs whole on one shard over copied rows.
  EXPECT_EQ(Plan(sql).rfind("Materialize keyspace=customer", 0), 0u) << Plan(sql);
  cursor_.rows = ColumnRows(
      {{"corder", "order_id"}, {"corder", "customer_id"}, {"corder", "sku"}, {"corder", "price"}});
  ASSERT_TRUE(Track().ok());
  EXPECT_EQ(Plan(sql),
            "TruncateColumns hidden=1\n"
            "  Join inner binds=[end-1] left_hidden=1 right_hidden=0\n"
            "    Route Scatter keyspace=customer query=\"SELECT c.email, c.email FROM customer AS "
            "c\"\n"
            "    Route Scatter keyspace=customer query=\"SELECT :v1, o.price FROM corder AS o "
            "WHERE o.sku = :v2 AND o.price > 3\"\n");
  EXPECT_EQ(Plan("select customer_id from customer c join corder o on o.sku = c.email"),
            "ERROR 1052: Column 'customer_id' in field list is ambiguous");
  EXPECT_EQ(Plan("select c.email from customer c join corder o on o.sku = c.email where "
                 "nope = 1"),
            "ERROR 1054: Unknown column 'nope' in 'where clause'");
}

}  // namespace
}  // namespace tessera::vtgate

namespace tessera::vtgate {
namespace {

TEST(RefreshLimiter, AtMostOneRefreshPerInterval) {
  using namespace std::chrono_literals;
  RefreshLimiter limiter;
  const auto t0 = RefreshLimiter::Clock::time_point{} + 10s;
  EXPECT_TRUE(limiter.Claim(1000ms, t0));  // never refreshed
  EXPECT_FALSE(limiter.Claim(1000ms, t0 + 999ms));
  EXPECT_TRUE(limiter.Claim(1000ms, t0 + 1000ms));
  limiter.Mark(t0 + 5s);
  EXPECT_FALSE(limiter.Claim(1000ms, t0 + 5500ms));
  EXPECT_TRUE(limiter.Claim(1000ms, t0 + 6s));
}

}  // namespace
}  // namespace tessera::vtgate
