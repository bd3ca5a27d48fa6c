// Session and transaction statements: USE, SET, BEGIN/COMMIT/ROLLBACK, SHOW,
// and OtherStatement for recognised statements carried as text.
#pragma once

#include <string>
#include <vector>

#include "sqlparser/ast/expr.h"
#include "sqlparser/ast/select.h"
#include "sqlparser/ast/statement.h"

namespace tessera::sql::ast {

struct UseStatement : Statement {
  StatementKind kind() const override { return StatementKind::kUse; }
  StatementPtr Clone() const override;
  std::string db;
};

enum class SetTarget {
  kUserVar,      // SET @x = v
  kSystemVar,    // SET [GLOBAL|SESSION|@@...] name = v
  kNames,        // SET NAMES value [COLLATE collation]; value is the charset (or DEFAULT)
  kCharset,      // SET CHARACTER SET value / CHARSET value
  kTransaction,  // SET [GLOBAL|SESSION] TRANSACTION ...; name holds the characteristics
};

// One assignment of a SET statement. For kTransaction, `name` is the
// characteristics text in upper case (e.g. "ISOLATION LEVEL READ COMMITTED",
// "READ ONLY") and `value` is null.
struct SetAssignment {
  SetTarget target = SetTarget::kSystemVar;
  VarScope scope = VarScope::kDefault;
  std::string name;
  ExprPtr value;
  std::string collation;  // SET NAMES ... COLLATE
};

struct SetStatement : Statement {
  StatementKind kind() const override { return StatementKind::kSet; }
  StatementPtr Clone() const override;
  std::vector<SetAssignment> assignments;
};

// BEGIN [WORK] | START TRANSACTION [characteristics]
struct BeginStatement : Statement {
  StatementKind kind() const override { return StatementKind::kBegin; }
  StatementPtr Clone() const override;
  bool read_only = false;
  bool read_write = false;
  bool consistent_snapshot = false;  // WITH CONSISTENT SNAPSHOT
};

struct CommitStatement : Statement {
  StatementKind kind() const override { return StatementKind::kCommit; }
  StatementPtr Clone() const override;
};

// ROLLBACK [WORK] [TO [SAVEPOINT] name]
struct RollbackStatement : Statement {
  StatementKind kind() const override { return StatementKind::kRollback; }
  StatementPtr Clone() const override;
  std::string savepoint;  // empty for a full rollback
};

enum class ShowKind {
  kDatabases,       // SHOW DATABASES|SCHEMAS [LIKE|WHERE]
  kTables,          // SHOW [FULL] TABLES [FROM db] [LIKE|WHERE]
  kTableStatus,     // SHOW TABLE STATUS [FROM db] [LIKE|WHERE]
  kColumns,         // SHOW [FULL] COLUMNS|FIELDS FROM t [FROM db] [LIKE|WHERE]
  kIndex,           // SHOW INDEX|INDEXES|KEYS FROM t [FROM db]
  kCreateTable,     // SHOW CREATE TABLE t
  kCreateDatabase,  // SHOW CREATE DATABASE db
  kVariables,       // SHOW [GLOBAL|SESSION] VARIABLES [LIKE|WHERE]
  kStatus,          // SHOW [GLOBAL|SESSION] STATUS [LIKE|WHERE]
  kWarnings,
  kErrors,
  kProcesslist,  // SHOW [FULL] PROCESSLIST
  kEngines,
  kCharset,
  kCollation,
  kCreateView,       // SHOW CREATE VIEW t
  kCreateProcedure,  // SHOW CREATE PROCEDURE p
  kCreateFunction,   // SHOW CREATE FUNCTION f
  kGrants,           // SHOW GRANTS [FOR detail]
  kTriggers,         // SHOW TRIGGERS [FROM db] [LIKE|WHERE]
  kEvents,           // SHOW EVENTS [FROM db] [LIKE|WHERE]
  kOpenTables,       // SHOW OPEN TABLES [FROM db] [LIKE|WHERE]
  kProcedureStatus,  // SHOW PROCEDURE STATUS [LIKE|WHERE]
  kFunctionStatus,   // SHOW FUNCTION STATUS [LIKE|WHERE]
  kPlugins,
  kPrivileges,
  kReplicationStatus,  // SHOW {MASTER | SLAVE | REPLICA} STATUS; detail holds the word
  kBinaryLogs,         // SHOW {BINARY | MASTER} LOGS
  kWarningCount,       // SHOW COUNT(*) WARNINGS
  kErrorCount,         // SHOW COUNT(*) ERRORS
  // Tessera's own:
  kKeyspaces,
  kShards,
  kTablets,
  kBranches,
  kVschemaTables,
  kMigrations,              // SHOW MIGRATIONS [LIKE|WHERE]
  kUnresolvedTransactions,  // SHOW UNRESOLVED TRANSACTIONS [FOR keyspace]; db holds it
};

struct ShowStatement : Statement {
  StatementKind kind() const override { return StatementKind::kShow; }
  StatementPtr Clone() const override;
  ShowKind what = ShowKind::kTables;
  bool full = false;
  VarScope scope = VarScope::kDefault;  // VARIABLES / STATUS
  TableName table;  // COLUMNS, INDEX, CREATE TABLE (qualifier from `FROM db` too)
  std::string db;   // TABLES / TABLE STATUS FROM db, CREATE DATABASE db
  bool has_like = false;
  std::string like;       // LIKE pattern, unescaped
  ExprPtr where;          // WHERE filter, null when none
  Limit limit;            // WARNINGS / ERRORS
  bool describe = false;  // kColumns written as DESCRIBE t [pattern]; the pattern is `like`
  std::string detail;     // GRANTS FOR user (as SQL text); replication word
};

// A statement the front end recognises but does not model; `text` is the
// original statement text and `verb` its first keyword(s) in upper case.
struct OtherStatement : Statement {
  StatementKind kind() const override { return StatementKind::kOther; }
  StatementPtr Clone() const override;
  std::string verb;
  std::string text;
};

}  // namespace tessera::sql::ast
