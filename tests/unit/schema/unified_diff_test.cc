// UnifiedSchemaDiff: headers, hunks and line prefixes.
#include <gtest/gtest.h>

#include "schema/diff/diff.h"

namespace tessera::schema {
namespace {

Schema MustSchema(const std::vector<std::string>& statements) {
  auto s = ParseSchema(statements);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().ToString());
  return s.ok() ? std::move(s).value() : Schema{};
}

TEST(UnifiedSchemaDiff, EqualSchemasGiveNothing) {
  Schema s = MustSchema({"CREATE TABLE t (a int)"});
  EXPECT_EQ(UnifiedSchemaDiff(s, s), "");
}

TEST(UnifiedSchemaDiff, ChangedTableHunk) {
  Schema from = MustSchema({"CREATE TABLE t (a int, b int, c int, d int, e int, f int, g int)"});
  Schema to = MustSchema({"CREATE TABLE t (a int, b int, c int, d bigint, e int, f int, g int)"});
  EXPECT_EQ(UnifiedSchemaDiff(from, to),
            "--- a/t\n"
            "+++ b/t\n"
            "@@ -2,7 +2,7 @@\n"
            "   `a` int DEFAULT NULL,\n"
            "   `b` int DEFAULT NULL,\n"
            "   `c` int DEFAULT NULL,\n"
            "-  `d` int DEFAULT NULL,\n"
            "+  `d` bigint DEFAULT NULL,\n"
            "   `e` int DEFAULT NULL,\n"
            "   `f` int DEFAULT NULL,\n"
            "   `g` int DEFAULT NULL\n");
}

TEST(UnifiedSchemaDiff, CreatedAndDroppedTables) {
  Schema from = MustSchema({"CREATE TABLE gone (a int)"});
  Schema to = MustSchema({"CREATE TABLE fresh (b int)"});
  EXPECT_EQ(UnifiedSchemaDiff(from, to),
            "--- /dev/null\n"
            "+++ b/fresh\n"
            "@@ -0,0 +1,3 @@\n"
            "+CREATE TABLE `fresh` (\n"
            "+  `b` int DEFAULT NULL\n"
            "+) ENGINE=InnoDB\n"
            "--- a/gone\n"
            "+++ /dev/null\n"
            "@@ -1,3 +0,0 @@\n"
            "-CREATE TABLE `gone` (\n"
            "-  `a` int DEFAULT NULL\n"
            "-) ENGINE=InnoDB\n");
}

TEST(UnifiedSchemaDiff, DistantChangesMakeSeparateHunks) {
  std::string a = "CREATE TABLE t (c0 int";
  std::string b = "CREATE TABLE t (c0 bigint";
  for (int i = 1; i < 20; ++i) {
    a += ", c" + std::to_string(i) + " int";
    b += ", c" + std::to_string(i) + (i == 19 ? " bigint" : " int");
  }
  const std::string diff = UnifiedSchemaDiff(MustSchema({a + ")"}), MustSchema({b + ")"}));
  EXPECT_NE(diff.find("@@ -1,5 +1,5 @@\n"), std::string::npos) << diff;
  EXPECT_NE(diff.find("@@ -18,5 +18,5 @@\n"), std::string::npos) << diff;
  size_t hunks = 0;
  for (size_t p = diff.find("@@ -"); p != std::string::npos; p = diff.find("@@ -", p + 1)) ++hunks;
  EXPECT_EQ(hunks, 2u);
}

}  // namespace
}  // namespace tessera::schema
