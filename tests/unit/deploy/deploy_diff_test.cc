// ComputeDeployDiff, DeployBlockers and StatementTable: what a deploy request
// would change, computed from base, branch and main schemas.
#include <gtest/gtest.h>

#include "schema/deploy/deploy_diff.h"
#include "schema/deploy/request_diff.h"

namespace tessera::schema {
namespace {

const std::string kCustomer =
    "CREATE TABLE `customer` (`customer_id` bigint NOT NULL, `email` varchar(128) DEFAULT NULL, "
    "PRIMARY KEY (`customer_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
const std::string kCustomerWithStatus =
    "CREATE TABLE `customer` (`customer_id` bigint NOT NULL, `email` varchar(128) DEFAULT NULL, "
    "`status` varchar(20) DEFAULT 'active', PRIMARY KEY (`customer_id`), KEY `email_idx` "
    "(`email`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
const std::string kCorder =
    "CREATE TABLE `corder` (`order_id` bigint NOT NULL, `customer_id` bigint DEFAULT NULL, "
    "PRIMARY KEY (`order_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
const std::string kCorderWithSku =
    "CREATE TABLE `corder` (`order_id` bigint NOT NULL, `customer_id` bigint DEFAULT NULL, "
    "`sku` varchar(64) DEFAULT NULL, PRIMARY KEY (`order_id`)) ENGINE=InnoDB DEFAULT "
    "CHARSET=utf8mb4";

TEST(DeployDiffTest, BranchChangeOnly) {
  auto diff =
      ComputeDeployDiff({kCorder, kCustomer}, {kCorder, kCustomerWithStatus}, {kCorder, kCustomer});
  ASSERT_TRUE(diff.ok()) << diff.error().message;
  EXPECT_EQ(diff->tables, std::vector<std::string>{"customer"});
  EXPECT_TRUE(diff->conflicts.empty());
  ASSERT_EQ(diff->ddl.size(), 1u);
  EXPECT_EQ(diff->ddl[0],
            "ALTER TABLE `customer` ADD COLUMN `status` varchar(20) DEFAULT 'active', "
            "ADD KEY `email_idx` (`email`)");
  EXPECT_NE(diff->unified.find("+  `status` varchar(20) DEFAULT 'active',"), std::string::npos)
      << diff->unified;
  EXPECT_FALSE(diff->HasLintErrors());
  EXPECT_TRUE(DeployBlockers(*diff, "add-status", "main").empty());
  ASSERT_EQ(diff->main_tables.size(), 1u);
}

TEST(DeployDiffTest, MainChangesToOtherTablesAreKept) {
  // main added a column to corder after the branch was made: the request
  // must not undo it.
  auto diff = ComputeDeployDiff({kCorder, kCustomer}, {kCorder, kCustomerWithStatus},
                                {kCorderWithSku, kCustomer});
  ASSERT_TRUE(diff.ok()) << diff.error().message;
  EXPECT_TRUE(diff->conflicts.empty());
  ASSERT_EQ(diff->ddl.size(), 1u);
  EXPECT_EQ(diff->ddl[0].rfind("ALTER TABLE `customer`", 0), 0u) << diff->ddl[0];
}

TEST(DeployDiffTest, MainChangedTheSameTableIsAConflict) {
  const std::string main_customer =
      "CREATE TABLE `customer` (`customer_id` bigint NOT NULL, `email` varchar(128) DEFAULT "
      "NULL, `phone` varchar(20) DEFAULT NULL, PRIMARY KEY (`customer_id`)) ENGINE=InnoDB "
      "DEFAULT CHARSET=utf8mb4";
  auto diff = ComputeDeployDiff({kCorder, kCustomer}, {kCorder, kCustomerWithStatus},
                                {kCorder, main_customer});
  ASSERT_TRUE(diff.ok()) << diff.error().message;
  EXPECT_EQ(diff->conflicts, std::vector<std::string>{"customer"});
  auto blockers = DeployBlockers(*diff, "add-status", "main");
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_NE(blockers[0].find("table customer changed on main since branch add-status"),
            std::string::npos)
      << blockers[0];
}

TEST(DeployDiffTest, AlreadyInProductionIsNeitherChangeNorConflict) {
  // The branch's change was deployed: main has it, the base does not.
  auto diff = ComputeDeployDiff({kCustomer}, {kCustomerWithStatus}, {kCustomerWithStatus});
  ASSERT_TRUE(diff.ok()) << diff.error().message;
  EXPECT_TRUE(diff->tables.empty());
  EXPECT_TRUE(diff->conflicts.empty());
  EXPECT_TRUE(diff->ddl.empty());
}

TEST(DeployDiffTest, CreateAndDropTables) {
  const std::string audit =
      "CREATE TABLE `audit` (`id` bigint NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT "
      "CHARSET=utf8mb4";
  auto diff = ComputeDeployDiff({kCorder, kCustomer}, {kCustomer, audit}, {kCorder, kCustomer});
  ASSERT_TRUE(diff.ok()) << diff.error().message;
  EXPECT_EQ(diff->tables, (std::vector<std::string>{"audit", "corder"}));
  ASSERT_EQ(diff->ddl.size(), 2u);
  EXPECT_EQ(StatementTable(diff->ddl[0]), "audit");
  EXPECT_EQ(StatementTable(diff->ddl[1]), "corder");
  EXPECT_EQ(diff->ddl[1].rfind("DROP TABLE", 0), 0u);
}

TEST(DeployDiffTest, NoChangeIsNotDeployable) {
  auto diff = ComputeDeployDiff({kCustomer}, {kCustomer}, {kCustomer});
  ASSERT_TRUE(diff.ok());
  EXPECT_TRUE(diff->ddl.empty());
  auto blockers = DeployBlockers(*diff, "b", "main");
  ASSERT_EQ(blockers.size(), 1u);
  EXPECT_EQ(blockers[0], "branch b has no schema changes to deploy");
}

TEST(DeployDiffTest, LintErrorsBlock) {
  // Dropping the primary key leaves no unique key: cannot be copied online.
  const std::string no_key =
      "CREATE TABLE `customer` (`customer_id` bigint NOT NULL, `email` varchar(128) DEFAULT "
      "NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
  auto diff = ComputeDeployDiff({kCustomer}, {no_key}, {kCustomer});
  ASSERT_TRUE(diff.ok());
  EXPECT_TRUE(diff->HasLintErrors());
  auto blockers = DeployBlockers(*diff, "b", "main");
  ASSERT_FALSE(blockers.empty());
  EXPECT_EQ(blockers[0].rfind("lint error no_unique_key on table customer", 0), 0u) << blockers[0];
}

TEST(DeployDiffTest, UnreadableSchemaNamesIt) {
  auto diff = ComputeDeployDiff({kCustomer}, {"CREATE TABLE nonsense ("}, {kCustomer});
  ASSERT_FALSE(diff.ok());
  EXPECT_EQ(diff.error().message.rfind("the branch's schema", 0), 0u) << diff.error().message;
}

TEST(StatementTableTest, Forms) {
  EXPECT_EQ(StatementTable("ALTER TABLE `customer` ADD COLUMN x int"), "customer");
  EXPECT_EQ(StatementTable("CREATE TABLE IF NOT EXISTS `a``b` (id int)"), "a`b");
  EXPECT_EQ(StatementTable("drop table if exists t1"), "t1");
  EXPECT_EQ(StatementTable("RENAME TABLE a TO b"), "");
  EXPECT_EQ(StatementTable(""), "");
}

}  // namespace
}  // namespace tessera::schema
