#include "vttablet/onlineddl/row_mover.h"

#include <algorithm>

#include <fmt/format.h>

#include "sqlparser/format.h"

namespace tessera::vttablet::onlineddl {

using sql::QuoteIdentifier;

namespace {
constexpr size_t kRefreshBatch = 500;

// "Duplicate entry 'x' for key 'k'" -> "k".
std::string DuplicateKeyName(std::string_view message) {
  constexpr std::string_view kMarker = " for key '";
  size_t at = message.rfind(kMarker);
  if (at == std::string_view::npos) return "";
  std::string_view name = message.substr(at + kMarker.size());
  if (!name.empty() && name.back() == '\'') name.remove_suffix(1);
  return std::string(name);
}
}  // namespace

RowMover::RowMover(TableInfo source, std::string target_table, CopyPlan plan)
    : source_(std::move(source)), target_table_(std::move(target_table)), plan_(std::move(plan)) {}

ChunkEnds RowMover::ChunkEndsFor(const TableInfo& source, const TableInfo& target,
                                 const CopyPlan& plan) {
  if (plan.source_key.size() != plan.target_key.size()) return ChunkEnds::kFromSource;
  for (size_t i = 0; i < plan.source_key.size(); ++i) {
    const ColumnInfo* from = source.Find(plan.source_key[i]);
    const ColumnInfo* to = target.Find(plan.target_key[i]);
    if (from == nullptr || to == nullptr || !from->is_integer() || !to->is_integer())
      return ChunkEnds::kFromSource;
  }
  return ChunkEnds::kFromTarget;
}

std::string RowMover::SourceName() const {
  return QuoteIdentifier(source_.database) + "." + QuoteIdentifier(source_.table);
}

std::string RowMover::TargetName() const {
  return QuoteIdentifier(source_.database) + "." + QuoteIdentifier(target_table_);
}

Result<std::optional<KeyValue>> RowMover::MaxKey(BlockingConnection& connection) const {
  auto rows = connection.Query(fmt::format("SELECT {} FROM {} ORDER BY {} LIMIT 1",
                                           KeySelectList(source_, plan_.source_key), SourceName(),
                                           ColumnList(plan_.source_key, " DESC")));
  if (!rows.ok()) return std::move(rows).error();
  if (rows.value().empty()) return std::optional<KeyValue>();
  return std::optional<KeyValue>(KeyFromRow(source_, plan_.source_key, rows.value()[0]));
}

Result<uint64_t> RowMover::ClearAhead(BlockingConnection& connection,
                                      const std::optional<KeyValue>& after,
                                      const KeyValue& max) const {
  std::string range = KeyInRange(plan_.target_key, after, max);
  return connection.Execute(fmt::format("DELETE FROM {} WHERE {}", TargetName(), range));
}

Result<CopiedChunk> RowMover::Insert(BlockingConnection& connection, const std::string& sql) const {
  auto inserted = connection.Execute(sql);
  if (!inserted.ok()) return std::move(inserted).error();
  CopiedChunk result;
  result.rows = inserted.value();
  if (uint32_t count = connection.WarningCount(); count > 0) {
    auto warnings = connection.Query("SHOW WARNINGS");
    if (!warnings.ok()) return std::move(warnings).error();
    if (warnings.value().size() < count)
      return Error::Internal(fmt::format(
          "copying the rows of `{}`: {} warnings, more than the session keeps (max_error_count)",
          source_.table, count));
    const std::string duplicate = std::to_string(mysql_errno::kDupEntry);
    for (const TextRow& w : warnings.value()) {
      if (w.size() < 3 || w[0].value_or("") == "Note") continue;
      std::string message = w[2].value_or("");
      if (w[1].value_or("") == duplicate) {
        ++result.duplicates;
        std::string key = DuplicateKeyName(message);
        auto seen = std::find_if(result.skipped.begin(), result.skipped.end(),
                                 [&](const SkippedRow& row) { return row.key == key; });
        if (seen == result.skipped.end()) result.skipped.push_back({key, std::move(message)});
        continue;
      }
      return Error::Internal(
          fmt::format("copying the rows of `{}` into the new schema would change them: {}",
                      source_.table, message));
    }
  }
  return result;
}

Result<CopiedChunk> RowMover::CopyChunk(BlockingConnection& connection,
                                        const std::optional<KeyValue>& after, const KeyValue& max,
                                        uint64_t limit, ChunkEnds ends) const {
  limit = std::max<uint64_t>(limit, 1);
  std::string range = KeyInRange(plan_.source_key, after, max);
  std::string index =
      plan_.key_name.empty() ? "" : " FORCE INDEX (" + QuoteIdentifier(plan_.key_name) + ")";
  if (ends == ChunkEnds::kFromTarget) {
    // One pass over the chunk: the first `limit` rows of the range...
    auto copied =
        Insert(connection,
               fmt::format(
                   "INSERT IGNORE INTO {} ({}) SELECT {} FROM {}{} WHERE {} ORDER BY {} LIMIT {}",
                   TargetName(), ColumnList(plan_.target_columns), ColumnList(plan_.source_columns),
                   SourceName(), index, range, ColumnList(plan_.source_key), limit));
    if (!copied.ok() || copied.value().rows + copied.value().duplicates < limit) return copied;
    // ...end at the target's greatest key in the range: every row there
    // came from this chunk (inserted now, or found there already).
    std::string target_range = KeyInRange(plan_.target_key, after, max);
    auto last = connection.Query(fmt::format("SELECT {} FROM {} WHERE {} ORDER BY {} LIMIT 1",
                                             ColumnList(plan_.target_key), TargetName(),
                                             target_range, ColumnList(plan_.target_key, " DESC")));
    if (!last.ok()) return std::move(last).error();
    // None there: the chunk's rows were all refused for a unique key, which
    // the caller sees in `skipped`.
    if (last.value().empty()) {
      if (copied.value().skipped.empty())
        return Error::Internal(
            fmt::format("copying the rows of `{}`: the chunk after {} is gone "
                        "from `{}`",
                        source_.table, after ? (*after)[0] : "the start", target_table_));
      return copied;
    }
    KeyValue end;
    for (const auto& value : last.value()[0]) end.push_back(value.value_or(""));
    copied.value().last = std::move(end);
    return copied;
  }
  // Where this chunk ends: the limit-th key of the range, or the range's end.
  auto end_rows =
      connection.Query(fmt::format("SELECT {} FROM {}{} WHERE {} ORDER BY {} LIMIT 1 OFFSET {}",
                                   KeySelectList(source_, plan_.source_key), SourceName(), index,
                                   range, ColumnList(plan_.source_key), limit - 1));
  if (!end_rows.ok()) return std::move(end_rows).error();
  KeyValue end =
      end_rows.value().empty() ? max : KeyFromRow(source_, plan_.source_key, end_rows.value()[0]);
  std::string chunk = KeyInRange(plan_.source_key, after, end);
  auto copied =
      Insert(connection, fmt::format("INSERT IGNORE INTO {} ({}) SELECT {} FROM {}{} WHERE {}",
                                     TargetName(), ColumnList(plan_.target_columns),
                                     ColumnList(plan_.source_columns), SourceName(), index, chunk));
  if (!copied.ok()) return copied;
  // No end row: the range is exhausted.
  if (!end_rows.value().empty()) copied.value().last = end;
  return copied;
}

Result<uint64_t> RowMover::Refresh(BlockingConnection& connection, std::vector<KeyValue> keys,
                                   bool in_transaction,
                                   const std::optional<UncopiedRange>& uncopied) const {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<std::vector<KeyValue>> batches;
  for (size_t start = 0; start < keys.size(); start += kRefreshBatch) {
    batches.emplace_back(
        keys.begin() + static_cast<std::ptrdiff_t>(start),
        keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), start + kRefreshBatch)));
  }
  // Every key's old target row goes before any row comes back: a value that
  // moved between two of these rows must leave the one before it reaches
  // the other, or a unique key of the target refuses it.
  std::vector<std::string> statements;
  if (in_transaction) {
    // A binlog event can be read before its transaction's commit is
    // visible. This locking read waits for that commit; the INSERT ...
    // SELECT below (a fresh read-committed snapshot) then sees it.
    statements.push_back("BEGIN");
    for (const auto& batch : batches)
      statements.push_back(fmt::format("SELECT {} FROM {} WHERE {} LOCK IN SHARE MODE",
                                       ColumnList(plan_.source_key), SourceName(),
                                       KeyIn(plan_.source_key, batch)));
  }
  for (const auto& batch : batches)
    statements.push_back(
        fmt::format("DELETE FROM {} WHERE {}", TargetName(), KeyIn(plan_.target_key, batch)));
  // The key columns are NOT NULL, so NOT (range) holds exactly outside it.
  std::string ahead;
  if (uncopied) ahead = "(" + KeyInRange(plan_.source_key, uncopied->after, uncopied->max) + ")";
  for (const auto& batch : batches) {
    std::string in = KeyIn(plan_.source_key, batch);
    statements.push_back(fmt::format(
        "INSERT INTO {} ({}) SELECT {} FROM {} WHERE {}{} LOCK IN SHARE MODE", TargetName(),
        ColumnList(plan_.target_columns), ColumnList(plan_.source_columns), SourceName(), in,
        ahead.empty() ? "" : " AND NOT " + ahead));
    // Rows ahead of the copy: the locking read waits for a transaction that
    // is committing one, so the copy's later snapshot sees its change.
    if (!ahead.empty())
      statements.push_back(fmt::format("SELECT {} FROM {} WHERE {} AND {} LOCK IN SHARE MODE",
                                       ColumnList(plan_.source_key), SourceName(), in, ahead));
  }
  if (in_transaction) statements.push_back("COMMIT");
  for (const auto& statement : statements) {
    auto done = connection.Execute(statement);
    if (!done.ok()) {
      if (in_transaction) (void)connection.Execute("ROLLBACK");
      return std::move(done).error();
    }
  }
  return static_cast<uint64_t>(keys.size());
}

}  // namespace tessera::vttablet::onlineddl
