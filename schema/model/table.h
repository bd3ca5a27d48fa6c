// Table: the canonical model of one table.
//
// Invariants (established by ParseTable/ParseSchema, kept by ApplyDdl):
// - `columns` are in table order; order is significant for equality.
// - `indexes` hold the primary key first, then the other keys ordered by
//   name, so key order in the source text does not matter.
// - `foreign_keys` and `checks` are ordered by name.
// - `charset`/`collation` are the table defaults (empty when the statement
//   gave none: the server default); `options` holds every other table option
//   by upper-case name (ENGINE, ROW_FORMAT, COMMENT, ...). ENGINE defaults to
//   InnoDB; AUTO_INCREMENT is not part of the schema and is dropped.
// - Columns of the primary key are NOT NULL.
// Two tables are the same schema exactly when they compare equal, and then
// their CreateStatement() texts are equal too.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "schema/model/column.h"
#include "schema/model/foreign_key.h"
#include "schema/model/index.h"

namespace tessera::schema {

struct TableOptionValue {
  std::string value;
  bool quoted = false;  // written as a string literal (COMMENT, CONNECTION, ...)
  bool operator==(const TableOptionValue&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<Index> indexes;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Check> checks;
  std::string charset;
  std::string collation;
  std::map<std::string, TableOptionValue> options;

  // Lookups compare names case-insensitively, as MariaDB does for columns and keys.
  const Column* FindColumn(std::string_view name) const;
  Column* FindColumn(std::string_view name);
  // Position of the column in `columns`, or -1.
  int ColumnPosition(std::string_view name) const;
  const Index* FindIndex(std::string_view name) const;
  const Index* PrimaryKey() const;
  const ForeignKey* FindForeignKey(std::string_view name) const;

  // Canonical CREATE TABLE text, one column/key/constraint per line, every
  // identifier backquoted (SHOW CREATE TABLE layout). ParseTable() of this
  // text gives back an equal Table.
  std::string CreateStatement() const;

  bool operator==(const Table&) const = default;
};

// The DDL texts of single table elements, as CreateStatement() and the
// ALTER TABLE statements of schema/diff write them. A column's CHARACTER
// SET/COLLATE is written only where it differs from `table`'s defaults.
std::string QuoteName(std::string_view name);
std::string ColumnSql(const Table& table, const Column& column);
std::string IndexSql(const Index& index);  // "PRIMARY KEY (`id`)", "UNIQUE KEY `u` (`a`,`b`)"
std::string ForeignKeySql(const ForeignKey& fk);  // "CONSTRAINT `fk` FOREIGN KEY ..."
std::string CheckSql(const Check& check);         // "CONSTRAINT `c` CHECK (expr)"
std::string TableOptionSql(std::string_view name, const TableOptionValue& value);
// "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci ..."
std::string TableOptionsSql(const Table& table);

}  // namespace tessera::schema
