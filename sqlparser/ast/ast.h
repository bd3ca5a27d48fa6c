// The whole SQL AST: include this to use every node type.
#pragma once

#include "sqlparser/ast/admin.h"      // IWYU pragma: export
#include "sqlparser/ast/ddl.h"        // IWYU pragma: export
#include "sqlparser/ast/dml.h"        // IWYU pragma: export
#include "sqlparser/ast/expr.h"       // IWYU pragma: export
#include "sqlparser/ast/node.h"       // IWYU pragma: export
#include "sqlparser/ast/select.h"     // IWYU pragma: export
#include "sqlparser/ast/session.h"    // IWYU pragma: export
#include "sqlparser/ast/statement.h"  // IWYU pragma: export
