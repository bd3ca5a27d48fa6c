// SqlPreparedStatements: one session's SQL-level prepared statements
// (PREPARE name FROM ..., EXECUTE name USING ..., DEALLOCATE PREPARE name),
// kept as MariaDB keeps them: by case-insensitive name, parsed once at
// PREPARE, and executed as the statement text with each `?` written as the
// literal of its value (a selected bare `?` keeps "?" as its column name). Pure: the session
// supplies the parser and the values; no I/O. Not thread-safe (one session owns it).
//
// The binary protocol's prepared statements (COM_STMT_*) are a separate
// namespace, as in MariaDB: see vtgate/prepared_statement.h.
//
// Errors carry MariaDB's numbers and messages:
// - PREPARE of text that does not parse: the parser's (1064, 1065, ...).
// - PREPARE of PREPARE/EXECUTE/DEALLOCATE: 1295 ER_UNSUPPORTED_PS.
// - PREPARE of more than 65535 `?`: 1390 ER_PS_MANY_PARAM; of a new name
//   when `max_statements` are kept: 1461 ER_MAX_PREPARED_STMT_COUNT_REACHED.
// - EXECUTE or DEALLOCATE of an unknown name: 1243 ER_UNKNOWN_STMT_HANDLER.
// - EXECUTE with a number of values other than the statement's number of
//   `?`: 1210 ER_WRONG_ARGUMENTS.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "sqlparser/ast/ast.h"
#include "sqlparser/parser.h"
#include "vtgate/prepared_statement.h"

namespace tessera::vtgate {

class SqlPreparedStatements {
 public:
  // MariaDB's default max_prepared_stmt_count, here per session.
  static constexpr size_t kMaxStatements = 16382;

  explicit SqlPreparedStatements(size_t max_statements = kMaxStatements)
      : max_statements_(max_statements) {}

  // PREPARE `name` FROM `text`: parses `text` and keeps it as `name`. An
  // older statement of that name is dropped first, even when `text` is
  // refused (as MariaDB does).
  Status Prepare(std::string_view name, std::string_view text, sql::Parser& parser);

  // The checks of EXECUTE `name` with `value_count` values, made before the
  // values are evaluated: 1243 for an unknown name, 1210 for a count other
  // than the statement's number of `?`.
  Status CheckExecute(std::string_view name, size_t value_count) const;

  // The text EXECUTE `name` runs: the statement with its i-th `?` written as
  // `literals[i]` (SQL literals). Fails as CheckExecute does.
  Result<std::string> Bind(std::string_view name, const std::vector<std::string>& literals) const;

  // DEALLOCATE PREPARE `name`: 1243 for an unknown name.
  Status Deallocate(std::string_view name);

  size_t size() const { return statements_.size(); }

 private:
  const ParsedPreparedStatement* Find(std::string_view name) const;

  size_t max_statements_;
  std::map<std::string, ParsedPreparedStatement> statements_;  // lower-case name ->
};

// 1295 ER_UNSUPPORTED_PS for PREPARE, EXECUTE and DEALLOCATE PREPARE, which
// cannot themselves be prepared (by PREPARE or by COM_STMT_PREPARE).
Status CheckPreparable(const sql::ast::Statement& stmt);

// The text PREPARE name FROM @var prepares: the variable's value as a string.
// `literal` is the value as the session keeps it (a SQL literal), nullopt for
// an unset variable. An unset or NULL variable gives "NULL", which then fails
// to parse, as in MariaDB.
std::string PreparedTextOf(const std::optional<std::string>& literal, sql::Parser& parser);

// The SQL literal EXECUTE ... USING binds for `value`, when it needs no
// evaluation: a literal as written, a signed number, or a user variable's
// value (`user_variables`: lower-case name -> SQL literal; NULL when unset).
// nullopt for any other expression, which the caller evaluates.
std::optional<std::string> ParameterLiteral(
    const sql::ast::Expr& value, const std::map<std::string, std::string>& user_variables);

}  // namespace tessera::vtgate
