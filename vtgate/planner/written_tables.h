// WrittenTables: which tables of a bound INSERT, REPLACE, UPDATE or DELETE
// the statement changes rows of, so the planner can tell a write of a
// reference table (a copy on every shard) from a read of one.
// - INSERT / REPLACE: the target table.
// - DELETE, single-table form: its table. Multi-table form: each target,
//   matched by alias (the name when unaliased) to a table of its FROM; a
//   target matching none is MySQL's 1109 "Unknown table 'x' in MULTI DELETE".
// - UPDATE: the tables the SET columns name. A qualified column names its
//   table (a qualifier matching no table writes nothing: the shard refuses
//   it); an unqualified one names the only table, or, among several, cannot be
//   told without the schema: every top-level table counts as written and
//   `unqualified_column` names the column.
// Other statements write nothing.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/planner/table_binding.h"

namespace tessera::vtgate {

struct WrittenTables {
  std::vector<const BoundTable*> tables;  // into the binding; no duplicates
  std::string unqualified_column;         // UPDATE only; see above
};

Result<WrittenTables> FindWrittenTables(const sql::ast::Statement& stmt,
                                        const StatementBinding& binding);

}  // namespace tessera::vtgate
