// TransactionStatement: statements vtgate recognises by their first words
// because the SQL grammar does not know them: SAVEPOINT <name>, RELEASE
// SAVEPOINT <name>, LOCK TABLE[S] ..., UNLOCK TABLE[S], and ALTER TABLE <t>
// DISABLE|ENABLE KEYS (which mariadb-dump writes and InnoDB ignores).
// Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tessera::vtgate {

struct TransactionStatement {
  enum class Kind { kSavepoint, kReleaseSavepoint, kLockTables, kUnlockTables, kKeysNoOp };
  Kind kind = Kind::kSavepoint;
  std::string name;  // the savepoint
};

// nullopt for any other statement. A savepoint statement without a valid
// name comes back with `error` set.
struct TransactionParse {
  std::optional<TransactionStatement> statement;
  std::string error;
};
TransactionParse ParseTransactionStatement(std::string_view sql);

}  // namespace tessera::vtgate
