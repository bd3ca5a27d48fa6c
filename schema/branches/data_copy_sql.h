// The SQL text a branch data copy sends (shard_data_copy.h), built from
// column metadata and row values read over the text protocol. Pure: no I/O.
//
// Values are written back byte-exact: numbers bare, binary strings as hex
// literals (independent of the connection's character set), everything else
// as an escaped string literal. The writing session must not have
// NO_BACKSLASH_ESCAPES in its sql_mode, and must use the same time_zone as
// the reading one (TIMESTAMP values travel as text).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/store/sql_session.h"

namespace tessera::schema {

enum class ColumnKind {
  kNumber,  // integers, DECIMAL, FLOAT, DOUBLE
  kBinary,  // BINARY, VARBINARY, BLOBs, BIT, spatial types
  kText,    // character strings, temporal types, ENUM, SET, JSON, ...
};

// The kind of an information_schema.COLUMNS.DATA_TYPE (case-insensitive).
ColumnKind ColumnKindOf(std::string_view data_type);

// True if a primary key column of this DATA_TYPE can drive keyset
// pagination: `col > literal` orders exactly as ORDER BY col does. Not so
// for FLOAT (the literal is a DOUBLE), ENUM and SET (ordered by index but
// compared as strings), and types without a total order on their text.
bool KeysetComparable(std::string_view data_type);

struct CopyColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kText;
};

// NULL, a bare number, X'<hex>' or '<escaped text>'. A kNumber value that is
// not plain numeric text is quoted instead.
std::string SqlLiteral(const std::optional<std::string>& value, ColumnKind kind);

// The rows strictly after `last` in the order of `key`:
//   `k1` > v1 OR (`k1` = v1 AND `k2` > v2) OR ...
// `last` holds one value per key column.
std::string KeyAfterPredicate(const std::vector<CopyColumn>& key, const SqlRow& last);

// One chunk of a table in key order:
//   SELECT <columns> FROM `db`.`table` [WHERE <after last>] ORDER BY <key> LIMIT n
// With an empty `key` the whole table in one pass (no WHERE, ORDER BY, LIMIT).
std::string ChunkSelect(const std::string& database, const std::string& table,
                        const std::vector<CopyColumn>& columns, const std::vector<CopyColumn>& key,
                        const std::optional<SqlRow>& after, size_t limit);

// Rows collected into one multi-row INSERT INTO `db`.`table` (<columns>)
// VALUES (...),(...). Full once it holds `max_rows` rows or its text reaches
// `max_bytes` (a single row larger than that still makes a batch of one).
class InsertBatch {
 public:
  InsertBatch(const std::string& database, const std::string& table,
              const std::vector<CopyColumn>& columns, size_t max_rows, size_t max_bytes);

  // `row` has one value per column, in the columns' order.
  void Add(const SqlRow& row);
  bool empty() const { return rows_ == 0; }
  size_t rows() const { return rows_; }
  bool full() const { return rows_ >= max_rows_ || text_.size() >= max_bytes_; }
  // The statement for the rows added since the last Take; empties the batch.
  // Must not be called on an empty batch.
  std::string Take();

 private:
  std::vector<ColumnKind> kinds_;
  std::string prefix_;  // "INSERT INTO ... VALUES "
  std::string text_;
  size_t rows_ = 0;
  size_t max_rows_;
  size_t max_bytes_;
};

}  // namespace tessera::schema
