#include "schema/branches/shard_schema.h"

#include <regex>

#include "schema/store/service_error.h"
#include "schema/store/sql_quote.h"

namespace tessera::schema {
namespace {

Status AsStatus(const Result<uint64_t>& r) {
  return r.ok() ? Status::Ok() : Status(r.error());
}

}  // namespace

std::string WithoutAutoIncrementCounter(const std::string& create_table) {
  // The option follows the closing parenthesis of the column list, e.g.
  // ") ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4".
  static const std::regex kCounter(R"( AUTO_INCREMENT=[0-9]+)");
  auto close = create_table.rfind(')');
  if (close == std::string::npos) return create_table;
  return create_table.substr(0, close) +
         std::regex_replace(create_table.substr(close), kCounter, "");
}

Result<std::vector<std::string>> ReadDatabaseSchema(SqlSession& session,
                                                    const std::string& database) {
  auto exists = session.Query("SELECT 1 FROM information_schema.schemata WHERE schema_name = " +
                              QuoteSqlString(database));
  if (!exists.ok()) return exists.error();
  if (exists->empty()) return NotFound("database " + database + " does not exist");
  auto tables = session.Query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = " +
      QuoteSqlString(database) + " AND table_type = 'BASE TABLE' ORDER BY table_name");
  if (!tables.ok()) return tables.error();
  std::vector<std::string> out;
  for (const auto& row : *tables) {
    const std::string table = row.at(0).value_or("");
    auto create = session.Query("SHOW CREATE TABLE " + QuoteIdentifier(database) + "." +
                                QuoteIdentifier(table));
    if (!create.ok()) return WithContext("SHOW CREATE TABLE " + table, create.error());
    if (create->empty() || create->front().size() < 2 || !create->front()[1]) {
      return Error::Internal("SHOW CREATE TABLE " + table + " returned no statement");
    }
    out.push_back(WithoutAutoIncrementCounter(*create->front()[1]));
  }
  return out;
}

Status ApplySchema(SqlSession& session, const std::string& database,
                   const std::vector<std::string>& statements) {
  if (Status s = AsStatus(session.Execute("USE " + QuoteIdentifier(database))); !s.ok()) return s;
  if (Status s = AsStatus(session.Execute("SET SESSION foreign_key_checks = 0")); !s.ok()) return s;
  for (const auto& statement : statements) {
    if (auto r = session.Execute(statement); !r.ok()) {
      return WithContext("in " + database, r.error());
    }
  }
  return AsStatus(session.Execute("SET SESSION foreign_key_checks = 1"));
}

Status CreateDatabaseLike(SqlSession& session, const std::string& from, const std::string& to) {
  auto charset = session.Query(
      "SELECT default_character_set_name, default_collation_name FROM "
      "information_schema.schemata WHERE schema_name = " +
      QuoteSqlString(from));
  if (!charset.ok()) return charset.error();
  if (charset->empty()) return NotFound("database " + from + " does not exist");
  auto schema = ReadDatabaseSchema(session, from);
  if (!schema.ok()) return schema.error();
  const auto& row = charset->front();
  auto created = session.Execute("CREATE DATABASE " + QuoteIdentifier(to) + " CHARACTER SET " +
                                 QuoteSqlString(row.at(0).value_or("utf8mb4")) + " COLLATE " +
                                 QuoteSqlString(row.at(1).value_or("utf8mb4_general_ci")));
  if (!created.ok()) {
    if (created.error().code == 1007) return Conflict("database " + to + " already exists");
    return created.error();
  }
  return ApplySchema(session, to, *schema);
}

}  // namespace tessera::schema
