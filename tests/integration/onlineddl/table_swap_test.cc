// The cut-over swap (SwapTables) against a real MariaDB, with the
// interferences a busy server brings: a write queued on the table while its
// lock is held, and another session (InnoDB purge, statistics, a reader)
// holding a metadata lock on the ghost or the parked name at the moment the
// RENAME starts. A write queued during the cut-over must land in the new
// table, never in the old one after the final sync.
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/onlineddl/mariadb_test_base.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/onlineddl/ddl_request.h"
#include "vttablet/onlineddl/table_swap.h"

namespace tessera::vttablet::onlineddl {
namespace {

class TableSwapTest : public MariaDbTestBase {
 protected:
  // Waits until session `id` waits for a metadata lock.
  bool WaitsForMetadataLock(uint64_t id) {
    for (int i = 0; i < 500; ++i) {
      auto state = sql_->QueryValue("SELECT STATE FROM information_schema.PROCESSLIST WHERE ID = " +
                                    std::to_string(id));
      if (state.ok() && state.value() && state.value()->find("metadata lock") != std::string::npos)
        return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  // Swaps `t` for its ghost while `holder` keeps a metadata lock on
  // `held_table` for a while, and a writer's UPDATE of `t` is queued behind
  // the cut-over lock. Returns where the write landed.
  void SwapWithHeldLockAndQueuedWrite(const std::string& table, const std::string& held) {
    const std::string ghost = GhostTableName(table, "0f1e2d3c-swap");
    const std::string parked = ParkedTableName(table, "0f1e2d3c-swap", "del");
    Exec("DROP TABLE IF EXISTS " + table + ", " + ghost + ", " + parked);
    Exec("CREATE TABLE " + table + " (id INT PRIMARY KEY, a INT NOT NULL) ENGINE=InnoDB");
    Exec("CREATE TABLE " + ghost + " (id INT PRIMARY KEY, a INT NOT NULL, z INT DEFAULT 7)");
    Exec("INSERT INTO " + table + " VALUES (1, 10)");
    Exec("INSERT INTO " + ghost + " (id, a) VALUES (1, 10)");

    // Another session holds a metadata lock on `held` until released.
    auto holder = Connect();
    ASSERT_NE(holder, nullptr);
    ASSERT_TRUE(holder->Execute("BEGIN").ok());
    if (held == "ghost") {
      ASSERT_TRUE(holder->Query("SELECT * FROM " + ghost + " LIMIT 1").ok());
    }

    auto writer = Connect();
    ASSERT_NE(writer, nullptr);
    uint64_t writer_id = writer->ThreadId();
    std::future<Result<uint64_t>> write;
    std::future<void> release;

    SwapRequest request{kDb, table, ghost, parked, std::chrono::milliseconds(2000)};
    auto swapped = SwapTables(Params(), request, [&](const BinlogPosition&) -> Status {
      // The write queues behind the cut-over lock...
      write = std::async(std::launch::async, [&writer, &table] {
        return writer->Execute("UPDATE " + table + " SET a = a + 1 WHERE id = 1");
      });
      if (!WaitsForMetadataLock(writer_id)) return Error::Internal("the writer never queued");
      // ...and the holder lets go only after the RENAME has started.
      release = std::async(std::launch::async, [&holder] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        (void)holder->Execute("COMMIT");
      });
      return Status::Ok();
    });
    ASSERT_TRUE(swapped.ok()) << swapped.error().message;
    auto written = write.get();
    release.get();
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(written.value(), 1u);
    // The write went to the new table (it has column z), not the parked one.
    EXPECT_EQ(Value("SELECT a FROM " + table + " WHERE id = 1"), "11");
    EXPECT_EQ(Value("SELECT z FROM " + table + " WHERE id = 1"), "7");
    EXPECT_EQ(Value("SELECT a FROM " + parked + " WHERE id = 1"), "10");
  }
};

TEST_F(TableSwapTest, AWriteQueuedDuringTheCutOverLandsInTheNewTable) {
  SwapWithHeldLockAndQueuedWrite("t", "none");
}

// The RENAME takes its locks in name order. If the ghost's name came before
// the table's, a session holding the ghost (purge, statistics, a reader)
// would make the RENAME wait there, not yet queued on the table: the unlock
// would then let the queued write into the old table after the final sync.
TEST_F(TableSwapTest, AWriteQueuedWhileAnotherSessionHoldsTheGhostLandsInTheNewTable) {
  SwapWithHeldLockAndQueuedWrite("t", "ghost");
  SwapWithHeldLockAndQueuedWrite("sbtest1", "ghost");
  SwapWithHeldLockAndQueuedWrite("_leading_underscore", "ghost");
}

TEST_F(TableSwapTest, ANameThatSortsBeforeTheTableIsRefusedAndNothingChanges) {
  Exec("DROP TABLE IF EXISTS u, _u_gho, u_x_del");
  Exec("CREATE TABLE u (id INT PRIMARY KEY)");
  Exec("CREATE TABLE _u_gho (id INT PRIMARY KEY, z INT)");
  bool synced = false;
  SwapRequest request{kDb, "u", "_u_gho", "u_x_del", std::chrono::milliseconds(2000)};
  auto swapped = SwapTables(Params(), request, [&](const BinlogPosition&) -> Status {
    synced = true;
    return Status::Ok();
  });
  ASSERT_FALSE(swapped.ok());
  EXPECT_NE(swapped.error().message.find("must sort after it"), std::string::npos)
      << swapped.error().message;
  EXPECT_FALSE(synced);
  EXPECT_EQ(Value("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                  "DATABASE() AND TABLE_NAME = 'u'"),
            "1");
  EXPECT_EQ(Value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                  "DATABASE() AND TABLE_NAME = 'u_x_del'"),
            "0");
}

}  // namespace
}  // namespace tessera::vttablet::onlineddl
