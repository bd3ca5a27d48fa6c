// Data-changing statements: INSERT/REPLACE, UPDATE, DELETE.
#pragma once

#include <string>
#include <vector>

#include "sqlparser/ast/expr.h"
#include "sqlparser/ast/select.h"
#include "sqlparser/ast/statement.h"

namespace tessera::sql::ast {

// column = value (SET lists, ON DUPLICATE KEY UPDATE). The column may be
// qualified in multi-table UPDATE.
struct Assignment {
  ColumnRef column;
  ExprPtr value;
};

// INSERT/REPLACE [IGNORE] INTO table [(columns)] then exactly one of:
// VALUES rows, SET assignments, or a SELECT (`select`).
struct InsertStatement : Statement {
  StatementKind kind() const override {
    return replace ? StatementKind::kReplace : StatementKind::kInsert;
  }
  StatementPtr Clone() const override;

  bool replace = false;
  bool ignore = false;
  std::string priority;  // "", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY"
  TableName table;
  std::vector<std::string> columns;
  std::vector<std::vector<ExprPtr>> rows;  // VALUES (...), (...)
  std::vector<Assignment> set;             // SET c = v, ...
  StatementPtr select;                     // INSERT ... SELECT (Select or Union)
  std::vector<Assignment> on_duplicate;    // ON DUPLICATE KEY UPDATE
  std::vector<SelectItem> returning;       // RETURNING items (MariaDB)
};

// UPDATE [LOW_PRIORITY] [IGNORE] table_refs SET ... [WHERE] [ORDER BY] [LIMIT]
struct UpdateStatement : Statement {
  StatementKind kind() const override { return StatementKind::kUpdate; }
  StatementPtr Clone() const override;

  bool low_priority = false;
  bool ignore = false;
  std::vector<TableRefPtr> tables;
  std::vector<Assignment> assignments;
  ExprPtr where;
  std::vector<OrderItem> order_by;
  Limit limit;
};

// Single-table: DELETE FROM t [WHERE] [ORDER BY] [LIMIT] (targets empty,
// from = {t}). Multi-table: DELETE t1, t2 FROM refs ... or
// DELETE FROM t1, t2 USING refs ... (targets = {t1, t2}, from = refs).
struct DeleteStatement : Statement {
  StatementKind kind() const override { return StatementKind::kDelete; }
  StatementPtr Clone() const override;

  bool low_priority = false;
  bool quick = false;
  bool ignore = false;
  std::vector<TableName> targets;
  bool using_syntax = false;  // multi-table form spelled DELETE FROM ... USING
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<OrderItem> order_by;
  Limit limit;
  std::vector<SelectItem> returning;  // RETURNING items (MariaDB, single-table form)
};

}  // namespace tessera::sql::ast
