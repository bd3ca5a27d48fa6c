// Plans of joins across shards: which group of tables each Route holds,
// what travels as bind values, and what is refused.
#include <gtest/gtest.h>

#include "sqlparser/parser.h"
#include "tests/unit/vtgate/test_topology.h"
#include "vtgate/engine/cell_bind_value.h"
#include "vtgate/planner/planner.h"

namespace tessera::vtgate {
namespace {

class JoinPlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vschema = VSchema::Build(testing::TestTopology());
    ASSERT_TRUE(vschema.ok()) << vschema.error().message;
    vschema_ = *vschema;
  }

  std::string Plan(const std::string& sql, size_t bind_count = 0) {
    auto stmt = parser_.Parse(sql);
    if (!stmt.ok()) return "PARSE ERROR " + stmt.error().message;
    Planner planner(*vschema_);
    auto plan = planner.Build(**stmt, sql, "customer", bind_count);
    if (!plan.ok())
      return "ERROR " + std::to_string(plan.error().code) + ": " + plan.error().message;
    return (*plan)->Describe(0);
  }

  sql::Parser parser_;
  std::shared_ptr<const VSchema> vschema_;
};

TEST_F(JoinPlannerTest, TwoGroupsJoinInVtgate) {
  EXPECT_EQ(Plan("select c.email, o.sku from customer c join corder o on o.sku = c.email"),
            "TruncateColumns hidden=1\n"
            "  Join inner binds=[end-1] left_hidden=1 right_hidden=0\n"
            "    Route Scatter keyspace=customer query=\"SELECT c.email, c.email FROM customer AS "
            "c\"\n"
            "    Route Scatter keyspace=customer query=\"SELECT :v1, o.sku FROM corder AS o WHERE "
            "o.sku = :v2\"\n");
}

TEST_F(JoinPlannerTest, RightSideRoutesByItsVindexPerRow) {
  std::string plan =
      Plan("select o.sku, c.email from corder o join customer c on c.customer_id = o.price");
  EXPECT_NE(plan.find("Route EqualUnique keyspace=customer vindex=hash query=\"SELECT :v1, "
                      "c.email FROM customer AS c WHERE c.customer_id = :v2\""),
            std::string::npos)
      << plan;
}

TEST_F(JoinPlannerTest, StatementBindsKeepTheirIndexes) {
  // :v1 is the statement's; the tag and the outer value come after it.
  std::string plan = Plan(
      "select c.email, o.sku from customer c join corder o on o.sku = c.email where "
      "o.price > :v1",
      1);
  EXPECT_NE(plan.find("query=\"SELECT :v2, o.sku FROM corder AS o WHERE o.sku = :v3 AND "
                      "o.price > :v1\""),
            std::string::npos)
      << plan;
}

TEST_F(JoinPlannerTest, LeftJoinOrderByLimitAndReorderedColumns) {
  std::string plan = Plan(
      "select o.sku, c.email from customer c left join corder o on o.sku = c.email order by "
      "c.email desc limit 3");
  EXPECT_NE(plan.find("Project columns=[1,0]"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Limit count=3 offset=0"), std::string::npos) << plan;
  EXPECT_NE(plan.find("MemorySort"), std::string::npos) << plan;
  EXPECT_NE(plan.find("DESC"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Join left"), std::string::npos) << plan;
  EXPECT_NE(plan.find("WEIGHT_STRING(c.email)"), std::string::npos) << plan;
}

TEST_F(JoinPlannerTest, ColocatedTablesAndReferenceTablesStayInOneRoute) {
  std::string plan = Plan(
      "select c.email, n.note_id, o.sku from customer c join note n on n.customer_id = "
      "c.customer_id join country k on k.name = c.email join corder o on o.sku = c.email");
  EXPECT_NE(plan.find("FROM customer AS c JOIN note AS n ON n.customer_id = c.customer_id JOIN "
                      "country AS k ON k.name = c.email"),
            std::string::npos)
      << plan;
  EXPECT_EQ(plan.find("Join inner", plan.find("Join inner") + 1), std::string::npos) << plan;
}

// What the join planner cannot answer exactly runs whole on one shard over
// copied rows; a locking read cannot, and stays refused.
TEST_F(JoinPlannerTest, WhatItCannotAnswerExactlyRunsOverCopiedRows) {
  auto refused = [&](const std::string& sql, const std::string& naming) {
    std::string plan = Plan(sql);
    if (naming == "locking") {
      EXPECT_EQ(plan.substr(0, 10), "ERROR 1235") << sql << "\n" << plan;
      EXPECT_NE(plan.find(naming), std::string::npos) << plan;
      return;
    }
    EXPECT_EQ(plan.rfind("Materialize keyspace=customer", 0), 0u) << sql << "\n" << plan;
    EXPECT_NE(plan.find("(SELECT <rows of corder>) AS o"), std::string::npos) << plan;
  };
  refused("select group_concat(o.sku) from customer c join corder o on o.sku = c.email",
          "group_concat");
  refused(
      "select c.email, max(o.sku) from customer c join corder o on o.sku = c.email group by "
      "c.email having max(o.sku) = 'x'",
      "HAVING comparing with 'x'");
  refused("select count(*) + 1 from customer c join corder o on o.sku = c.email",
          "inside expressions");
  refused("select distinct count(*) from customer c join corder o on o.sku = c.email",
          "DISTINCT with aggregates");
  refused("select c.email from customer c join corder o on o.sku = email", "qualifier");
  refused("select c.email from customer c left join corder o on o.sku = c.email where o.sku = 'x'",
          "LEFT JOINed");
  refused("select c.email from customer c join corder o on o.sku = c.email for update", "locking");
  refused("select ifnull(o.sku, 'none') from customer c left join corder o on o.sku = c.email",
          "computed from LEFT JOINed table o");
  refused(
      "select c.email from customer c join (corder o join note n on n.customer_id = "
      "o.customer_id) on o.sku = c.email",
      "nested");
}

TEST_F(JoinPlannerTest, AggregatesFoldTheJoinedRowsInVtgate) {
  std::string plan = Plan(
      "select c.email, count(*), max(o.sku) from customer c join corder o on o.sku = c.email "
      "group by c.email order by 2 desc");
  EXPECT_NE(plan.find("OrderedAggregate"), std::string::npos) << plan;
  // COUNT(*) reads a 1 per row from the first group, MAX its argument and weight.
  EXPECT_NE(plan.find("CAST(1 AS SIGNED) AS `count(*)`"), std::string::npos) << plan;
  EXPECT_NE(plan.find("o.sku AS `max(o.sku)`"), std::string::npos) << plan;
  EXPECT_NE(plan.find("WEIGHT_STRING(o.sku)"), std::string::npos) << plan;
  EXPECT_NE(plan.find("Project"), std::string::npos) << plan;
}

TEST_F(JoinPlannerTest, ExpressionsOverTwoGroupsRunInTheLastWithBoundValues) {
  std::string plan = Plan(
      "select c.email, concat(c.email, o.sku) from customer c join corder o on o.sku = "
      "c.email");
  EXPECT_NE(plan.find("SELECT :v1, concat(:v2, o.sku) AS `concat(c.email, o.sku)` FROM corder AS "
                      "o WHERE o.sku = :v2"),
            std::string::npos)
      << plan;
}

TEST(JoinBindValueTest, CellsBecomeLiteralsOfTheirType) {
  Field integer;
  integer.type = FieldType::kLongLong;
  EXPECT_EQ(BindValueOfCell(integer, Value("42")).sql, "42");
  EXPECT_EQ(BindValueOfCell(integer, Value("42")).value.kind, VindexValue::Kind::kInteger);
  EXPECT_EQ(BindValueOfCell(integer, std::nullopt).sql, "NULL");
  Field text;
  text.type = FieldType::kVarString;
  EXPECT_EQ(BindValueOfCell(text, Value("O'Brien")).sql, "'O\\'Brien'");
  Field bytes;
  bytes.type = FieldType::kBlob;
  bytes.charset = kCharsetBinary;
  EXPECT_EQ(BindValueOfCell(bytes, Value(std::string("\x01\xff", 2))).sql, "X'01FF'");
  Field date;
  date.type = FieldType::kDate;
  date.charset = kCharsetBinary;
  EXPECT_EQ(BindValueOfCell(date, Value("2024-01-02")).sql, "'2024-01-02'");
  Field dbl;
  dbl.type = FieldType::kDouble;
  EXPECT_EQ(BindValueOfCell(dbl, Value("1.5")).sql, "1.5e0");
  Field decimal;
  decimal.type = FieldType::kNewDecimal;
  EXPECT_EQ(BindValueOfCell(decimal, Value("-3.50")).sql, "-3.50");
}

}  // namespace
}  // namespace tessera::vtgate
