// BinlogTail: reads a MariaDB server's binary log from a position up to its
// current end, through Connector/C's replication API (mariadb_rpl_open /
// mariadb_rpl_fetch, non-blocking dump: the read stops at the end of the log),
// and reports the keys of rows changed in one table.
// - Each Read() opens its own replication session and closes it.
// - Reported positions are transaction boundaries, so a reader that restarts
//   from one never sees a ROWS event without its TABLE_MAP.
// - Keys come back as SQL literals, one per key column, from both the before
//   and after images of every change.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/error.h"
#include "vttablet/mariadb/mariadb_params.h"
#include "vttablet/onlineddl/binlog_position.h"
#include "vttablet/onlineddl/row_image.h"

namespace tessera::vttablet::onlineddl {

// Which table to watch and how to read its key.
struct WatchedTable {
  std::string database;
  std::string table;
  std::vector<size_t> key_columns;  // ordinal positions (0-based) of the key columns
  std::vector<KeyColumnFormat> key_formats;
};

struct TailBatch {
  std::vector<std::vector<std::string>> keys;  // changed keys (may repeat)
  uint64_t row_events = 0;                     // row changes seen in the table
  BinlogPosition end;                          // last transaction boundary read
};

class BinlogTail {
 public:
  // `server_id` identifies this reader to the server; it must differ from
  // every server and replica id in use.
  BinlogTail(MariaDbParams params, uint32_t server_id);

  // Reads from `from` to the end of the log (at most `max_events` events).
  // With `stop_before` set, the read ends at the first statement event
  // (DDL) whose text starts with it.
  Result<TailBatch> Read(const BinlogPosition& from, const WatchedTable& table,
                         uint64_t max_events = 200000, const std::string& stop_before = "");

 private:
  MariaDbParams params_;
  uint32_t server_id_;
};

}  // namespace tessera::vttablet::onlineddl
