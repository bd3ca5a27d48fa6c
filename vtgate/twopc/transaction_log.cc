#include "vtgate/twopc/transaction_log.h"

#include <charconv>

#include "common/sql_string.h"

namespace tessera::vtgate::twopc {
namespace {

constexpr std::string_view kTable = "`_tessera`.`twopc_transactions`";

std::optional<State> StateOf(std::string_view name) {
  if (name == "prepare") return State::kPrepare;
  if (name == "commit") return State::kCommit;
  if (name == "rollback") return State::kRollback;
  return std::nullopt;
}

template <typename T>
std::optional<T> NumberOf(std::string_view text) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "1 ks/-80\n2 ks/80-": one participant per line.
std::string EncodeParticipants(const std::vector<Participant>& participants) {
  std::string out;
  for (const auto& p : participants) {
    if (!out.empty()) out += '\n';
    out += std::to_string(p.ordinal) + ' ' + p.keyspace + '/' + p.shard;
  }
  return out;
}

std::optional<std::vector<Participant>> DecodeParticipants(std::string_view text) {
  std::vector<Participant> out;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    size_t space = line.find(' ');
    size_t slash = line.find('/', space == std::string_view::npos ? 0 : space);
    if (space == std::string_view::npos || slash == std::string_view::npos) return std::nullopt;
    auto ordinal = NumberOf<size_t>(line.substr(0, space));
    if (!ordinal) return std::nullopt;
    out.push_back(Participant{*ordinal, std::string(line.substr(space + 1, slash - space - 1)),
                              std::string(line.substr(slash + 1))});
  }
  return out;
}

}  // namespace

std::string XaId(std::string_view dtid, size_t ordinal) {
  return QuoteSqlString(dtid) + "," + QuoteSqlString(std::to_string(ordinal));
}

std::vector<RecoveredBranch> RecoveredBranches(const ResultSet& xa_recover) {
  // formatID, gtrid_length, bqual_length, data (gtrid and bqual joined).
  std::vector<RecoveredBranch> out;
  for (const auto& row : xa_recover.rows) {
    if (row.size() < 4 || !row[0] || !row[1] || !row[2] || !row[3] || *row[0] != "1") continue;
    auto gtrid_length = NumberOf<size_t>(*row[1]);
    auto bqual_length = NumberOf<size_t>(*row[2]);
    const std::string& data = *row[3];
    if (!gtrid_length || !bqual_length || *gtrid_length + *bqual_length != data.size()) continue;
    std::string_view gtrid = std::string_view(data).substr(0, *gtrid_length);
    if (!gtrid.starts_with(kDtidPrefix)) continue;
    auto ordinal = NumberOf<size_t>(std::string_view(data).substr(*gtrid_length));
    if (!ordinal) continue;
    out.push_back(RecoveredBranch{std::string(gtrid), XaId(gtrid, *ordinal)});
  }
  return out;
}

std::vector<std::string> CreateLogSql() {
  return {"CREATE DATABASE IF NOT EXISTS `_tessera`",
          "CREATE TABLE IF NOT EXISTS " + std::string(kTable) +
              " (dtid VARBINARY(64) NOT NULL PRIMARY KEY,"
              " state ENUM('prepare','commit','rollback') NOT NULL,"
              " participants TEXT NOT NULL,"
              " created TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB"};
}

bool IsMissingLog(uint16_t mysql_errno) {
  return mysql_errno == 1146 /* no such table */ || mysql_errno == 1049 /* no database */;
}

std::string InsertSql(std::string_view dtid, const std::vector<Participant>& participants) {
  return "INSERT INTO " + std::string(kTable) + " (dtid, state, participants) VALUES (" +
         QuoteSqlString(dtid) + ", 'prepare', " + QuoteSqlString(EncodeParticipants(participants)) +
         ")";
}

std::string DecideSql(std::string_view dtid, State to) {
  return "UPDATE " + std::string(kTable) + " SET state = '" + std::string(StateName(to)) +
         "' WHERE dtid = " + QuoteSqlString(dtid) + " AND state = 'prepare'";
}

std::string SelectStateSql(std::string_view dtid) {
  return "SELECT state FROM " + std::string(kTable) + " WHERE dtid = " + QuoteSqlString(dtid);
}

std::string DeleteSql(std::string_view dtid) {
  return "DELETE FROM " + std::string(kTable) + " WHERE dtid = " + QuoteSqlString(dtid);
}

std::string SelectAllSql() {
  return "SELECT dtid, state, participants, "
         "TIMESTAMPDIFF(MICROSECOND, created, NOW(6)) DIV 1000 FROM " +
         std::string(kTable) + " ORDER BY created";
}

std::vector<TransactionRecord> ParseRecords(const ResultSet& rows) {
  std::vector<TransactionRecord> out;
  for (const auto& row : rows.rows) {
    if (row.size() < 4 || !row[0] || !row[1] || !row[2] || !row[3]) continue;
    auto state = StateOf(*row[1]);
    auto participants = DecodeParticipants(*row[2]);
    auto age = NumberOf<int64_t>(*row[3]);
    if (!state || !participants || !age) continue;
    out.push_back(TransactionRecord{*row[0], *state, std::move(*participants), *age});
  }
  return out;
}

std::optional<State> ParseState(const ResultSet& rows) {
  if (rows.rows.empty() || rows.rows.front().empty() || !rows.rows.front()[0]) return std::nullopt;
  return StateOf(*rows.rows.front()[0]);
}

std::string_view StateName(State state) {
  switch (state) {
    case State::kPrepare:
      return "prepare";
    case State::kCommit:
      return "commit";
    case State::kRollback:
      return "rollback";
  }
  return "prepare";
}

}  // namespace tessera::vtgate::twopc
