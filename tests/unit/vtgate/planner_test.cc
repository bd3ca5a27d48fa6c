#include "vtgate/planner/planner.h"

#include <gtest/gtest.h>

#include "sqlparser/parser.h"
#include "tests/unit/vtgate/test_topology.h"

namespace tessera::vtgate {
namespace {

class PlannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vschema = VSchema::Build(testing::TestTopology());
    ASSERT_TRUE(vschema.ok()) << vschema.error().message;
    vschema_ = *vschema;
  }

  // The plan description, or "ERROR <code>: <message>".
  std::string Plan(const std::string& sql, const std::string& keyspace = "customer") {
    auto stmt = parser_.Parse(sql);
    if (!stmt.ok()) return "PARSE ERROR " + stmt.error().message;
    Planner planner(*vschema_);
    auto plan = planner.Build(**stmt, sql, keyspace);
    if (!plan.ok())
      return "ERROR " + std::to_string(plan.error().code) + ": " + plan.error().message;
    return (*plan)->Describe(0);
  }

  sql::Parser parser_;
  std::shared_ptr<const VSchema> vschema_;
};

TEST_F(PlannerTest, PointSelectIsEqualUnique) {
  EXPECT_EQ(Plan("select email from customer where customer_id = 5"),
            "Route EqualUnique keyspace=customer vindex=hash query=\"select email from customer "
            "where customer_id = 5\"\n");
  EXPECT_EQ(Plan("select * from customer where 5 = customer_id and email = 'x'"),
            "Route EqualUnique keyspace=customer vindex=hash query=\"select * from customer where "
            "5 = customer_id and email = 'x'\"\n");
}

TEST_F(PlannerTest, InListIsIn) {
  EXPECT_EQ(Plan("select * from customer where customer_id in (1, 2, 3)"),
            "Route IN keyspace=customer vindex=hash query=\"select * from customer where "
            "customer_id in (1, 2, 3)\"\n");
}

TEST_F(PlannerTest, OtherSelectsScatter) {
  EXPECT_EQ(Plan("select * from customer where email = 'a'"),
            "Route Scatter keyspace=customer query=\"select * from customer where email = 'a'\"\n");
  EXPECT_EQ(
      Plan("select * from customer where customer_id > 5"),
      "Route Scatter keyspace=customer query=\"select * from customer where customer_id > 5\"\n");
}

TEST_F(PlannerTest, ScatterThatNeedsMergingIsSingleShardOnly) {
  EXPECT_NE(Plan("select * from customer order by email").find("single_shard_only=\"ORDER BY\""),
            std::string::npos);
  EXPECT_NE(Plan("select count(*) from customer").find("aggregate function count"),
            std::string::npos);
  EXPECT_NE(Plan("select * from customer limit 1").find("LIMIT"), std::string::npos);
}

TEST_F(PlannerTest, KeyspaceQualifierIsStripped) {
  std::string plan = Plan("select email from customer.customer where customer_id = 1", "");
  EXPECT_NE(plan.find("EqualUnique"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("customer.customer"), std::string::npos) << plan;
}

TEST_F(PlannerTest, UnshardedKeyspaceRoutesWhole) {
  EXPECT_EQ(
      Plan("select * from product order by sku limit 3", "commerce"),
      "Route Unsharded keyspace=commerce query=\"select * from product order by sku limit 3\"\n");
}

TEST_F(PlannerTest, TableFoundWithoutKeyspace) {
  EXPECT_NE(Plan("select * from product", "").find("keyspace=commerce"), std::string::npos);
  EXPECT_EQ(Plan("select * from nosuch", "").substr(0, 10), "ERROR 1046");
}

TEST_F(PlannerTest, InsertIsSplitBySharding) {
  EXPECT_EQ(Plan("insert into customer (customer_id, email) values (1, 'a'), (2, 'b')"),
            "InsertSharded keyspace=customer vindex=hash rows=2\n");
  EXPECT_EQ(Plan("insert into customer (email) values ('a')").substr(0, 10), "ERROR 1105");
  EXPECT_EQ(Plan("insert into customer values (1, 'a')").substr(0, 10), "ERROR 1105");
}

TEST_F(PlannerTest, DdlGoesToAllShards) {
  EXPECT_NE(Plan("create table t (id bigint primary key)").find("Route AllShards"),
            std::string::npos);
  EXPECT_NE(Plan("drop table customer").find("Route AllShards"), std::string::npos);
}

TEST_F(PlannerTest, UpdateAndDeleteRouteByVindex) {
  EXPECT_NE(Plan("update customer set email = 'x' where customer_id = 3").find("EqualUnique"),
            std::string::npos);
  EXPECT_NE(Plan("delete from customer where email = 'x'").find("Scatter"), std::string::npos);
  EXPECT_EQ(Plan("update customer set customer_id = 4 where customer_id = 3").substr(0, 10),
            "ERROR 1235");
}

TEST_F(PlannerTest, JoinsMustBeColocated) {
  EXPECT_NE(Plan("select * from customer c join corder o on c.customer_id = o.customer_id where "
                 "c.customer_id = 1")
                .find("EqualUnique"),
            std::string::npos);
  EXPECT_EQ(Plan("select * from customer c join corder o on c.email = o.sku").substr(0, 10),
            "ERROR 1235");
  // Reference tables join anywhere.
  EXPECT_NE(Plan("select * from customer c, country where c.customer_id = 9").find("EqualUnique"),
            std::string::npos);
}

TEST_F(PlannerTest, ReferenceTables) {
  EXPECT_NE(Plan("select * from country").find("AnyShard"), std::string::npos);
  EXPECT_NE(Plan("insert into country (name) values ('x')").find("AllShards"), std::string::npos);
}

TEST_F(PlannerTest, RefusesWhatItCannotRunCorrectly) {
  EXPECT_EQ(Plan("select * from customer where customer_id in (select customer_id from corder)")
                .substr(0, 10),
            "ERROR 1235");
  EXPECT_EQ(Plan("select * from customer, commerce.product").substr(0, 10), "ERROR 1235");
  EXPECT_EQ(Plan("select * from nosuch").substr(0, 10), "ERROR 1146");
  EXPECT_EQ(Plan("select * from nokeyspace.t").substr(0, 10), "ERROR 1049");
}

TEST_F(PlannerTest, DatabaseFunctionNamesTheKeyspace) {
  std::string plan = Plan("select database()");
  EXPECT_NE(plan.find("AnyShard"), std::string::npos);
  EXPECT_NE(plan.find("'customer'"), std::string::npos) << plan;
}

}  // namespace
}  // namespace tessera::vtgate
