// Administrative statements: views, routines, EXPLAIN, table maintenance,
// FLUSH, KILL, table locks, savepoints, SQL-level prepared statements, and
// Tessera's own migration statements. Plain data like the rest of the AST.
#pragma once

#include <string>
#include <vector>

#include "sqlparser/ast/ddl.h"
#include "sqlparser/ast/expr.h"
#include "sqlparser/ast/statement.h"

namespace tessera::sql::ast {

// ALTER {DATABASE | SCHEMA} [name] options
struct AlterDatabaseStatement : Statement {
  StatementKind kind() const override { return StatementKind::kAlterDatabase; }
  StatementPtr Clone() const override;
  std::string name;  // empty: the current database
  std::vector<TableOption> options;
};

// CREATE [OR REPLACE] [attributes] VIEW [IF NOT EXISTS] name [(columns)] AS
// select [WITH [CASCADED | LOCAL] CHECK OPTION], or ALTER [attributes] VIEW
// ... when `alter`.
struct CreateViewStatement : Statement {
  StatementKind kind() const override {
    return alter ? StatementKind::kAlterView : StatementKind::kCreateView;
  }
  StatementPtr Clone() const override;
  bool alter = false;
  bool or_replace = false;
  bool if_not_exists = false;
  std::string algorithm;  // UNDEFINED, MERGE, TEMPTABLE or ""
  std::string definer;    // as SQL text ('u'@'h', CURRENT_USER) or ""
  std::string security;   // DEFINER, INVOKER or ""
  TableName name;
  std::vector<std::string> columns;
  StatementPtr select;  // SelectStatement or UnionStatement
  bool check_option = false;
  std::string check_scope;  // CASCADED, LOCAL or ""
};

// DROP VIEW [IF EXISTS] names
struct DropViewStatement : Statement {
  StatementKind kind() const override { return StatementKind::kDropView; }
  StatementPtr Clone() const override;
  bool if_exists = false;
  std::vector<TableName> views;
};

// CALL name[(args)]
struct CallStatement : Statement {
  StatementKind kind() const override { return StatementKind::kCall; }
  StatementPtr Clone() const override;
  TableName procedure;
  std::vector<ExprPtr> args;
};

// DO expr, ...
struct DoStatement : Statement {
  StatementKind kind() const override { return StatementKind::kDo; }
  StatementPtr Clone() const override;
  std::vector<ExprPtr> exprs;
};

// EXPLAIN [EXTENDED | PARTITIONS | FORMAT = name] statement
struct ExplainStatement : Statement {
  StatementKind kind() const override { return StatementKind::kExplain; }
  StatementPtr Clone() const override;
  std::string option;  // "EXTENDED", "PARTITIONS", "FORMAT=JSON" or ""
  StatementPtr statement;
};

// {ANALYZE | OPTIMIZE | REPAIR | CHECK | CHECKSUM} [NO_WRITE_TO_BINLOG | LOCAL]
// TABLE names [options]
struct TableMaintenanceStatement : Statement {
  StatementKind kind() const override { return StatementKind::kTableMaintenance; }
  StatementPtr Clone() const override;
  std::string verb;  // upper case
  bool no_write_to_binlog = false;
  std::vector<TableName> tables;
  std::vector<std::string> options;  // upper case, e.g. "QUICK", "FOR UPGRADE"
};

// One comma-separated part of FLUSH: TABLES [names] [WITH READ LOCK | FOR
// EXPORT], or words such as PRIVILEGES, STATUS, BINARY LOGS.
struct FlushOption {
  bool tables = false;
  std::vector<TableName> names;  // FLUSH TABLES t1, t2
  std::string lock;              // "WITH READ LOCK", "FOR EXPORT" or ""
  std::string words;             // upper case, for the non-TABLES forms
};

struct FlushStatement : Statement {
  StatementKind kind() const override { return StatementKind::kFlush; }
  StatementPtr Clone() const override;
  bool no_write_to_binlog = false;
  std::vector<FlushOption> options;
};

// KILL [HARD | SOFT] [CONNECTION | QUERY] id
struct KillStatement : Statement {
  StatementKind kind() const override { return StatementKind::kKill; }
  StatementPtr Clone() const override;
  std::string modifier;  // "HARD", "SOFT" or ""
  bool query = false;    // KILL QUERY: the statement only, not the connection
  ExprPtr id;
};

struct LockItem {
  TableName table;
  std::string alias;
  std::string mode;  // "READ", "READ LOCAL", "WRITE", "LOW_PRIORITY WRITE", "WRITE CONCURRENT"
};

// LOCK TABLES items
struct LockTablesStatement : Statement {
  StatementKind kind() const override { return StatementKind::kLockTables; }
  StatementPtr Clone() const override;
  std::vector<LockItem> items;
  std::string wait;  // "NOWAIT", "WAIT n" or ""
};

// UNLOCK TABLES
struct UnlockTablesStatement : Statement {
  StatementKind kind() const override { return StatementKind::kUnlockTables; }
  StatementPtr Clone() const override;
};

// SAVEPOINT name, or RELEASE SAVEPOINT name when `release`.
struct SavepointStatement : Statement {
  StatementKind kind() const override { return StatementKind::kSavepoint; }
  StatementPtr Clone() const override;
  bool release = false;
  std::string name;
};

// PREPARE name FROM 'text' | @variable
struct PrepareStatement : Statement {
  StatementKind kind() const override { return StatementKind::kPrepare; }
  StatementPtr Clone() const override;
  std::string name;
  std::string text;      // the statement text, when given as a string
  std::string variable;  // the user variable holding it (without @), otherwise
};

// EXECUTE name [USING value, ...]; the values are user variables or other
// expressions.
struct ExecuteStatement : Statement {
  StatementKind kind() const override { return StatementKind::kExecute; }
  StatementPtr Clone() const override;
  std::string name;
  std::vector<ExprPtr> params;
};

// {DEALLOCATE | DROP} PREPARE name
struct DeallocateStatement : Statement {
  StatementKind kind() const override { return StatementKind::kDeallocate; }
  StatementPtr Clone() const override;
  std::string name;
};

// ALTER MIGRATION 'uuid' {CANCEL | RETRY | CUTOVER | FORCE_CUTOVER | COMPLETE | THROTTLE |
// UNTHROTTLE} [RATIO number]
struct AlterMigrationStatement : Statement {
  StatementKind kind() const override { return StatementKind::kAlterMigration; }
  StatementPtr Clone() const override;
  std::string uuid;
  std::string action;  // upper case
  std::string ratio;   // the RATIO number as written; empty without RATIO
};

// REVERT MIGRATION 'uuid'
struct RevertMigrationStatement : Statement {
  StatementKind kind() const override { return StatementKind::kRevertMigration; }
  StatementPtr Clone() const override;
  std::string uuid;
};

// VEXPLAIN PLAN statement
struct VexplainStatement : Statement {
  StatementKind kind() const override { return StatementKind::kVexplain; }
  StatementPtr Clone() const override;
  StatementPtr statement;
};

}  // namespace tessera::sql::ast
