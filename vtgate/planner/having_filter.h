// HAVING as a Filter predicate for vtgate to test on finished groups: AND /
// OR / NOT of comparisons and IS [NOT] NULL between values known after
// grouping (an aggregate or a group key, found by `column_of`) and numbers,
// NULL or bind variables. Returns "" or the reason the condition is refused.
#pragma once

#include <functional>
#include <string>

#include "sqlparser/ast/ast.h"
#include "vtgate/engine/filter.h"

namespace tessera::vtgate {

// Where the value of `expr` is in the grouped rows; "" when found.
using HavingColumnOf = std::function<std::string(const sql::ast::Expr& expr, ResultColumn& column)>;

std::string TranslateHaving(const sql::ast::Expr& condition, FilterExpr& out,
                            const HavingColumnOf& column_of);

}  // namespace tessera::vtgate
