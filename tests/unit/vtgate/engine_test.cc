#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include "sqlparser/parser.h"
#include "tests/unit/vtgate/primitive_test.h"
#include "tests/unit/vtgate/test_topology.h"
#include "vtgate/engine/insert_sharded.h"
#include "vtgate/engine/route.h"
#include "vtgate/planner/planner.h"
#include "vtgate/vindexes/hash_vindex.h"

namespace tessera::vtgate {
namespace {
namespace asio = boost::asio;

class EngineTest : public testing::PrimitiveTest {
 protected:
  const Vindex* hash() const { return customer_->vindexes.at("hash").get(); }
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
                    ValueRef{-1, {VindexValue::Kind::kInteger, id}}, std::nullopt});
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
  rows.push_back({QueryTemplate::Literal("('x')"), ValueRef{-1, {VindexValue::Kind::kString, "x"}},
                  std::nullopt});
  InsertSharded insert(customer_, hash(), "INSERT INTO t (id) VALUES ", std::move(rows),
                       QueryTemplate::Literal(""));
  auto result = Run(insert);
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(cursor_.seen.empty());
}

class SequenceInsertTest : public EngineTest {
 protected:
  Result<ResultSet> RunSql(const std::string& sql) {
    auto stmt = parser_.Parse(sql);
    if (!stmt.ok()) return stmt.error();
    Planner planner(*vschema_);
    auto plan = planner.Build(**stmt, sql, "customer");
    if (!plan.ok()) return plan.error();
    return Run(**plan);
  }
  sql::Parser parser_;
};

TEST_F(SequenceInsertTest, MissingIdsComeFromOneSequenceRequestInRowOrder) {
  cursor_.next_value = 100;
  auto result = RunSql("insert into event (payload) values ('a'), ('b'), ('c')");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(cursor_.internal.size(), 1u);
  EXPECT_EQ(cursor_.internal[0],
            std::make_pair(std::string("0"), std::string("SELECT NEXT 3 VALUES FROM `event_seq`")));
  EXPECT_EQ(result->last_insert_id, 100u);
  // hash(100), hash(101), hash(102) decide the shards; every row carries its id.
  std::string all;
  for (const auto& [shard, sql] : cursor_.seen) all += shard + ": " + sql + "\n";
  HashVindex hash;
  for (int id : {100, 101, 102}) {
    std::string shard =
        static_cast<unsigned char>(hash.MapUint64(static_cast<uint64_t>(id))[0]) < 0x80 ? "-80"
                                                                                        : "80-";
    const std::string row = std::string("(") + "'" +
                            std::string(1, static_cast<char>('a' + (id - 100))) + "'," +
                            std::to_string(id) + ")";
    EXPECT_NE(all.find(shard + ": INSERT INTO event (payload,event_id) VALUES "), std::string::npos)
        << all;
    EXPECT_NE(all.find(row), std::string::npos) << all;
  }
}

TEST_F(SequenceInsertTest, GivenIdsAreKeptAndNullOrZeroGenerated) {
  cursor_.next_value = 7;
  auto result = RunSql(
      "insert into event (event_id, payload) values (5, 'x'), (null, 'y'), "
      "(0, 'z')");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(cursor_.internal.size(), 1u);
  EXPECT_EQ(cursor_.internal[0].second, "SELECT NEXT 2 VALUES FROM `event_seq`");
  std::string all;
  for (const auto& [shard, sql] : cursor_.seen) all += sql + "\n";
  EXPECT_NE(all.find("(5,'x')"), std::string::npos) << all;
  EXPECT_NE(all.find("(7,'y')"), std::string::npos) << all;
  EXPECT_NE(all.find("(8,'z')"), std::string::npos) << all;
  EXPECT_EQ(result->last_insert_id, 7u);
}

TEST_F(SequenceInsertTest, NoSequenceRequestWhenEveryIdIsGiven) {
  auto result = RunSql("insert into event (event_id, payload) values (5, 'x')");
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(cursor_.internal.empty());
  EXPECT_EQ(result->last_insert_id, 0u);
}

TEST_F(SequenceInsertTest, GeneratedNonVindexColumnRoutesByTheVindex) {
  cursor_.next_value = 50;
  auto result = RunSql("insert into note (customer_id, body) values (4, 'x')");
  ASSERT_TRUE(result.ok()) << result.error().message;
  ASSERT_EQ(cursor_.seen.size(), 1u);
  EXPECT_EQ(
      cursor_.seen[0],
      std::make_pair(std::string("80-"),
                     std::string("INSERT INTO note (customer_id,body,note_id) VALUES (4,'x',50)")));
}

}  // namespace
}  // namespace tessera::vtgate
