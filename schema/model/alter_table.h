// ALTER TABLE on the model: each AlterSpec kind with MariaDB's semantics.
// Internal to schema/model (ApplyDdl is the public entry point).
#pragma once

#include <string>

#include "common/error.h"
#include "schema/model/schema.h"
#include "sqlparser/ast/ddl.h"

namespace tessera::schema::alter {

// Applies all specs of `stmt` to its table; atomic.
Status ApplyAlterTable(Schema& schema, const sql::ast::AlterTableStatement& stmt);

// Renames a table and repoints the foreign keys that reference it.
Status RenameTable(Schema& schema, const std::string& from, const std::string& to);

// Converts every textual column and the table defaults to `charset` /
// `collation` (CONVERT TO CHARACTER SET), widening TEXT types as MariaDB does
// when the new charset has wider characters.
void ConvertCharset(Table& table, const std::string& charset, const std::string& collation);

}  // namespace tessera::schema::alter
