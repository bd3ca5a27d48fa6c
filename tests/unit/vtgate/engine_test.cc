#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "tests/unit/vtgate/test_topology.h"
#include "vtgate/engine/insert_sharded.h"
#include "vtgate/engine/route.h"
#include "vtgate/vindexes/hash_vindex.h"

namespace tessera::vtgate {
namespace {
namespace asio = boost::asio;

// Records every shard query and answers with one row naming the shard.
class FakeCursor final : public VCursor {
 public:
  asio::awaitable<std::vector<Result<ResultSet>>> ExecuteMulti(
      std::vector<ShardQuery> queries) override {
    std::vector<Result<ResultSet>> out;
    for (auto& q : queries) out.push_back(co_await ExecuteOne(std::move(q)));
    co_return out;
  }
  asio::awaitable<Result<ResultSet>> ExecuteOne(ShardQuery query) override {
    seen.emplace_back(query.shard->name, query.sql);
    if (fail_shard == query.shard->name) co_return Error::Make(1062, "Duplicate entry");
    ResultSet rs;
    Field field;
    field.name = "shard";
    rs.fields.push_back(field);
    rs.rows.push_back(Row{Value(query.shard->name)});
    rs.affected_rows = 1;
    co_return rs;
  }
  std::vector<std::pair<std::string, std::string>> seen;
  std::string fail_shard;
};

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vschema = VSchema::Build(testing::TestTopology());
    ASSERT_TRUE(vschema.ok());
    vschema_ = *vschema;
    customer_ = vschema_->FindKeyspace("customer");
  }
  Result<ResultSet> Run(const Primitive& p, const BindValues& binds = {}) {
    asio::io_context io;
    std::optional<Result<ResultSet>> out;
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { out.emplace(co_await p.Execute(cursor_, binds)); },
        asio::detached);
    io.run();
    return std::move(*out);
  }
  const Vindex* hash() const { return customer_->vindexes.at("hash").get(); }

  std::shared_ptr<const VSchema> vschema_;
  const KeyspaceInfo* customer_ = nullptr;
  FakeCursor cursor_;
};

TEST_F(EngineTest, EqualUniqueGoesToTheOwningShard) {
  // hash(1) = 166b... lies in -80; hash(4) = d2fd... lies in 80-.
  Route route(RouteOpcode::kEqualUnique, customer_, QueryTemplate::Literal("select 1"));
  route.SetVindex(hash(), {ValueRef{-1, {VindexValue::Kind::kInteger, "1"}}});
  auto result = Run(route);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(cursor_.seen.size(), 1u);
  EXPECT_EQ(cursor_.seen[0].first, "-80");

  Route route4(RouteOpcode::kEqualUnique, customer_, QueryTemplate::Literal("select 4"));
  route4.SetVindex(hash(), {ValueRef{-1, {VindexValue::Kind::kInteger, "4"}}});
  ASSERT_TRUE(Run(route4).ok());
  EXPECT_EQ(cursor_.seen.back().first, "80-");
}

TEST_F(EngineTest, BindValuesDriveRoutingAndText) {
  Route route(RouteOpcode::kEqualUnique, customer_,
              QueryTemplate{{"select * from t where id = ", ""}, {0}});
  route.SetVindex(hash(), {ValueRef{0, {}}});
  BindValues binds(1);
  binds[0].value.kind = VindexValue::Kind::kInteger;
  binds[0].value.text = "4";
  binds[0].sql = "4";
  ASSERT_TRUE(Run(route, binds).ok());
  EXPECT_EQ(cursor_.seen.back(),
            std::make_pair(std::string("80-"), std::string("select * from t where id = 4")));
}

TEST_F(EngineTest, ScatterConcatenatesAllShards) {
  Route route(RouteOpcode::kScatter, customer_, QueryTemplate::Literal("select x"));
  auto result = Run(route);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->rows.size(), 2u);
  EXPECT_EQ(result->rows[0][0], Value("-80"));
  EXPECT_EQ(result->rows[1][0], Value("80-"));
  EXPECT_EQ(result->affected_rows, 2u);
}

TEST_F(EngineTest, InTouchesOnlyNeededShards) {
  Route route(RouteOpcode::kIn, customer_, QueryTemplate::Literal("select in"));
  route.SetVindex(hash(), {ValueRef{-1, {VindexValue::Kind::kInteger, "1"}},
                           ValueRef{-1, {VindexValue::Kind::kInteger, "2"}}});
  ASSERT_TRUE(Run(route).ok());
  ASSERT_EQ(cursor_.seen.size(), 1u);  // 1 and 2 both hash into -80
  EXPECT_EQ(cursor_.seen[0].first, "-80");
}

TEST_F(EngineTest, SingleShardOnlyRefusesScatter) {
  Route route(RouteOpcode::kScatter, customer_, QueryTemplate::Literal("select x order by y"));
  route.SetSingleShardOnly("ORDER BY");
  auto result = Run(route);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, 1235);
  EXPECT_TRUE(cursor_.seen.empty());
}

TEST_F(EngineTest, ShardErrorsReachTheClient) {
  cursor_.fail_shard = "80-";
  Route route(RouteOpcode::kScatter, customer_, QueryTemplate::Literal("select x"));
  auto result = Run(route);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, 1062);
}

TEST_F(EngineTest, InsertSplitsRowsPerShard) {
  std::vector<InsertSharded::RowPlan> rows;
  for (const char* id : {"1", "4", "2", "6"}) {
    rows.push_back({QueryTemplate::Literal(std::string("(") + id + ")"),
                    ValueRef{-1, {VindexValue::Kind::kInteger, id}}});
  }
  InsertSharded insert(customer_, hash(), "INSERT INTO t (id) VALUES ", std::move(rows),
                       QueryTemplate::Literal(""));
  auto result = Run(insert);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(cursor_.seen.size(), 2u);
  EXPECT_EQ(cursor_.seen[0],
            std::make_pair(std::string("-80"), std::string("INSERT INTO t (id) VALUES (1),(2)")));
  EXPECT_EQ(cursor_.seen[1],
            std::make_pair(std::string("80-"), std::string("INSERT INTO t (id) VALUES (4),(6)")));
  EXPECT_EQ(result->affected_rows, 2u);
}

TEST_F(EngineTest, InsertRefusesUnmappableValue) {
  std::vector<InsertSharded::RowPlan> rows;
  rows.push_back(
      {QueryTemplate::Literal("('x')"), ValueRef{-1, {VindexValue::Kind::kString, "x"}}});
  InsertSharded insert(customer_, hash(), "INSERT INTO t (id) VALUES ", std::move(rows),
                       QueryTemplate::Literal(""));
  auto result = Run(insert);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(cursor_.seen.empty());
}

}  // namespace
}  // namespace tessera::vtgate
