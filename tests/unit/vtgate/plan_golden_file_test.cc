#include "tests/unit/vtgate/plan_golden_file.h"

#include <gtest/gtest.h>

namespace tessera::vtgate::testing {
namespace {

TEST(PlanGoldenFileTest, ReadsCasesDirectivesAndCommentBlocks) {
  const std::string text =
      "# A file note.\n"
      "\n"
      "# Point select.\n"
      "# More words.\n"
      "select 1 from t\n"
      "Route A\n"
      "  Route B\n"
      "\n"
      "\n"
      "# No keyspace, two binds.\n"
      "@keyspace\n"
      "@binds 2\n"
      "@last_insert_id 42\n"
      "@connection_id 7\n"
      "select :v1\n";
  auto blocks = ParsePlanGoldenFile(text);
  ASSERT_TRUE(blocks.ok()) << blocks.error().message;
  ASSERT_EQ(blocks->size(), 3u);
  EXPECT_FALSE((*blocks)[0].is_case());
  EXPECT_EQ((*blocks)[1].Name(), "Point select.");
  EXPECT_EQ((*blocks)[1].query, "select 1 from t");
  EXPECT_EQ((*blocks)[1].expected, "Route A\n  Route B\n");
  EXPECT_EQ((*blocks)[1].keyspace, "customer");
  EXPECT_EQ((*blocks)[1].line, 3u);
  EXPECT_EQ((*blocks)[2].keyspace, "");
  EXPECT_EQ((*blocks)[2].bind_count, 2u);
  EXPECT_EQ((*blocks)[2].last_insert_id, 42u);
  EXPECT_EQ((*blocks)[2].connection_id, 7u);
  EXPECT_EQ((*blocks)[2].expected, "");
  EXPECT_EQ((*blocks)[2].line, 10u);
}

TEST(PlanGoldenFileTest, FormatKeepsEverythingButThePlans) {
  const std::string text =
      "# A file note.\n"
      "\n"
      "# Case.\n"
      "@keyspace commerce\n"
      "select 1\n"
      "Old\n";
  auto blocks = ParsePlanGoldenFile(text);
  ASSERT_TRUE(blocks.ok());
  EXPECT_EQ(FormatPlanGoldenFile(*blocks, {"", "Old\n"}), text);
  EXPECT_EQ(FormatPlanGoldenFile(*blocks, {"", "New\n  Child\n"}),
            "# A file note.\n\n# Case.\n@keyspace commerce\nselect 1\nNew\n  Child\n");
}

TEST(PlanGoldenFileTest, RefusesUnknownDirectives) {
  EXPECT_FALSE(ParsePlanGoldenFile("# c\n@shard 0\nselect 1\n").ok());
  EXPECT_FALSE(ParsePlanGoldenFile("# c\n@binds x\nselect 1\n").ok());
  EXPECT_FALSE(ParsePlanGoldenFile("# c\n@binds 1\n").ok());
  EXPECT_FALSE(ParsePlanGoldenFile("# c\n@connection_id -1\nselect 1\n").ok());
}

}  // namespace
}  // namespace tessera::vtgate::testing
