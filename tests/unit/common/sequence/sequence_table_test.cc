#include "common/sequence_table.h"

#include <gtest/gtest.h>

namespace tessera {
namespace {

TEST(SequenceTable, NextValuesRoundTrips) {
  auto parsed = ParseNextValues(NextValuesStatement("order_seq", 25));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->table, "order_seq");
  EXPECT_EQ(parsed->count, 25u);
  auto odd = ParseNextValues(NextValuesStatement("we`ird", 1));
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->table, "we`ird");
}

TEST(SequenceTable, ParsesAnyCaseAndSpacing) {
  auto parsed = ParseNextValues("  select   NEXT 3 values  FROM seq_1 ;");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->table, "seq_1");
  EXPECT_EQ(parsed->count, 3u);
}

TEST(SequenceTable, OtherStatementsAreNotNextValues) {
  for (const char* sql :
       {"SELECT next_id FROM seq", "SELECT NEXT VALUES FROM seq", "SELECT NEXT 0 VALUES FROM seq",
        "SELECT NEXT 2000000 VALUES FROM seq", "SELECT NEXT -1 VALUES FROM seq",
        "SELECT NEXT 1 VALUES FROM", "SELECT NEXT 1 VALUES FROM seq; DROP TABLE t",
        "SELECT NEXT 1 VALUES FROM `seq", "SELECT NEXT 1 VALUES FROM `s` x",
        "SELECT NEXT 1x VALUES FROM seq", "select 1", "", "SELECT NEXT"}) {
    EXPECT_FALSE(ParseNextValues(sql)) << sql;
  }
}

TEST(SequenceTable, DdlCreatesTheTableAndItsRowOnce) {
  auto ddl = SequenceTableDdl("s");
  ASSERT_EQ(ddl.size(), 2u);
  EXPECT_EQ(ddl[0].rfind("CREATE TABLE IF NOT EXISTS `s` ", 0), 0u);
  EXPECT_EQ(ddl[1], "INSERT IGNORE INTO `s` (id, next_id, cache) VALUES (0, 1, 1000)");
}

}  // namespace
}  // namespace tessera
