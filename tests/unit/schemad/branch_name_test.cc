#include "schema/branches/branch_name.h"

#include <gtest/gtest.h>

#include "schema/store/service_error.h"

namespace tessera::schema {
namespace {

TEST(BranchNameTest, AcceptsLowerCaseDigitsAndDashes) {
  for (const char* name :
       {"dev", "add-index", "a", "feature-42", "x1-y2-z3", "abcdefghijklmnopqrstuvwxyz012345"}) {
    EXPECT_TRUE(ValidateNewBranchName(name).ok()) << name;
    EXPECT_TRUE(IsWellFormedBranchName(name)) << name;
  }
}

TEST(BranchNameTest, RefusesBadNamesAsInvalidArgument) {
  for (const char* name : {"", "Dev", "dev_1", "dev.1", "dev 1", "-dev", "dev-", "dév",
                           "abcdefghijklmnopqrstuvwxyz0123456", "a/b", "a`b"}) {
    Status s = ValidateNewBranchName(name);
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_EQ(KindOf(s.error()), ErrorKind::kInvalidArgument) << name;
    EXPECT_FALSE(IsWellFormedBranchName(name)) << name;
  }
}

TEST(BranchNameTest, MainIsTakenByProduction) {
  Status s = ValidateNewBranchName("main");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(KindOf(s.error()), ErrorKind::kConflict);
  EXPECT_TRUE(IsWellFormedBranchName("main"));
}

TEST(BranchNameTest, DatabaseNames) {
  EXPECT_EQ(BranchDatabaseName("commerce", "main"), "vt_commerce");
  EXPECT_EQ(BranchDatabaseName("commerce", "dev"), "vt_commerce__dev");
  EXPECT_EQ(BranchDatabaseName("customer", "add-email-index"), "vt_customer__add_email_index");
}

}  // namespace
}  // namespace tessera::schema
