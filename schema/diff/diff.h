// Schema diff: the DDL that turns one schema into another, and a readable
// diff of their CREATE TABLE texts. Pure: no I/O.
//
// Contract:
// - DiffSchemas(from, to): CREATE TABLE for new tables (referenced tables
//   before the tables whose foreign keys point at them), then one ALTER TABLE
//   per changed table holding all its changes (tables in name order), then
//   DROP TABLE for removed tables (referencing tables first). Empty when the
//   schemas are equal. Applying the statements in order with ApplyDdl turns
//   `from` into a schema equal to `to`.
// - Renames are not guessed: a renamed table or column is a drop plus an add.
//   A key whose definition is unchanged but whose name changed is renamed.
// - Limits: CHECK constraint changes are written as MariaDB's
//   ADD/DROP CONSTRAINT, which tessera's parser (and so ApplyDdl) does not
//   accept yet; a table default charset cannot be removed, only changed.
// - UnifiedSchemaDiff: per table (in name order) whose canonical CREATE TABLE
//   text differs, "--- a/<table>" / "+++ b/<table>" headers (/dev/null for
//   created and dropped tables) and @@ hunks with 3 lines of context; lines
//   start with ' ', '-' or '+'. Empty when the schemas are equal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema/model/schema.h"

namespace tessera::schema {

std::vector<std::string> DiffSchemas(const Schema& from, const Schema& to);
// One ALTER TABLE (named after `from`), or nullopt if the tables are equal.
std::optional<std::string> DiffTables(const Table& from, const Table& to);
std::string UnifiedSchemaDiff(const Schema& from, const Schema& to);

}  // namespace tessera::schema
