// TableChange / TableDiff: the typed changes that turn one table into
// another, in the order one ALTER TABLE must list them. DiffTables (diff.h)
// renders them; schema/lint reads them.
//
// Order within a TableDiff: DROP FOREIGN KEY, DROP CHECK, DROP KEY,
// DROP COLUMN, then columns in the target table's order (ADD/MODIFY, with
// FIRST/AFTER wherever a column must move), RENAME KEY, ADD KEY, ADD FOREIGN
// KEY, ADD CHECK, table options. Applied one after another (as ApplyDdl does
// and as MariaDB does within one statement) they yield the target's column
// order exactly: columns on a longest common subsequence of both orders stay
// put, every other column is placed after its predecessor in the target.
// New columns at the end of the target are appended without a position.
// A changed key or constraint is dropped and added again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema/model/table.h"

namespace tessera::schema {

enum class ChangeKind {
  kDropForeignKey,
  kDropCheck,
  kDropIndex,
  kDropColumn,
  kAddColumn,
  kModifyColumn,  // CHANGE COLUMN when only the spelling of the name differs
  kRenameIndex,
  kAddIndex,
  kAddForeignKey,
  kAddCheck,
  kTableCharset,  // DEFAULT CHARSET=... COLLATE=...
  kTableOption,   // one option set or reset
};

struct TableChange {
  ChangeKind kind = ChangeKind::kTableOption;
  std::string name;                        // column, key, constraint or option (the old name)
  std::string new_name;                    // kRenameIndex
  std::optional<Column> column;            // kAddColumn, kModifyColumn: the target definition
  std::optional<Column> old_column;        // kModifyColumn, kDropColumn: the source definition
  bool first = false;                      // FIRST
  std::string after;                       // AFTER column ("" with first=false: no position)
  std::optional<Index> index;              // kAddIndex, kRenameIndex, kDropIndex (the dropped key)
  std::optional<ForeignKey> foreign_key;   // kAddForeignKey, kDropForeignKey
  std::optional<Check> check;              // kAddCheck, kDropCheck
  std::optional<TableOptionValue> option;  // kTableOption: new value; nullopt resets it

  bool has_position() const { return first || !after.empty(); }
  // The ALTER TABLE clause; `to` is the target table (charset context).
  std::string Sql(const Table& to) const;
};

struct TableDiff {
  std::string table;
  std::vector<TableChange> changes;
  // "ALTER TABLE `t` clause, clause, ..."
  std::string AlterStatement(const Table& to) const;
};

// The changes from `from` to `to` (same table, compared by content; the
// names of the tables are not compared). Empty when the tables are equal.
std::vector<TableChange> DiffTableChanges(const Table& from, const Table& to);

}  // namespace tessera::schema
