// The LIMIT clause of a statement vtgate finishes itself: a Limit primitive
// over `plan` (`plan` itself without LIMIT). Count and offset must be
// numbers or bind variables; anything else is refused with 1235.
#pragma once

#include <memory>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "vtgate/engine/primitive.h"

namespace tessera::vtgate {

Result<std::unique_ptr<Primitive>> LimitOver(std::unique_ptr<Primitive> plan,
                                             const sql::ast::Limit& limit);

}  // namespace tessera::vtgate
