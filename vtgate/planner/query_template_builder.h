// QueryTemplate from a statement holding the normalizer's bind variables
// (:v1, :v2, ... -> bind index 0, 1, ...): the statement is formatted once at
// plan time with a unique marker written for each bind variable, and the text
// is split at the markers, so running the plan only concatenates.
//
// Contract: bind variables named vN with 1 <= N <= bind_count become holes;
// any other bind variable is written as `:name`. Returns nullopt when the
// formatted text holds a marker byte of its own (a kept literal containing
// \x01), in which case the caller must not use a template.
#pragma once

#include <cstddef>
#include <optional>

#include "sqlparser/ast/ast.h"
#include "sqlparser/format.h"
#include "vtgate/engine/bind_values.h"

namespace tessera::vtgate {

std::optional<QueryTemplate> TemplateOfStatement(const sql::ast::Statement& stmt,
                                                 sql::FormatOptions options, size_t bind_count);
std::optional<QueryTemplate> TemplateOfExpr(const sql::ast::Expr& expr, sql::FormatOptions options,
                                            size_t bind_count);
// The bind index of `:vN` (N-1), or -1 for any other name.
int NormalizerBindIndex(std::string_view name);

}  // namespace tessera::vtgate
