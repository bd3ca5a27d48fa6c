#include "vtgate/query_directives.h"

#include <gtest/gtest.h>

namespace tessera::vtgate {
namespace {

TEST(QueryDirectivesTest, FindsTheTimeoutInAVitessComment) {
  EXPECT_EQ(QueryTimeoutDirective("SELECT /*vt+ QUERY_TIMEOUT_MS=250 */ * FROM t"), 250u);
  EXPECT_EQ(QueryTimeoutDirective("/*vt+ query_timeout_ms = 7 */ SELECT 1"), 7u);
  EXPECT_EQ(
      QueryTimeoutDirective("SELECT /*vt+ SCATTER_ERRORS_AS_WARNINGS QUERY_TIMEOUT_MS=9 */ 1"), 9u);
  EXPECT_FALSE(QueryTimeoutDirective("SELECT 1"));
  EXPECT_FALSE(QueryTimeoutDirective("SELECT /* QUERY_TIMEOUT_MS=5 */ 1"));
  EXPECT_FALSE(QueryTimeoutDirective("SELECT /*vt+ QUERY_TIMEOUT_MS=abc */ 1"));
  EXPECT_FALSE(QueryTimeoutDirective("SELECT /*vt+ QUERY_TIMEOUT_MS=5"));
  // Inside a string it is data.
  EXPECT_FALSE(QueryTimeoutDirective("SELECT '/*vt+ QUERY_TIMEOUT_MS=5 */'"));
}

TEST(QueryDirectivesTest, MillisecondsBecomeSeconds) {
  EXPECT_EQ(MaxStatementTime(250), "0.250");
  EXPECT_EQ(MaxStatementTime(1500), "1.500");
  EXPECT_EQ(MaxStatementTime(3), "0.003");
}

}  // namespace
}  // namespace tessera::vtgate
