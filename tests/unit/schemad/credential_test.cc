#include <gtest/gtest.h>

#include <set>

#include "config/password_hash.h"
#include "schema/branches/credential_issuer.h"

namespace tessera::schema {
namespace {

TEST(CredentialTest, PasswordHashIsMysqlNativePassword) {
  // SELECT PASSWORD('app') and PASSWORD('') on MariaDB 10.11.
  EXPECT_EQ(config::NativePasswordHash("app"), "*5BCB3E6AC345B435C7C2E6B7949A04CE6F6563D3");
  EXPECT_EQ(config::NativePasswordHash(""), "*BE1BDEC0AA74B4DCB079943E70528096CCA985F8");
}

TEST(CredentialTest, RandomCharactersUseTheAlphabet) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    auto lower = RandomCharacters(8, false);
    ASSERT_TRUE(lower.ok());
    ASSERT_EQ(lower->size(), 8u);
    for (char c : *lower) EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) << c;
    auto mixed = RandomCharacters(40, true);
    ASSERT_TRUE(mixed.ok());
    ASSERT_EQ(mixed->size(), 40u);
    for (char c : *mixed) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << c;
    seen.insert(*mixed);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(CredentialTest, UsernamesFitMysqlLimits) {
  EXPECT_EQ(CredentialUsername("dev", "abcd1234"), "dev-abcd1234");
  std::string longest(32, 'b');
  std::string user = CredentialUsername(longest, "abcd1234");
  EXPECT_EQ(user.size(), 32u);
  EXPECT_EQ(user, std::string(23, 'b') + "-abcd1234");
  // A cut that ends in '-' does not double it.
  EXPECT_EQ(CredentialUsername("aaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbb", "abcd1234"),
            "aaaaaaaaaaaaaaaaaaaaaa-abcd1234");
}

TEST(CredentialTest, Roles) {
  EXPECT_TRUE(IsCredentialRole("reader"));
  EXPECT_TRUE(IsCredentialRole("writer"));
  EXPECT_TRUE(IsCredentialRole("admin"));
  EXPECT_FALSE(IsCredentialRole("root"));
  EXPECT_FALSE(IsCredentialRole(""));
}

}  // namespace
}  // namespace tessera::schema
