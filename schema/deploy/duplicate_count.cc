#include "schema/deploy/duplicate_count.h"

#include <string>

#include "schema/store/service_error.h"
#include "schema/store/sql_login.h"
#include "schema/store/sql_quote.h"
#include "schema/store/sql_session.h"

namespace tessera::schema {
namespace {

std::string CountQuery(const std::string& database, const std::string& table,
                       const std::vector<std::string>& columns, std::chrono::seconds time_limit) {
  std::string key;
  std::string not_null;
  for (const auto& column : columns) {
    key += (key.empty() ? "" : ", ") + QuoteIdentifier(column);
    not_null += (not_null.empty() ? "" : " AND ") + QuoteIdentifier(column) + " IS NOT NULL";
  }
  return "SET STATEMENT max_statement_time = " + std::to_string(time_limit.count()) +
         " FOR SELECT COUNT(*), COALESCE(SUM(n), 0) FROM (SELECT COUNT(*) AS n FROM " +
         QuoteIdentifier(database) + "." + QuoteIdentifier(table) + " WHERE " + not_null +
         " GROUP BY " + key + " HAVING COUNT(*) > 1) AS duplicates";
}

uint64_t Number(const std::optional<std::string>& cell) {
  return cell ? std::stoull(*cell) : 0;
}

std::string Plural(uint64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Result<DuplicateCount> CountDuplicates(const config::KeyspaceConfig& keyspace,
                                       const std::string& database, const std::string& table,
                                       const std::vector<std::string>& columns,
                                       std::chrono::seconds time_limit) {
  if (columns.empty()) return InvalidArgument("a unique key has at least one column");
  const std::string sql = CountQuery(database, table, columns, time_limit);
  DuplicateCount total;
  for (const auto& shard : keyspace.shards) {
    const std::string label = "shard " + keyspace.name + "/" + shard.name;
    auto session = SqlSession::Connect(SqlLogin::For(shard.mariadb));
    if (!session.ok()) return WithContext(label, session.error());
    auto rows = (*session)->Query(sql);
    if (!rows.ok()) return WithContext(label, rows.error());
    if (rows->empty() || rows->front().size() < 2)
      return WithContext(label, Error::Internal("the duplicate count returned no row"));
    total.values += Number(rows->front()[0]);
    total.rows += Number(rows->front()[1]);
  }
  return total;
}

void DuplicateCounter::Annotate(std::vector<BranchLintFinding>& lint,
                                const config::KeyspaceConfig& keyspace, const std::string& database,
                                std::chrono::seconds max_age) {
  for (auto& finding : lint) {
    if (finding.code != "add_unique_key" || finding.columns.empty()) continue;
    Key key{keyspace.name, database, finding.table, finding.columns};
    const auto now = std::chrono::steady_clock::now();
    Result<DuplicateCount> count = DuplicateCount{};
    {
      std::lock_guard lock(mutex_);
      auto it = cache_.find(key);
      if (it != cache_.end() && now - it->second.at <= max_age) {
        count = it->second.count;
      } else {
        count = CountDuplicates(keyspace, database, finding.table, finding.columns, time_limit_);
        // Counts past max_age would be taken again anyway: dropping them
        // keeps the cache to what was counted lately.
        std::erase_if(cache_, [&](const auto& entry) { return now - entry.second.at > max_age; });
        cache_.insert_or_assign(key, Entry{count, now});
      }
    }
    if (!count.ok()) {
      finding.message += " (duplicates could not be counted: " + count.error().message + ")";
    } else if (count->values == 0) {
      finding.message += "; production has no duplicates now";
    } else {
      finding.severity = "error";
      finding.message += "; production has " +
                         Plural(count->values, "duplicated value", "duplicated values") +
                         " now, in " + Plural(count->rows, "row", "rows");
    }
  }
}

}  // namespace tessera::schema
