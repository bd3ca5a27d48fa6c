// Column resolution for joins vtgate runs itself: every column a SELECT
// writes without a table qualifier is given the alias of the one table of
// the join that has it, so each shard query and each bound value names its
// table. What a table has comes from KnownColumns (VSchema column lists and
// the schema tracker).
//
// As MySQL resolves names:
// - select list, WHERE: all tables of the FROM clause; an ON condition: the
//   tables of its own join up to the table it joins (`a, b JOIN c ON ...`
//   sees b and c only);
// - ORDER BY, HAVING: a select alias is left as written (the item is meant);
//   a select item that is a plain column of that name lends its table;
//   otherwise the FROM clause; GROUP BY: a select alias is left as written.
// Errors, in MySQL's order (select list, WHERE, ON, ORDER BY, GROUP BY,
// HAVING) and with its messages:
// - two or more tables have the column: 1052 "Column 'x' in <clause> is
//   ambiguous" (23000);
// - no table has it and every table's list is complete: 1054 "Unknown
//   column 'x' in '<clause>'" (42S22);
// - otherwise, when a table whose columns are not all known might have it:
//   1235, the column needs a table qualifier.
// An unaliased select expression whose columns get qualified keeps its
// written text as its name.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/known_columns.h"

namespace tessera::vtgate {

// One table of the join, in FROM order.
struct JoinedTable {
  std::string alias;  // the name its columns are qualified by
  KnownColumns columns;
};

// An ON condition and the tables it may name: [first, last] of the tables.
struct OnScope {
  sql::ast::Expr* on = nullptr;
  size_t first = 0;
  size_t last = 0;
};

// The index of the table that has column `name` among tables[first..last];
// `clause` is MySQL's name for where it is written ("field list", "where
// clause", "on clause", "order clause", "group statement", "having clause").
// `refusal` ends the 1235 message when the column cannot be resolved.
Result<size_t> ResolveUnqualifiedColumn(const std::string& name,
                                        const std::vector<JoinedTable>& tables, size_t first,
                                        size_t last, const std::string& clause,
                                        const std::string& refusal);

// Qualifies every unqualified column of `select` (see above). Subqueries are
// not entered (the join planner refuses them).
Status QualifyColumns(sql::ast::SelectStatement& select, const std::vector<JoinedTable>& tables,
                      const std::vector<OnScope>& ons, const std::string& refusal);

}  // namespace tessera::vtgate
