// Statement base. Each statement type derives from Statement and reports its
// StatementKind; downcast with As<T>() after checking kind().
#pragma once

#include <string>
#include <vector>

#include "sqlparser/ast/node.h"

namespace tessera::sql::ast {

enum class StatementKind {
  kSelect,
  kUnion,  // also EXCEPT / INTERSECT
  kInsert,
  kReplace,  // an InsertStatement with replace=true
  kUpdate,
  kDelete,
  kCreateTable,
  kDropTable,
  kAlterTable,
  kCreateIndex,
  kDropIndex,
  kTruncateTable,
  kRenameTable,
  kCreateDatabase,
  kDropDatabase,
  kUse,
  kSet,
  kBegin,
  kCommit,
  kRollback,
  kShow,
  kOther,
  kAlterDatabase,
  kCreateView,
  kAlterView,
  kDropView,
  kCall,
  kDo,
  kExplain,
  kTableMaintenance,  // ANALYZE / OPTIMIZE / REPAIR / CHECK / CHECKSUM TABLE
  kFlush,
  kKill,
  kLockTables,
  kUnlockTables,
  kSavepoint,  // SAVEPOINT and RELEASE SAVEPOINT
  kPrepare,
  kExecute,
  kDeallocate,
  kAlterMigration,
  kRevertMigration,
  kVexplain,
};

struct Statement {
  virtual ~Statement() = default;
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  virtual StatementKind kind() const = 0;
  // Deep copy.
  virtual StatementPtr Clone() const = 0;

  template <class T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  // Texts of the /* ... */ comments that preceded the statement, without the
  // delimiters (optional; e.g. query directives). Not part of equality.
  std::vector<std::string> comments;
};

}  // namespace tessera::sql::ast
