// The schema model: a database's tables in canonical form, built from
// CREATE TABLE text and changed in memory by DDL. Pure: no I/O, no server.
//
// Contract:
// - ParseSchema/ParseTable accept CREATE TABLE statements as SHOW CREATE
//   TABLE prints them or as a user writes them, and normalize (see column.h,
//   index.h, table.h): int(11) == int, bigint(20) == bigint, tinyint(1) kept,
//   charset/collation inherited from the table, implicit DEFAULT NULL,
//   key order irrelevant except PRIMARY, inline PRIMARY KEY/UNIQUE turned
//   into keys, keyword case and backquotes. Errors name the statement and table.
// - ApplyDdl applies one CREATE TABLE [LIKE], DROP TABLE, ALTER TABLE (every
//   AlterSpec kind), CREATE/DROP INDEX, RENAME TABLE or TRUNCATE statement
//   with MariaDB's semantics and errors (errno + SQLSTATE). It is atomic: on
//   error the schema is unchanged. Column definitions of an ALTER inherit the
//   table defaults as they stand after the statement's table options.
// - Table names are compared exactly (lower_case_table_names=0); column and
//   key names case-insensitively. Database qualifiers are ignored.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "schema/model/table.h"

namespace tessera::schema {

struct Schema {
  std::map<std::string, Table> tables;  // keyed by table name

  const Table* FindTable(std::string_view name) const;
  bool operator==(const Schema&) const = default;
};

Result<Schema> ParseSchema(const std::vector<std::string>& create_statements);
Result<Table> ParseTable(std::string_view create_statement);
Status ApplyDdl(Schema& schema, std::string_view ddl);

}  // namespace tessera::schema
