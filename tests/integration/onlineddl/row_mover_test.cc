// RowMover against a real MariaDB: a refresh during the copy leaves the rows
// the copy has yet to reach to the copy (deleting any early target row, and
// waiting for a transaction still committing one), refreshes the others, and
// the copy then brings the rows ahead with their latest values.
#include <chrono>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/onlineddl/mariadb_test_base.h"
#include "vttablet/onlineddl/row_mover.h"
#include "vttablet/onlineddl/table_info.h"

namespace tessera::vttablet::onlineddl {
namespace {

class RowMoverTest : public MariaDbTestBase {
 protected:
  // `t` with rows 1..10 (a = id * 10); its ghost `g` holds rows 1..4 as the
  // copy left them.
  void SetUp() override {
    MariaDbTestBase::SetUp();
    Exec("DROP TABLE IF EXISTS t, g");
    Exec("CREATE TABLE t (id INT PRIMARY KEY, a INT NOT NULL) ENGINE=InnoDB");
    Exec("CREATE TABLE g (id INT PRIMARY KEY, a INT NOT NULL, z INT NOT NULL DEFAULT 7)");
    Exec("INSERT INTO t SELECT seq, seq * 10 FROM seq_1_to_10");
    Exec("INSERT INTO g (id, a) SELECT id, a FROM t WHERE id <= 4");
  }

  std::optional<RowMover> Mover() {
    auto source = LoadTableInfo(*sql_, kDb, "t");
    auto target = LoadTableInfo(*sql_, kDb, "g");
    EXPECT_TRUE(source.ok() && target.ok());
    if (!source.ok() || !target.ok()) return std::nullopt;
    auto plan = PlanCopy(source.value(), target.value(), {});
    EXPECT_TRUE(plan.ok()) << plan.error().message;
    if (!plan.ok()) return std::nullopt;
    return RowMover(source.value(), "g", plan.value());
  }

  std::string Rows(const std::string& table) {
    return Value("SELECT IFNULL(GROUP_CONCAT(id, ':', a ORDER BY id), '') FROM " + table);
  }

  // Copies the rest of the range (after 4, at most 10) as the copy would.
  void CopyTheRest(const RowMover& mover) {
    auto copied =
        mover.CopyChunk(*sql_, KeyValue{"4"}, KeyValue{"10"}, 100, ChunkEnds::kFromTarget);
    ASSERT_TRUE(copied.ok()) << copied.error().message;
    EXPECT_FALSE(copied.value().last.has_value());
  }

  const UncopiedRange ahead_{KeyValue{"4"}, KeyValue{"10"}};
};

TEST_F(RowMoverTest, ARefreshLeavesTheRowsAheadOfTheCopyToTheCopy) {
  auto mover = Mover();
  ASSERT_TRUE(mover);
  // Changes behind the copy (1 deleted, 2 and 3 updated), ahead of it (7
  // and 8 updated; 7 also has an early ghost row, as a chunk interrupted by
  // a unique key leaves one), and past its end (11 inserted).
  Exec("INSERT INTO g (id, a) VALUES (7, 70)");
  Exec("DELETE FROM t WHERE id = 1");
  Exec("UPDATE t SET a = a + 1 WHERE id IN (2, 3, 7, 8)");
  Exec("INSERT INTO t VALUES (11, 110)");
  std::vector<KeyValue> keys = {{"1"}, {"2"}, {"3"}, {"7"}, {"8"}, {"11"}};
  auto refreshed = mover->Refresh(*sql_, keys, false, ahead_);
  ASSERT_TRUE(refreshed.ok()) << refreshed.error().message;
  EXPECT_EQ(refreshed.value(), 6u);
  // Behind and past the copy: equal to the source; ahead: no row, not even
  // the early one.
  EXPECT_EQ(Rows("g"), "2:21,3:31,4:40,11:110");

  CopyTheRest(*mover);
  EXPECT_EQ(Rows("g"), Rows("t"));
  EXPECT_EQ(Rows("g"), "2:21,3:31,4:40,5:50,6:60,7:71,8:81,9:90,10:100,11:110");
}

TEST_F(RowMoverTest, WithoutACopyRangeARefreshInsertsEveryRow) {
  auto mover = Mover();
  ASSERT_TRUE(mover);
  Exec("UPDATE t SET a = a + 1 WHERE id IN (2, 8)");
  auto refreshed = mover->Refresh(*sql_, {{"2"}, {"8"}}, false);
  ASSERT_TRUE(refreshed.ok()) << refreshed.error().message;
  EXPECT_EQ(Rows("g"), "1:10,2:21,3:30,4:40,8:81");
}

TEST_F(RowMoverTest, ARefreshAheadOfTheCopyWaitsForTheTransactionCommittingTheRow) {
  auto mover = Mover();
  ASSERT_TRUE(mover);
  auto writer = Connect();
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->Execute("BEGIN").ok());
  ASSERT_TRUE(writer->Execute("UPDATE t SET a = 888 WHERE id = 8").ok());

  auto refresh =
      std::async(std::launch::async, [&] { return mover->Refresh(*sql_, {{"8"}}, false, ahead_); });
  // Its binlog event can be read before the commit is visible: the refresh
  // must not return while the row is still being committed.
  EXPECT_EQ(refresh.wait_for(std::chrono::milliseconds(400)), std::future_status::timeout);
  ASSERT_TRUE(writer->Execute("COMMIT").ok());
  ASSERT_EQ(refresh.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  auto refreshed = refresh.get();
  ASSERT_TRUE(refreshed.ok()) << refreshed.error().message;

  CopyTheRest(*mover);
  EXPECT_EQ(Value("SELECT a FROM g WHERE id = 8"), "888");
  EXPECT_EQ(Rows("g"), Rows("t"));
}

TEST_F(RowMoverTest, IntegerKeysEndEachChunkAtTheTargetsGreatestKey) {
  auto mover = Mover();
  ASSERT_TRUE(mover);
  // Both tables have an INT key: one pass per chunk, its end read back.
  auto source = LoadTableInfo(*sql_, kDb, "t");
  auto target = LoadTableInfo(*sql_, kDb, "g");
  ASSERT_TRUE(source.ok() && target.ok());
  EXPECT_EQ(RowMover::ChunkEndsFor(source.value(), target.value(), mover->plan()),
            ChunkEnds::kFromTarget);
  Exec("DELETE FROM t WHERE id IN (5, 6)");  // a gap in the keys
  std::vector<std::string> ends;
  std::optional<KeyValue> after = KeyValue{"4"};
  for (int chunk = 0; chunk < 10 && after; ++chunk) {
    auto copied = mover->CopyChunk(*sql_, after, KeyValue{"10"}, 2, ChunkEnds::kFromTarget);
    ASSERT_TRUE(copied.ok()) << copied.error().message;
    after = copied.value().last;
    ends.push_back(after ? (*after)[0] : "end");
  }
  // 7-8, 9-10, then nothing is left.
  EXPECT_EQ(ends, (std::vector<std::string>{"8", "10", "end"}));
  EXPECT_EQ(Rows("g"), Rows("t"));
}

TEST_F(RowMoverTest, ClearAheadRemovesOnlyTheRowsAheadOfTheCopy) {
  auto mover = Mover();
  ASSERT_TRUE(mover);
  Exec("INSERT INTO g (id, a) VALUES (5, 1), (9, 1), (10, 1), (12, 1)");
  auto cleared = mover->ClearAhead(*sql_, KeyValue{"4"}, KeyValue{"10"});
  ASSERT_TRUE(cleared.ok()) << cleared.error().message;
  EXPECT_EQ(cleared.value(), 3u);
  EXPECT_EQ(Rows("g"), "1:10,2:20,3:30,4:40,12:1");
}

TEST_F(RowMoverTest, StringKeysFindEachChunkEndInTheSourceFirst) {
  Exec("DROP TABLE IF EXISTS s, sg");
  Exec("CREATE TABLE s (name VARCHAR(20) PRIMARY KEY, a INT NOT NULL)");
  Exec("CREATE TABLE sg (name VARCHAR(20) PRIMARY KEY, a INT NOT NULL)");
  Exec("INSERT INTO s VALUES ('b', 1), ('a', 2), ('c', 3)");
  auto source = LoadTableInfo(*sql_, kDb, "s");
  auto target = LoadTableInfo(*sql_, kDb, "sg");
  ASSERT_TRUE(source.ok() && target.ok());
  auto plan = PlanCopy(source.value(), target.value(), {});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(RowMover::ChunkEndsFor(source.value(), target.value(), plan.value()),
            ChunkEnds::kFromSource);
  RowMover mover(source.value(), "sg", plan.value());
  auto max = mover.MaxKey(*sql_);
  ASSERT_TRUE(max.ok() && max.value());
  std::optional<KeyValue> after;
  int chunks = 0;
  do {
    auto copied = mover.CopyChunk(*sql_, after, *max.value(), 2, ChunkEnds::kFromSource);
    ASSERT_TRUE(copied.ok()) << copied.error().message;
    after = copied.value().last;
    ++chunks;
  } while (after && chunks < 10);
  EXPECT_EQ(chunks, 2);
  EXPECT_EQ(Value("SELECT GROUP_CONCAT(name, ':', a ORDER BY name) FROM sg"), "a:2,b:1,c:3");
}

}  // namespace
}  // namespace tessera::vttablet::onlineddl
