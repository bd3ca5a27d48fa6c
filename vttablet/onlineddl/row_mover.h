// RowMover: moves rows of one table into another version of it, on a
// connection the caller gives (so the cut-over can finish on the connection
// that holds the table locks).
// - CopyChunk: `INSERT IGNORE ... SELECT` of the next key range, in key
//   order, as a read-committed snapshot that locks no source row (writers
//   never wait for the copy); rows already present are left alone.
//   A row the snapshot saw before a concurrent commit is corrected by the
//   Refresh its binlog event triggers: an event read before the copy was
//   refreshed (or, ahead of the copy, waited for) before it, so the copy's
//   later snapshot already sees it; an event read after is refreshed after.
//   IGNORE also turns what would fail a strict INSERT into warnings: those
//   come back as an error (a value the new schema would change: truncated,
//   out of range, not representable), and the rows left out for a unique
//   key come back as `skipped`, for the caller to tell a row already copied
//   from a value two rows share.
//   Where the chunk ends: with `ChunkEnds::kFromSource`, a first query reads
//   the limit-th key of the source; with `kFromTarget` (every key column an
//   integer in both tables, so both order keys alike), the INSERT takes
//   `ORDER BY key LIMIT n` and the end is the target's greatest key in the
//   range, which saves reading the chunk twice. That needs the target to
//   hold no row ahead of the copy: Refresh puts none there, and after a
//   chunk that may have left some (refused for a unique key, or copied just
//   before a restart) the caller copies the next one with kFromSource and
//   then calls ClearAhead.
// - Refresh: for keys the binlog says changed, makes the target row equal to
//   the source row now: delete it in the target, insert it again from a
//   locking read of the source. The locking read waits for a transaction that
//   is committing that row, so the refresh never reads a value older than the
//   binlog event that triggered it; applying refreshes in any order, any
//   number of times, converges on the source.
//   Keys the copy has yet to reach (an `UncopiedRange`) are only deleted in
//   the target and waited for: the copy brings those rows later, from a
//   snapshot taken after the wait, so it already sees the change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/onlineddl/key_sql.h"
#include "vttablet/onlineddl/table_info.h"

namespace tessera::vttablet::onlineddl {

// Rows the copy left out: a unique key of the target held their value.
struct SkippedRow {
  std::string key;      // the target's index name, e.g. "PRIMARY"
  std::string message;  // MariaDB's, e.g. "Duplicate entry '7' for key 'PRIMARY'"
};

struct CopiedChunk {
  std::optional<KeyValue> last;     // last key of the chunk; none when nothing was left
  uint64_t rows = 0;                // rows inserted
  uint64_t duplicates = 0;          // rows left out for a unique key
  std::vector<SkippedRow> skipped;  // the first row left out for each key
};

// The source keys the copy has yet to reach: (after, max]; no `after`: the
// copy has not begun.
struct UncopiedRange {
  std::optional<KeyValue> after;
  KeyValue max;
};

enum class ChunkEnds { kFromSource, kFromTarget };

class RowMover {
 public:
  RowMover(TableInfo source, std::string target_table, CopyPlan plan);

  // kFromTarget when every key column is an integer in `source` and `target`.
  static ChunkEnds ChunkEndsFor(const TableInfo& source, const TableInfo& target,
                                const CopyPlan& plan);

  // The greatest key in the source now (none: empty table).
  Result<std::optional<KeyValue>> MaxKey(BlockingConnection& connection) const;
  // Copies up to `limit` rows with keys in (after, max].
  Result<CopiedChunk> CopyChunk(BlockingConnection& connection,
                                const std::optional<KeyValue>& after, const KeyValue& max,
                                uint64_t limit, ChunkEnds ends = ChunkEnds::kFromSource) const;
  // Deletes the target's rows with keys in (after, max]: what a chunk that
  // was interrupted before its end was saved, or refused for a unique key,
  // left ahead of the copy (rows there are never stale: Refresh deletes them
  // when they change). Returns the number of rows deleted.
  Result<uint64_t> ClearAhead(BlockingConnection& connection, const std::optional<KeyValue>& after,
                              const KeyValue& max) const;
  // Refreshes the target rows with these keys (source key literals): deletes
  // all of them, then inserts them again, so values moving between them meet
  // no unique key. With `in_transaction`, in one transaction; otherwise a
  // failure can leave some keys deleted, and the caller must refresh them
  // again (the executor reads the binlog again from the same position).
  // Keys in `uncopied` are deleted in the target and their source rows
  // locked for a moment (which waits for a transaction committing them), but
  // not inserted: the copy reads them later.
  // Returns the number of keys refreshed.
  Result<uint64_t> Refresh(BlockingConnection& connection, std::vector<KeyValue> keys,
                           bool in_transaction = true,
                           const std::optional<UncopiedRange>& uncopied = std::nullopt) const;

  const CopyPlan& plan() const { return plan_; }
  const TableInfo& source() const { return source_; }

 private:
  std::string SourceName() const;
  std::string TargetName() const;
  Result<CopiedChunk> Insert(BlockingConnection& connection, const std::string& sql) const;

  TableInfo source_;
  std::string target_table_;
  CopyPlan plan_;
};

}  // namespace tessera::vttablet::onlineddl
