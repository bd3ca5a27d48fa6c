// DdlRequest: what a submitted DDL statement asks for, as the online DDL
// executor needs it: which table, which kind of migration, the column
// renames it implies, and the ALTER to run on a ghost table.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/error.h"
#include "vttablet/onlineddl/migration.h"

namespace tessera::vttablet::onlineddl {

struct DdlRequest {
  MigrationKind kind = MigrationKind::kAlter;
  std::string table;
  std::map<std::string, std::string> renames;  // old column name -> new name
  std::string normalized;                      // the statement, as we print it
};

// Parses one CREATE TABLE, DROP TABLE or ALTER TABLE statement. ALTER with
// ALGORITHM=INSTANT becomes kInstant. Anything else, or an ALTER that renames
// the table, is refused with a message naming the problem.
Result<DdlRequest> AnalyzeDdl(std::string_view ddl);

// The ALTER of `ddl` retargeted at `ghost_table` (same database).
Result<std::string> GhostAlter(std::string_view ddl, const std::string& ghost_table);

// Artifact names that fit MariaDB's 64-character limit. Both always sort
// after `table` byte-wise, which the cut-over relies on (table_swap.h): the
// table name is their prefix, or, for long names, its shortened prefix
// followed by a character that sorts after the one it replaces.
// Where a table is parked: "<table>_<tag>_<suffix>", tag from the uuid.
std::string ParkedTableName(const std::string& table, const std::string& uuid,
                            const std::string& suffix);
// The ghost of a migration: "<table>_<tag>_gho".
std::string GhostTableName(const std::string& table, const std::string& uuid);
// The changelog of a migration (heartbeat and markers, changelog.h):
// "<table>_<tag>_ghc".
std::string ChangelogTableName(const std::string& table, const std::string& uuid);

}  // namespace tessera::vttablet::onlineddl
