// TableAliases: the names the tables of a FROM subtree are known by in the
// statement (the alias, else the table name), left to right.
#pragma once

#include <string>
#include <vector>

#include "sqlparser/ast/ast.h"

namespace tessera::vtgate {

void TableAliases(const sql::ast::TableRef& ref, std::vector<std::string>& out);

}  // namespace tessera::vtgate
