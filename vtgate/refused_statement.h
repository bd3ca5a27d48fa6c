// RefusalOf: the statements vtgate parses but does not carry out across a
// keyspace, each refused with error 1235 and a message saying why (and what
// to do instead). Pure: no I/O.
#pragma once

#include <optional>

#include "common/error.h"
#include "sqlparser/ast/ast.h"

namespace tessera::vtgate {

// nullopt when vtgate runs (or routes) `stmt`. Reads `stmt` only.
std::optional<Error> RefusalOf(sql::ast::Statement& stmt);

}  // namespace tessera::vtgate
