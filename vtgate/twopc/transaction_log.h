// TransactionLog: the SQL of the durable record of a distributed (two-phase)
// transaction and of its branches' XA ids.
//
// The coordinator keeps the record in the sidecar database of the first
// shard the transaction touched (its "log shard"):
//   _tessera.twopc_transactions(dtid, state, participants, created)
// - it is written before any branch is prepared;
// - its state moves from `prepare` to `commit` or `rollback` once, by a
//   conditional UPDATE, so of a coordinator and a resolver racing only one
//   decides;
// - it is deleted once every branch has ended.
// Branch n (1-based, in the order the shards joined) of transaction `dtid`
// is the MariaDB XA transaction with gtrid `dtid` and bqual `n`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result_set.h"

namespace tessera::vtgate::twopc {

enum class State { kPrepare, kCommit, kRollback };

struct Participant {
  size_t ordinal = 0;  // the branch's bqual
  std::string keyspace;
  std::string shard;

  bool operator==(const Participant&) const = default;
};

struct TransactionRecord {
  std::string dtid;
  State state = State::kPrepare;
  std::vector<Participant> participants;
  int64_t age_ms = 0;
};

// Every dtid starts with this, so the resolver knows our XA transactions.
inline constexpr std::string_view kDtidPrefix = "tsr-";

// The SQL form of branch `ordinal`'s XA id: 'dtid','ordinal'.
std::string XaId(std::string_view dtid, size_t ordinal);

// The XA ids (SQL form) of the prepared branches `XA RECOVER` listed whose
// gtrid starts with kDtidPrefix, with their gtrid.
struct RecoveredBranch {
  std::string dtid;
  std::string xa_id;
};
std::vector<RecoveredBranch> RecoveredBranches(const ResultSet& xa_recover);

// Statements creating the sidecar database and table (idempotent).
std::vector<std::string> CreateLogSql();
// True for the errors saying the table (or its database) is missing.
bool IsMissingLog(uint16_t mysql_errno);

std::string InsertSql(std::string_view dtid, const std::vector<Participant>& participants);
// Moves the record from `prepare` to `to`; one affected row means it did.
std::string DecideSql(std::string_view dtid, State to);
std::string SelectStateSql(std::string_view dtid);
std::string DeleteSql(std::string_view dtid);
// All records, with their age.
std::string SelectAllSql();

// Rows of SelectAllSql; rows it cannot read are skipped.
std::vector<TransactionRecord> ParseRecords(const ResultSet& rows);
// The state column of SelectStateSql's row; nullopt without a row.
std::optional<State> ParseState(const ResultSet& rows);

std::string_view StateName(State state);

}  // namespace tessera::vtgate::twopc
