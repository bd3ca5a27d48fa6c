#include "vttablet/onlineddl/deferred_indexes.h"

#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include "common/logging.h"
#include "sqlparser/format.h"

namespace tessera::vttablet::onlineddl {

using sql::QuoteIdentifier;

namespace {

constexpr std::string_view kPlainKey = "KEY ";

std::string_view Trim(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ',' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

Result<std::string> ShowCreateTable(BlockingConnection& connection, const std::string& database,
                                    const std::string& table) {
  auto rows = connection.Query("SHOW CREATE TABLE " + QuoteIdentifier(database) + "." +
                               QuoteIdentifier(table));
  if (!rows.ok()) return std::move(rows).error();
  if (rows.value().empty() || rows.value()[0].size() < 2 || !rows.value()[0][1])
    return Error::Internal(fmt::format("SHOW CREATE TABLE `{}` returned nothing", table));
  return *rows.value()[0][1];
}

}  // namespace

std::vector<std::string> DeferrableIndexClauses(std::string_view create_table) {
  std::vector<std::string> clauses;
  size_t start = 0;
  while (start < create_table.size()) {
    size_t end = create_table.find('\n', start);
    if (end == std::string_view::npos) end = create_table.size();
    std::string_view line = Trim(create_table.substr(start, end - start));
    start = end + 1;
    if (line.starts_with("FULLTEXT ") || line.starts_with("SPATIAL ") ||
        (line.starts_with("CONSTRAINT ") && line.find(" FOREIGN KEY ") != std::string_view::npos) ||
        line.starts_with("FOREIGN KEY ")) {
      return {};
    }
    if (line.starts_with(kPlainKey) && !IndexName(line).empty()) clauses.emplace_back(line);
  }
  return clauses;
}

std::string WithoutAutoIncrement(std::string_view create_table) {
  std::string text(create_table);
  constexpr std::string_view kOption = " AUTO_INCREMENT=";
  // Table options follow the last closing parenthesis of the column list.
  size_t options = text.rfind(')');
  if (options == std::string::npos) return text;
  size_t at = text.find(kOption, options);
  if (at == std::string::npos) return text;
  size_t end = at + kOption.size();
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  text.erase(at, end - at);
  return text;
}

std::string IndexName(std::string_view clause) {
  if (!clause.starts_with(kPlainKey)) return "";
  std::string_view rest = clause.substr(kPlainKey.size());
  if (rest.empty() || rest.front() != '`') return "";
  std::string name;
  for (size_t i = 1; i < rest.size(); ++i) {
    if (rest[i] != '`') {
      name += rest[i];
      continue;
    }
    if (i + 1 < rest.size() && rest[i + 1] == '`') {
      name += '`';
      ++i;
      continue;
    }
    return name;
  }
  return "";  // unterminated
}

Result<DeferredIndexes> DeferIndexes(BlockingConnection& connection, const std::string& database,
                                     const std::string& table) {
  auto create = ShowCreateTable(connection, database, table);
  if (!create.ok()) return std::move(create).error();
  DeferredIndexes deferred;
  std::vector<std::string> clauses = DeferrableIndexClauses(create.value());
  if (clauses.empty()) return deferred;
  std::string drop;
  for (const auto& clause : clauses)
    drop += (drop.empty() ? "" : ", ") + std::string("DROP INDEX IF EXISTS ") +
            QuoteIdentifier(IndexName(clause));
  auto dropped = connection.Execute("ALTER TABLE " + QuoteIdentifier(database) + "." +
                                    QuoteIdentifier(table) + " " + drop);
  if (!dropped.ok()) {
    // For example an index the AUTO_INCREMENT column needs: copy with all
    // indexes in place instead.
    GetLogger("onlineddl")
        ->info("indexes of `{}` not deferred: {}", table, dropped.error().message);
    return deferred;
  }
  deferred.clauses = std::move(clauses);
  deferred.definition = WithoutAutoIncrement(create.value());
  return deferred;
}

Status BuildDeferredIndexes(BlockingConnection& connection, const std::string& database,
                            const std::string& table, const DeferredIndexes& deferred) {
  if (deferred.clauses.empty()) return Status::Ok();
  std::string add;
  for (const auto& clause : deferred.clauses)
    add += (add.empty() ? "" : ", ") + std::string("ADD KEY IF NOT EXISTS ") +
           clause.substr(kPlainKey.size());
  const auto started = std::chrono::steady_clock::now();
  auto built = connection.Execute("ALTER TABLE " + QuoteIdentifier(database) + "." +
                                  QuoteIdentifier(table) + " " + add);
  if (!built.ok()) return std::move(built).error();
  auto create = ShowCreateTable(connection, database, table);
  if (!create.ok()) return std::move(create).error();
  std::string now = WithoutAutoIncrement(create.value());
  if (now != deferred.definition)
    return Error::Internal(
        fmt::format("after building its deferred indexes, `{}` reads\n{}\ninstead of\n{}", table,
                    now, deferred.definition));
  GetLogger("onlineddl")
      ->info("built {} deferred index(es) on `{}` in {} ms", deferred.clauses.size(), table,
             std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::steady_clock::now() - started)
                 .count());
  return Status::Ok();
}

}  // namespace tessera::vttablet::onlineddl
