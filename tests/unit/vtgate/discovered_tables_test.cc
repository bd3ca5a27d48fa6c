#include "vtgate/discovered_tables.h"

#include <gtest/gtest.h>

#include <thread>

#include "vtgate/vschema.h"

namespace tessera::vtgate {
namespace {

TableInfo Sharded(const std::string& name, const std::string& column) {
  TableInfo table;
  table.name = name;
  table.type = TableType::kSharded;
  table.vindexes.push_back({column, "hash", nullptr});
  return table;
}

TEST(DiscoveredTables, ReplaceKeepsUnchangedTablesAndBumpsVersionOnChange) {
  DiscoveredTables tables;
  EXPECT_EQ(tables.Find("a"), nullptr);
  const uint64_t v0 = tables.version();
  tables.Replace({Sharded("a", "id"), Sharded("b", "id")});
  const TableInfo* a = tables.Find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->vindexes[0].column, "id");
  const uint64_t v1 = tables.version();
  EXPECT_GT(v1, v0);
  // The same tables again: nothing changes, the pointer stays.
  tables.Replace({Sharded("a", "id"), Sharded("b", "id")});
  EXPECT_EQ(tables.version(), v1);
  EXPECT_EQ(tables.Find("a"), a);
  // b's key changes and a disappears: the old definitions stay readable.
  const TableInfo* old_b = tables.Find("b");
  tables.Replace({Sharded("b", "other")});
  EXPECT_GT(tables.version(), v1);
  EXPECT_EQ(tables.Find("a"), nullptr);
  ASSERT_NE(tables.Find("b"), nullptr);
  EXPECT_EQ(tables.Find("b")->vindexes[0].column, "other");
  EXPECT_EQ(old_b->vindexes[0].column, "id");
  EXPECT_EQ(a->name, "a");
}

TEST(DiscoveredTables, ClaimRefreshIsRateLimited) {
  DiscoveredTables tables;
  EXPECT_TRUE(tables.ClaimRefresh(std::chrono::milliseconds(50)));
  EXPECT_FALSE(tables.ClaimRefresh(std::chrono::milliseconds(50)));
  EXPECT_TRUE(tables.ClaimRefresh(std::chrono::milliseconds(0)));  // forced
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  EXPECT_TRUE(tables.ClaimRefresh(std::chrono::milliseconds(50)));
}

TEST(DiscoveredTables, ConcurrentReadersSeeWholeDefinitions) {
  DiscoveredTables tables;
  tables.Replace({Sharded("t", "c0")});
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop) {
      const TableInfo* t = tables.Find("t");
      ASSERT_NE(t, nullptr);
      ASSERT_EQ(t->vindexes.size(), 1u);
      ASSERT_EQ(t->vindexes[0].column[0], 'c');
    }
  });
  for (int i = 1; i < 200; ++i) tables.Replace({Sharded("t", "c" + std::to_string(i))});
  stop = true;
  reader.join();
  EXPECT_EQ(tables.Find("t")->vindexes[0].column, "c199");
}

}  // namespace
}  // namespace tessera::vtgate
