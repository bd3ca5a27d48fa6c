// TableInfo: what the online DDL executor needs to know about a table, read
// from information_schema: columns in order (with signedness and character
// set, for writing key values back as SQL), and its unique keys.
// CopyPlan: how rows move between two versions of a table: the columns they
// share (following renames) and the non-null unique key they share, which
// orders the copy and identifies rows changed in the binlog.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "vttablet/mariadb/blocking_connection.h"
#include "vttablet/onlineddl/deferred_indexes.h"
#include "vttablet/onlineddl/row_image.h"

namespace tessera::vttablet::onlineddl {

struct ColumnInfo {
  std::string name;
  std::string data_type;    // lower case: "int", "varchar", ...
  std::string column_type;  // "int(10) unsigned"
  std::string charset;      // "" when the type has none
  bool nullable = true;
  bool generated = false;

  bool is_unsigned() const { return column_type.find("unsigned") != std::string::npos; }
  // Key values of these types are read as HEX() and written as X'..'.
  bool is_string() const;
  bool is_numeric() const;
  bool is_integer() const;  // tinyint .. bigint
};

struct UniqueKey {
  std::string name;  // "PRIMARY" for the primary key
  std::vector<std::string> columns;
};

struct TableInfo {
  std::string database;
  std::string table;
  std::vector<ColumnInfo> columns;     // ordinal order
  std::vector<UniqueKey> unique_keys;  // PRIMARY first

  const ColumnInfo* Find(const std::string& name) const;
  std::optional<size_t> Ordinal(const std::string& name) const;
};

// Reads `database`.`table`; an error when it does not exist.
Result<TableInfo> LoadTableInfo(BlockingConnection& connection, const std::string& database,
                                const std::string& table);

struct CopyPlan {
  std::vector<std::string> source_columns;  // shared columns, source names
  std::vector<std::string> target_columns;  // the same columns, target names
  std::string key_name;                     // source index the copy walks
  std::vector<std::string> source_key;      // key columns, source names
  std::vector<std::string> target_key;      // key columns, target names
  DeferredIndexes deferred;                 // target indexes built after the copy
};

// `renames` maps source column names to target names (CHANGE/RENAME COLUMN).
// Fails, naming the tables, when no non-null unique key exists in both.
Result<CopyPlan> PlanCopy(const TableInfo& source, const TableInfo& target,
                          const std::map<std::string, std::string>& renames);

// The plan for copying back (target -> source), for revert.
CopyPlan ReversePlan(const CopyPlan& plan);

// Binlog key description of `plan`'s source key in `source`.
struct WatchedTable;
Result<WatchedTable> WatchKey(const TableInfo& source, const std::vector<std::string>& key);

}  // namespace tessera::vttablet::onlineddl
