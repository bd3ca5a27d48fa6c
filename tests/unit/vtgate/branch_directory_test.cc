#include "vtgate/branch_directory.h"

#include <gtest/gtest.h>

namespace tessera::vtgate {
namespace {

TEST(BranchDirectory, ConfigAccountsWinAndSnapshotsReplaceEachOther) {
  BranchDirectory directory({"app"});
  directory.Replace({{"dev-abc", "*HASH", "customer", "dev", BranchRole::kWriter},
                     {"app", "*OTHER", "customer", "dev", BranchRole::kAdmin}},
                    {{"customer", "main", "", true, true, "complete", ""},
                     {"customer", "dev", "main", false, false, "complete", ""},
                     {"commerce", "main", "", true, false, "complete", ""}});
  auto dev = directory.FindCredential("dev-abc");
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->branch, "dev");
  EXPECT_EQ(dev->role, BranchRole::kWriter);
  EXPECT_FALSE(directory.FindCredential("app"));  // the config account
  EXPECT_FALSE(directory.FindCredential("nobody"));
  auto main = directory.FindBranch("customer", "main");
  ASSERT_TRUE(main);
  EXPECT_TRUE(main->safe_migrations);
  EXPECT_EQ(directory.Branches("customer").size(), 2u);

  directory.Replace({}, {});
  EXPECT_FALSE(directory.FindCredential("dev-abc"));
  EXPECT_TRUE(directory.Branches("customer").empty());
}

TEST(BranchDirectory, DatabaseNamesAndRoles) {
  EXPECT_EQ(BranchDatabase("customer", "main"), "vt_customer");
  EXPECT_EQ(BranchDatabase("customer", ""), "vt_customer");
  EXPECT_EQ(BranchDatabase("customer", "add-status"), "vt_customer__add_status");
  EXPECT_EQ(ParseBranchRole("reader"), BranchRole::kReader);
  EXPECT_EQ(ParseBranchRole("admin"), BranchRole::kAdmin);
  EXPECT_FALSE(ParseBranchRole("root"));
}

}  // namespace
}  // namespace tessera::vtgate
