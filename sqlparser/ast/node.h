// Shared leaf types of the SQL AST: table names and the owning pointer aliases.
// The AST is plain data: structs with public fields, unique_ptr children and
// enum class kinds. It never refers to parse-tree (ANTLR) types.
#pragma once

#include <memory>
#include <string>

namespace tessera::sql::ast {

// A possibly qualified table name: `qualifier`.`name`. The qualifier is the
// keyspace (database) name and is empty when the statement did not give one.
struct TableName {
  std::string qualifier;
  std::string name;

  bool empty() const { return name.empty(); }
  bool operator==(const TableName&) const = default;
};

struct Expr;
struct Statement;
using ExprPtr = std::unique_ptr<Expr>;
using StatementPtr = std::unique_ptr<Statement>;

}  // namespace tessera::sql::ast
