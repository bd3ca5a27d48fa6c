// Schema statements: CREATE/DROP/ALTER TABLE, CREATE/DROP INDEX, TRUNCATE,
// RENAME, CREATE/DROP DATABASE. Detailed enough for a schema model.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sqlparser/ast/expr.h"
#include "sqlparser/ast/statement.h"

namespace tessera::sql::ast {

// A column type: name in upper case ("INT", "VARCHAR", "DECIMAL", "ENUM").
struct DataType {
  std::string name;
  std::optional<uint32_t> length;   // INT(11), VARCHAR(64), DECIMAL(10,2) -> 10
  std::optional<uint32_t> scale;    // DECIMAL(10,2) -> 2
  std::vector<std::string> values;  // ENUM/SET members, unescaped
  bool is_unsigned = false;
  bool zerofill = false;
  std::string charset;
  std::string collation;
  bool operator==(const DataType&) const = default;
};

enum class ColumnKey { kNone, kPrimary, kUnique };

struct ColumnDef {
  std::string name;
  DataType type;
  std::optional<bool> nullable;  // NULL -> true, NOT NULL -> false, unspecified -> nullopt
  ExprPtr default_value;         // null when no DEFAULT clause
  ExprPtr on_update;             // ON UPDATE CURRENT_TIMESTAMP..., null when none
  bool auto_increment = false;
  ColumnKey key = ColumnKey::kNone;  // inline PRIMARY KEY / UNIQUE [KEY]
  std::optional<std::string> comment;
  ExprPtr generated;              // GENERATED ALWAYS AS (expr) / AS (expr); null when none
  bool generated_stored = false;  // STORED|PERSISTENT vs VIRTUAL
  bool invisible = false;         // INVISIBLE
  ExprPtr check;                  // [CONSTRAINT name] CHECK (expr) on the column; null when none
  std::string check_name;
  ColumnDef Clone() const;
};

enum class IndexKind { kPrimary, kUnique, kIndex, kFulltext, kSpatial };

struct IndexColumn {
  std::string name;
  std::optional<uint32_t> length;  // prefix length
  bool desc = false;
  bool operator==(const IndexColumn&) const = default;
};

struct IndexDef {
  IndexKind kind = IndexKind::kIndex;
  std::string name;  // empty for PRIMARY KEY and unnamed keys
  std::vector<IndexColumn> columns;
  std::string using_type;  // "BTREE", "HASH" or ""
  std::optional<std::string> comment;
  bool operator==(const IndexDef&) const = default;
};

struct ForeignKeyDef {
  std::string constraint_name;
  std::string index_name;
  std::vector<std::string> columns;
  TableName ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete;  // "", "RESTRICT", "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT"
  std::string on_update;
  bool operator==(const ForeignKeyDef&) const = default;
};

struct CheckDef {
  std::string name;
  ExprPtr expr;
};

// name = value; name in upper case ("ENGINE", "AUTO_INCREMENT", "COMMENT",
// "ROW_FORMAT"); [DEFAULT] CHARACTER SET/CHARSET is "CHARSET" and [DEFAULT]
// COLLATE is "COLLATE". `quoted` when the value was a string literal.
struct TableOption {
  std::string name;
  std::string value;
  bool quoted = false;
  bool operator==(const TableOption&) const = default;
};

struct CreateTableStatement : Statement {
  StatementKind kind() const override { return StatementKind::kCreateTable; }
  StatementPtr Clone() const override;

  TableName table;
  bool temporary = false;
  bool or_replace = false;
  bool if_not_exists = false;
  std::vector<ColumnDef> columns;
  std::vector<IndexDef> indexes;
  std::vector<ForeignKeyDef> foreign_keys;
  std::vector<CheckDef> checks;
  std::vector<TableOption> options;
  std::optional<TableName> like;  // CREATE TABLE t LIKE other
  StatementPtr select;            // CREATE TABLE t [(...)] [AS] SELECT ...; null otherwise
  std::string partitioning;       // "PARTITION BY ..." as written, or empty
};

struct DropTableStatement : Statement {
  StatementKind kind() const override { return StatementKind::kDropTable; }
  StatementPtr Clone() const override;

  bool temporary = false;
  bool if_exists = false;
  std::vector<TableName> tables;
};

enum class AlterSpecKind {
  kAddColumn,           // ADD [COLUMN] column [FIRST | AFTER c]
  kDropColumn,          // DROP [COLUMN] name
  kModifyColumn,        // MODIFY [COLUMN] column [FIRST | AFTER c]
  kChangeColumn,        // CHANGE [COLUMN] name column [FIRST | AFTER c]
  kRenameColumn,        // RENAME COLUMN name TO new_name
  kAlterColumnDefault,  // ALTER [COLUMN] name SET DEFAULT expr | DROP DEFAULT
  kAddIndex,            // ADD {PRIMARY KEY|UNIQUE|INDEX|KEY|FULLTEXT} ...
  kDropIndex,           // DROP {INDEX|KEY} name
  kDropPrimaryKey,      // DROP PRIMARY KEY
  kRenameIndex,         // RENAME {INDEX|KEY} name TO new_name
  kAddForeignKey,
  kDropForeignKey,  // DROP FOREIGN KEY name
  kRenameTable,     // RENAME [TO|AS] new_table
  kTableOptions,    // ENGINE=..., etc.
  kConvertCharset,  // CONVERT TO CHARACTER SET name [COLLATE c]
  kAlgorithm,       // ALGORITHM = name
  kLock,            // LOCK = name
  kForce,           // FORCE
  kAddCheck,        // ADD [CONSTRAINT name] CHECK (check)
  kDropConstraint,  // DROP {CONSTRAINT | CHECK} name
  kDisableKeys,     // DISABLE KEYS
  kEnableKeys,      // ENABLE KEYS
};

struct AlterSpec {
  AlterSpecKind kind = AlterSpecKind::kTableOptions;
  bool if_exists = false;      // DROP COLUMN IF EXISTS etc.
  bool if_not_exists = false;  // ADD COLUMN IF NOT EXISTS etc.
  std::string name;            // existing column/index/constraint, algorithm/lock value, charset
  std::string new_name;        // renames; collation for kConvertCharset
  std::optional<ColumnDef> column;
  std::optional<IndexDef> index;
  std::optional<ForeignKeyDef> foreign_key;
  TableName new_table;
  std::vector<TableOption> options;
  bool first = false;     // FIRST
  std::string after;      // AFTER column
  ExprPtr default_value;  // ALTER COLUMN SET DEFAULT; null for DROP DEFAULT
  ExprPtr check;          // kAddCheck
  AlterSpec Clone() const;
};

struct AlterTableStatement : Statement {
  StatementKind kind() const override { return StatementKind::kAlterTable; }
  StatementPtr Clone() const override;

  TableName table;
  std::vector<AlterSpec> specs;
};

struct CreateIndexStatement : Statement {
  StatementKind kind() const override { return StatementKind::kCreateIndex; }
  StatementPtr Clone() const override;

  TableName table;
  IndexDef index;  // kind kUnique/kIndex/kFulltext/kSpatial
  bool if_not_exists = false;
};

struct DropIndexStatement : Statement {
  StatementKind kind() const override { return StatementKind::kDropIndex; }
  StatementPtr Clone() const override;

  std::string name;
  TableName table;
  bool if_exists = false;
};

struct TruncateTableStatement : Statement {
  StatementKind kind() const override { return StatementKind::kTruncateTable; }
  StatementPtr Clone() const override;
  TableName table;
};

struct RenameTableStatement : Statement {
  StatementKind kind() const override { return StatementKind::kRenameTable; }
  StatementPtr Clone() const override;
  std::vector<std::pair<TableName, TableName>> renames;  // from -> to
};

struct CreateDatabaseStatement : Statement {
  StatementKind kind() const override { return StatementKind::kCreateDatabase; }
  StatementPtr Clone() const override;
  bool or_replace = false;
  std::string name;
  bool if_not_exists = false;
  std::vector<TableOption> options;  // DEFAULT CHARSET etc.
};

struct DropDatabaseStatement : Statement {
  StatementKind kind() const override { return StatementKind::kDropDatabase; }
  StatementPtr Clone() const override;
  std::string name;
  bool if_exists = false;
};

}  // namespace tessera::sql::ast
