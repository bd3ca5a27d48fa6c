// ShardDataCopy: copies the rows of one database into another on the same
// MariaDB server (a branch's parent database into the branch's database on
// one shard), as of one consistent snapshot.
//
// Contract:
//  - the tables copied are the parent's base tables when Run starts; each is
//    copied into the branch's table of the same name, which must exist and
//    should be empty (a branch table the user dropped is skipped; a
//    duplicate key fails the copy);
//  - every row read comes from one InnoDB read view: one connection runs
//    START TRANSACTION WITH CONSISTENT SNAPSHOT (REPEATABLE READ, read only)
//    and only reads, with plain non-locking SELECTs; a second connection
//    writes the rows in batched multi-row INSERTs (autocommit). Writers to
//    the parent are never blocked by row locks; DDL on a parent table waits
//    for the end of the copy once that table has been read (metadata lock),
//    as with mysqldump --single-transaction. Non-InnoDB tables have no
//    snapshot and are copied as they are when read;
//  - a table with a primary key whose columns all order like their literals
//    (data_copy_sql.h KeysetComparable) is read in key order in chunks of
//    `chunk_rows` (keyset pagination); any other table in one streamed pass;
//  - generated columns are not copied (the branch computes them); columns
//    present on one side only are left out (the branch's get their default);
//  - `progress` is called after every batch written, from the calling
//    thread; `stop` is checked between batches.
// A failure names the table: "table `t`: <MariaDB's message>". Run is
// synchronous and may be called once.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "common/error.h"
#include "schema/store/sql_login.h"

namespace tessera::schema {

struct DataCopyOptions {
  size_t chunk_rows = 1000;          // rows per keyset SELECT
  size_t batch_rows = 500;           // rows per INSERT at most
  size_t batch_bytes = 1024 * 1024;  // statement text per INSERT at most (about)
};

class ShardDataCopy {
 public:
  // (rows copied so far, rows estimated in total)
  using ProgressFn = std::function<void(uint64_t, uint64_t)>;
  // The message of the error Run returns when `stop` was set.
  static constexpr const char* kStopped = "data copy cancelled";

  ShardDataCopy(SqlLogin login, std::string from_database, std::string to_database,
                DataCopyOptions options = {})
      : login_(std::move(login)),
        from_(std::move(from_database)),
        to_(std::move(to_database)),
        options_(options) {}

  Status Run(const std::atomic<bool>& stop, const ProgressFn& progress);

 private:
  SqlLogin login_;
  std::string from_;
  std::string to_;
  DataCopyOptions options_;
};

}  // namespace tessera::schema
