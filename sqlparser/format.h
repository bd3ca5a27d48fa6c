// Format: AST -> MariaDB SQL text.
//
// Contract:
// - Output is valid MariaDB SQL that parses back to an equal AST:
//   Parse(Format(Parse(s))) formats identically to Parse(s).
// - Identifiers are backquoted only when needed (reserved word, special
//   characters, leading digit); strings are single-quoted with \\, \', \0,
//   \n, \r, \Z escaped. Keywords are written in upper case.
// - Expressions are parenthesised according to MySQL precedence, so the
//   tree shape survives the round trip.
// - With FormatOptions::bind_var set, every BindVar is written as the text it
//   returns (the caller supplies a SQL literal, e.g. "'abc'" or "42");
//   likewise `placeholder` for `?` and `user_var` for `@name`. Unset
//   callbacks write `:name`, `?` and `@name`.
#pragma once

#include <functional>
#include <string>

#include "sqlparser/ast/ast.h"

namespace tessera::sql {

struct FormatOptions {
  std::function<std::string(const ast::BindVar&)> bind_var;
  std::function<std::string(const ast::Placeholder&)> placeholder;
  // When set, every user variable `@name` is written as the text it returns
  // (a SQL literal; vtgate keeps user variables itself).
  std::function<std::string(const ast::Variable&)> user_var;
  // When set, a system variable `@@[scope.]name` for which it returns text
  // is written as that text (a SQL literal: vtgate keeps some session
  // variables itself); "" keeps the variable.
  std::function<std::string(const ast::Variable&)> system_var;
  // Drop keyspace qualifiers from table names (`ks`.`t` -> `t`), including
  // those inside column references. MariaDB's system schemas
  // (information_schema, mysql, performance_schema, sys) are kept.
  bool strip_qualifiers = false;
};

std::string Format(const ast::Statement& stmt);
std::string Format(const ast::Statement& stmt, const FormatOptions& options);
std::string FormatExpr(const ast::Expr& expr);
std::string FormatExpr(const ast::Expr& expr, const FormatOptions& options);
// Column type as written in DDL, e.g. "VARCHAR(64) CHARACTER SET utf8mb4".
std::string FormatDataType(const ast::DataType& type);
// Identifier, backquoted when needed.
std::string QuoteIdentifier(std::string_view name);
// SQL string literal with quotes and escapes.
std::string QuoteString(std::string_view value);

}  // namespace tessera::sql
