// Planner checks that are not golden plan files. The plans of statements
// (routing, joins, subqueries, unions, DML, refusals) are recorded as data in
// tests/unit/vtgate/plans/ and checked by vtgate_plan_golden_test; the
// aggregate-merging tests below stay here until the aggregate planning
// change lands (then their cases move to plans/aggregates.txt).
#include "vtgate/planner/planner.h"

#include "vtgate/engine/pullout.h"

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

TEST_F(PlannerTest, CrossShardOrderLimitAndAggregatesMergeInVtgate) {
  std::string sorted = Plan("select email from customer order by email limit 2, 3");
  EXPECT_NE(sorted.find("Limit count=3 offset=2"), std::string::npos) << sorted;
  EXPECT_NE(sorted.find("MemorySort 0(weight 1) ASC"), std::string::npos) << sorted;
  EXPECT_NE(sorted.find("WEIGHT_STRING(email)"), std::string::npos) << sorted;
  EXPECT_NE(sorted.find("LIMIT 5"), std::string::npos) << sorted;  // offset + count from each shard
  EXPECT_NE(sorted.find("TruncateColumns hidden=1"), std::string::npos) << sorted;

  std::string counted = Plan("select count(*), sum(customer_id), max(email) from customer");
  EXPECT_NE(counted.find("ScalarAggregate count(0), sum(1), max(2)"), std::string::npos) << counted;

  std::string distinct =
      Plan("select distinct email from customer where customer_id > 3 order by email");
  EXPECT_NE(distinct.find("Distinct keys=1"), std::string::npos) << distinct;
  EXPECT_NE(distinct.find("MemorySort"), std::string::npos) << distinct;

  // Hidden sort column after `*`: positions counted from the end.
  std::string star = Plan("select * from customer order by email desc");
  EXPECT_NE(star.find("MemorySort end-2(weight end-1) DESC"), std::string::npos) << star;
}

TEST_F(PlannerTest, GroupByMergesPartialGroupsInVtgate) {
  // Shards group too; vtgate sorts the partial groups by key (collation weight) and merges
  // neighbours; AVG travels as SUM and COUNT; the column keeps the aggregate's name.
  EXPECT_EQ(
      Plan("select email, count(*), avg(customer_id) from customer group by email"),
      "TruncateColumns hidden=2\n"
      "  OrderedAggregate keys=[0(weight 4)] aggregates=[count(1), avg(2/3)]\n"
      "    MemorySort 0(weight 4) ASC\n"
      "      Route Scatter keyspace=customer query=\"SELECT email, count(*), SUM(customer_id) "
      "AS `avg(customer_id)`, COUNT(customer_id), WEIGHT_STRING(email) FROM customer GROUP "
      "BY email\"\n");
  // A key that is not selected is fetched as a hidden column.
  std::string hidden_key = Plan("select count(*) from customer group by customer_id % 4");
  EXPECT_NE(hidden_key.find("OrderedAggregate keys=[1(weight 2)] aggregates=[count(0)]"),
            std::string::npos)
      << hidden_key;
}

TEST_F(PlannerTest, HavingOrderAndLimitAfterGrouping) {
  std::string plan = Plan(
      "select email, count(*) as c from customer group by email having c > 2 and sum(customer_id) "
      "< -5 order by c desc, email limit 3");
  // No HAVING, ORDER BY or LIMIT reaches the shards; HAVING's aggregates are hidden columns.
  EXPECT_EQ(plan,
            "TruncateColumns hidden=2\n"
            "  Limit count=3 offset=0\n"
            "    MemorySort 1 DESC, 0(weight 2) ASC\n"
            "      Filter ([1] > 2 AND [3] < -5)\n"
            "        OrderedAggregate keys=[0(weight 2)] aggregates=[count(1), sum(3)]\n"
            "          MemorySort 0(weight 2) ASC\n"
            "            Route Scatter keyspace=customer query=\"SELECT email, count(*) AS c, "
            "WEIGHT_STRING(email), sum(customer_id) FROM customer GROUP BY email\"\n");
  // MIN / MAX may be text: MariaDB evaluates the condition over the merged values.
  EXPECT_NE(Plan("select email from customer group by email having max(email) = 'x'")
                .find("Filter [4] = 1\n    ComputeColumns columns=4\n"),
            std::string::npos)
      << Plan("select email from customer group by email having max(email) = 'x'");
  // COUNT(DISTINCT x): shards group by x, vtgate counts distinct values.
  EXPECT_EQ(Plan("select count(distinct email), sum(customer_id) from customer"),
            "TruncateColumns hidden=1\n"
            "  OrderedAggregate keys=[] aggregates=[count_distinct(0), sum(1)]\n"
            "    Route Scatter keyspace=customer query=\"SELECT email AS `count(DISTINCT email)`, "
            "sum(customer_id), WEIGHT_STRING(email) FROM customer GROUP BY email\"\n");
}

TEST_F(PlannerTest, GroupConcatIsBuiltInVtgateFromFineGroups) {
  // Shards group by the argument too (and by its bytes, so 'a' and 'A' stay
  // apart) and count the rows of each partial group; the session's
  // group_concat_max_len comes along.
  EXPECT_EQ(Plan("select email, group_concat(distinct customer_id order by customer_id desc "
                 "separator ';') from customer group by email"),
            "TruncateColumns hidden=5\n"
            "  OrderedAggregate keys=[0(weight 6)] aggregates=[group_concat(1)]\n"
            "    MemorySort 0(weight 6) ASC\n"
            "      Route Scatter keyspace=customer query=\"SELECT email, group_concat(DISTINCT "
            "customer_id ORDER BY customer_id DESC SEPARATOR ';'), customer_id, "
            "WEIGHT_STRING(customer_id), COUNT(*), @@group_concat_max_len, WEIGHT_STRING(email) "
            "FROM customer GROUP BY email, customer_id, CAST(customer_id AS BINARY)\"\n");
  EXPECT_EQ(
      Plan("select group_concat(email, customer_id order by 2, email) from customer"),
      "TruncateColumns hidden=6\n"
      "  OrderedAggregate keys=[] aggregates=[group_concat(0)]\n"
      "    Route Scatter keyspace=customer query=\"SELECT group_concat(DISTINCT email, customer_id "
      "ORDER BY 2, email), email, WEIGHT_STRING(email), customer_id, "
      "WEIGHT_STRING(customer_id), COUNT(*), @@group_concat_max_len FROM customer GROUP BY "
      "email, CAST(email AS BINARY), customer_id, CAST(customer_id AS BINARY)\"\n");
}

TEST_F(PlannerTest, VarianceTravelsAsCountSumAndFullPrecisionVarPop) {
  EXPECT_EQ(Plan("select email, stddev_samp(customer_id) from customer group by email"),
            "TruncateColumns hidden=4\n"
            "  OrderedAggregate keys=[0(weight 5)] aggregates=[variance(1)]\n"
            "    MemorySort 0(weight 5) ASC\n"
            "      Route Scatter keyspace=customer query=\"SELECT email, stddev_samp(customer_id), "
            "COUNT(customer_id), SUM(customer_id), CAST(VAR_POP(customer_id) AS DOUBLE), "
            "WEIGHT_STRING(email) FROM customer GROUP BY email\"\n");
  EXPECT_EQ(Plan("select count(distinct email, customer_id) from customer"),
            "TruncateColumns hidden=3\n"
            "  OrderedAggregate keys=[] aggregates=[count_distinct(0)]\n"
            "    Route Scatter keyspace=customer query=\"SELECT email AS `count(DISTINCT email, "
            "customer_id)`, customer_id, WEIGHT_STRING(customer_id), WEIGHT_STRING(email) FROM "
            "customer GROUP BY email, customer_id\"\n");
}

TEST_F(PlannerTest, ExpressionsOverAggregatesAfterGrouping) {
  // ORDER BY an alias of an expression over aggregates: computed, with its weight.
  EXPECT_EQ(Plan("select email, sum(customer_id) * 2 as d from customer group by email order by d"),
            "TruncateColumns hidden=3\n"
            "  MemorySort 1(weight 4) ASC\n"
            "    ComputeColumns columns=1,4\n"
            "      OrderedAggregate keys=[0(weight 2)] aggregates=[sum(3)]\n"
            "        MemorySort 0(weight 2) ASC\n"
            "          Route Scatter keyspace=customer query=\"SELECT email, NULL AS d, "
            "WEIGHT_STRING(email), sum(customer_id), NULL FROM customer GROUP BY email\"\n");
  // HAVING on a key that is not selected: MariaDB computes the condition.
  EXPECT_EQ(Plan("select count(*) from customer group by email having email = 'x'"),
            "TruncateColumns hidden=3\n"
            "  Filter [3] = 1\n"
            "    ComputeColumns columns=3\n"
            "      OrderedAggregate keys=[1(weight 2)] aggregates=[count(0)]\n"
            "        MemorySort 1(weight 2) ASC\n"
            "          Route Scatter keyspace=customer query=\"SELECT count(*), email, "
            "WEIGHT_STRING(email), NULL FROM customer GROUP BY email\"\n");
  // SELECT DISTINCT with every key selected changes nothing; otherwise a Distinct.
  EXPECT_EQ(Plan("select distinct email, count(*) from customer group by email"),
            "TruncateColumns hidden=1\n"
            "  OrderedAggregate keys=[0(weight 2)] aggregates=[count(1)]\n"
            "    MemorySort 0(weight 2) ASC\n"
            "      Route Scatter keyspace=customer query=\"SELECT email, count(*), "
            "WEIGHT_STRING(email) FROM customer GROUP BY email\"\n");
  EXPECT_EQ(Plan("select distinct count(*) from customer group by email"),
            "TruncateColumns hidden=2\n"
            "  Distinct keys=1\n"
            "    OrderedAggregate keys=[1(weight 2)] aggregates=[count(0)]\n"
            "      MemorySort 1(weight 2) ASC\n"
            "        Route Scatter keyspace=customer query=\"SELECT count(*), email, "
            "WEIGHT_STRING(email) FROM customer GROUP BY email\"\n");
}

// Shapes vtgate cannot merge run as they are when they reach one shard (an
// IN list may), and over copied rows when they scatter.
TEST_F(PlannerTest, ShapesNotMergedYetAreSingleShardOnly) {
  const std::string copied =
      Plan("select email, json_arrayagg(customer_id) from customer group by email");
  EXPECT_EQ(copied.rfind("Materialize keyspace=customer query=\"SELECT email, "
                         "json_arrayagg(customer_id) FROM (SELECT <rows of customer>) AS customer "
                         "GROUP BY email\"\n",
                         0),
            0u)
      << copied;
  EXPECT_NE(Plan("select email, json_arrayagg(customer_id) from customer where customer_id in (1, "
                 "2) group by email")
                .find("single_shard_only=\"aggregate function json_arrayagg\""),
            std::string::npos);
  EXPECT_NE(Plan("select group_concat(email order by 2) from customer where customer_id in (1, 2)")
                .find("single_shard_only=\"GROUP_CONCAT ORDER BY position 2\""),
            std::string::npos);
  // Positions and limits too large for 64 bits are refused, not a crash.
  EXPECT_NE(
      Plan("select group_concat(email order by 99999999999999999999999) from customer where "
           "customer_id in (1, 2)")
          .find("single_shard_only=\"GROUP_CONCAT ORDER BY position 99999999999999999999999\""),
      std::string::npos);
  EXPECT_NE(Plan("select count(*) from customer where customer_id in (1, 2) group by email order "
                 "by 99999999999999999999999")
                .find("single_shard_only"),
            std::string::npos);
  EXPECT_NE(Plan("select email from customer where customer_id in (1, 2) order by email limit "
                 "99999999999999999999999")
                .find("single_shard_only=\"LIMIT values beyond 64 bits\""),
            std::string::npos);
  // An expression over aggregates is computed by MariaDB over the merged values.
  EXPECT_NE(Plan("select count(*) + 1 from customer").find("ComputeColumns columns=0"),
            std::string::npos);
  // WITH ROLLUP: vtgate adds the super-aggregate rows, unless an item would go stale in them.
  EXPECT_EQ(Plan("select email, count(*) from customer group by email with rollup"),
            "TruncateColumns hidden=1\n"
            "  OrderedAggregate keys=[0(weight 2)] aggregates=[count(1)] rollup\n"
            "    MemorySort 0(weight 2) ASC\n"
            "      Route Scatter keyspace=customer query=\"SELECT email, count(*), "
            "WEIGHT_STRING(email) FROM customer GROUP BY email\"\n");
  EXPECT_NE(Plan("select email, customer_id + 1, count(*) from customer where customer_id in (1, "
                 "2) group by email with rollup")
                .find("single_shard_only=\"WITH ROLLUP with an item that is neither a group key "
                      "nor an aggregate\""),
            std::string::npos);
  EXPECT_NE(Plan("select email, count(*) from customer where customer_id in (1, 2) group by email "
                 "with rollup order by 2")
                .find("single_shard_only=\"WITH ROLLUP and ORDER BY\""),
            std::string::npos);
  EXPECT_NE(
      Plan("select customer_id from customer where customer_id in (1, 2) having customer_id > 3")
          .find("single_shard_only=\"HAVING without GROUP BY or aggregates\""),
      std::string::npos);
  EXPECT_NE(Plan("select count(*) from customer where customer_id in (1, 2) group by email order "
                 "by customer_id")
                .find("single_shard_only=\"expression 'customer_id' after grouping\""),
            std::string::npos);
  // An aggregate only in ORDER BY still makes one group of all rows.
  EXPECT_NE(Plan("select count(*) as c from customer order by max(email)")
                .find("OrderedAggregate keys=[] aggregates=[count(0), max(1)]"),
            std::string::npos);
  // A refused shape keeps the statement as written.
  std::string refused = Plan(
      "select email, json_arrayagg(customer_id) from customer where customer_id in (1, 2) group by "
      "email");
  EXPECT_NE(
      refused.find(
          "query=\"SELECT email, json_arrayagg(customer_id) FROM customer WHERE customer_id IN "
          "(1, 2) GROUP BY email\""),
      std::string::npos)
      << refused;
  // A point query needs no merging at all.
  EXPECT_EQ(
      Plan("select email from customer where customer_id = 1 order by email limit 1"),
      "Route EqualUnique keyspace=customer vindex=hash query=\"select email from customer where "
      "customer_id = 1 order by email limit 1\"\n");
}

TEST(PulloutValueTest, AnswersBecomeValuesAsSqlHasThem) {
  ResultSet answer;
  Field id;
  id.type = FieldType::kLongLong;
  answer.fields.push_back(id);
  Pullout::Spec in{Pullout::Kind::kIn, 0, "x", false};
  Pullout::Spec not_in{Pullout::Kind::kIn, 0, "x", true};
  Pullout::Spec value{Pullout::Kind::kValue, 0, "", false};
  Pullout::Spec exists{Pullout::Kind::kExists, 0, "", false};
  // No rows: IN is false, NOT IN true (even for a NULL x), a value NULL.
  EXPECT_EQ(Pullout::ValueOf(answer, in)->sql, "FALSE");
  EXPECT_EQ(Pullout::ValueOf(answer, not_in)->sql, "TRUE");
  EXPECT_EQ(Pullout::ValueOf(answer, value)->sql, "NULL");
  EXPECT_EQ(Pullout::ValueOf(answer, exists)->sql, "FALSE");
  answer.rows = {{Value("3")}, {std::nullopt}};
  EXPECT_EQ(Pullout::ValueOf(answer, not_in)->sql, "(x NOT IN (3, NULL))");
  EXPECT_EQ(Pullout::ValueOf(answer, exists)->sql, "TRUE");
  EXPECT_EQ(Pullout::ValueOf(answer, value).error().code, 1242);
  answer.rows.pop_back();
  EXPECT_EQ(Pullout::ValueOf(answer, value)->sql, "3");
  answer.fields.push_back(id);
  answer.rows = {{Value("3"), Value("4")}};
  EXPECT_EQ(Pullout::ValueOf(answer, in).error().code, 1241);
}

}  // namespace
}  // namespace tessera::vtgate

namespace tessera::vtgate {
namespace {

// A lookup vindex's table is in an unsharded keyspace; the vindex is a
// secondary vindex of exactly one table.
TEST(LookupVindexSchemaTest, BuildChecksWhereTheTableIsAndWhoOwnsIt) {
  auto with_lookup = [](const std::string& table, bool primary, bool two_owners) {
    config::Topology topo = testing::TestTopology();
    config::KeyspaceConfig& customer = topo.keyspaces[1];
    customer.vindexes.push_back(
        {"email_idx", "lookup_unique", {{"table", table}, {"from", "email"}, {"to", "ksid"}}});
    if (primary) {
      customer.tables.push_back({"users", {{"email", "email_idx"}}, "", {}});
    } else {
      customer.tables.push_back({"users", {{"id", "hash"}, {"email", "email_idx"}}, "", {}});
    }
    if (two_owners)
      customer.tables.push_back({"admins", {{"id", "hash"}, {"email", "email_idx"}}, "", {}});
    auto built = VSchema::Build(topo);
    return built.ok() ? std::string() : built.error().message;
  };
  EXPECT_EQ(with_lookup("commerce.email_idx", false, false), "");
  EXPECT_NE(
      with_lookup("customer.email_idx", false, false).find("must be in an unsharded keyspace"),
      std::string::npos);
  EXPECT_NE(with_lookup("nosuch.email_idx", false, false).find("must be in an unsharded keyspace"),
            std::string::npos);
  EXPECT_NE(with_lookup("commerce.email_idx", true, false).find("cannot be the primary vindex"),
            std::string::npos);
  EXPECT_NE(with_lookup("commerce.email_idx", false, true).find("has one owner table"),
            std::string::npos);
}

}  // namespace
}  // namespace tessera::vtgate
