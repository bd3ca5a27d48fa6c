#include "common/like_match.h"

#include <string>

#include <gtest/gtest.h>

namespace tessera {
namespace {

TEST(LikeMatch, PercentAndUnderscore) {
  EXPECT_TRUE(LikeMatch("commerce", "comm%"));
  EXPECT_TRUE(LikeMatch("commerce", "%merce"));
  EXPECT_TRUE(LikeMatch("commerce", "%mm%"));
  EXPECT_TRUE(LikeMatch("commerce", "c_mmerce"));
  EXPECT_TRUE(LikeMatch("commerce", "%"));
  EXPECT_TRUE(LikeMatch("", "%"));
  EXPECT_TRUE(LikeMatch("", ""));
  EXPECT_FALSE(LikeMatch("commerce", "comm"));
  EXPECT_FALSE(LikeMatch("commerce", "_commerce"));
  EXPECT_FALSE(LikeMatch("", "_"));
  EXPECT_FALSE(LikeMatch("abc", "%d%"));
  EXPECT_TRUE(LikeMatch("abcabd", "%ab_"));
  EXPECT_FALSE(LikeMatch("abcabe", "%abd"));
}

TEST(LikeMatch, IgnoresAsciiCase) {
  EXPECT_TRUE(LikeMatch("Customer", "cUSTOM%"));
  EXPECT_FALSE(LikeMatch("customers", "customer"));
}

TEST(LikeMatch, BackslashEscapesTheNextByte) {
  EXPECT_TRUE(LikeMatch("a_b", "a\\_b"));
  EXPECT_FALSE(LikeMatch("axb", "a\\_b"));
  EXPECT_TRUE(LikeMatch("50%", "50\\%"));
  EXPECT_FALSE(LikeMatch("500", "50\\%"));
  EXPECT_TRUE(LikeMatch("a\\", "a\\"));  // a trailing backslash is itself
}

TEST(LikeMatch, ManyPercentSignsDoNotBacktrackExponentially) {
  // Exponential matching would not finish this test.
  const std::string text(2000, 'a');
  const std::string pattern = std::string(40, '%') + "a%" + std::string(40, '%') + "b";
  EXPECT_FALSE(LikeMatch(text, pattern));
  EXPECT_TRUE(LikeMatch(text + "b", pattern));
}

}  // namespace
}  // namespace tessera
