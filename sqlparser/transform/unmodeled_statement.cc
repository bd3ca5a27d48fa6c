#include "sqlparser/transform/unmodeled_statement.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tessera::sql::transform {

namespace {
bool OneOf(const std::string& word, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), word) != set.end();
}
}  // namespace

std::optional<std::string> UnmodeledConstruct(const std::vector<std::string>& words) {
  if (words.empty()) return std::nullopt;
  auto word = [&](size_t i) { return i < words.size() ? words[i] : std::string(); };
  const std::string first = word(0);
  const std::string second = word(1);

  // Whole statement families.
  if (OneOf(first, {"GRANT", "REVOKE", "XA", "HELP", "INSTALL", "UNINSTALL", "SHUTDOWN", "RESET",
                    "PURGE", "BINLOG", "HANDLER", "SIGNAL", "RESIGNAL", "GET", "LOAD", "BACKUP",
                    "CACHE", "IMPORT", "KILL"})) {
    return first;
  }
  static constexpr std::array<std::string_view, 13> kObjects = {
      "USER",     "ROLE",    "PROCEDURE",  "FUNCTION", "TRIGGER", "EVENT",    "SERVER",
      "SEQUENCE", "PACKAGE", "TABLESPACE", "LOGFILE",  "DEFINER", "AGGREGATE"};
  auto is_object = [&](const std::string& w) {
    return std::find(kObjects.begin(), kObjects.end(), w) != kObjects.end();
  };
  if (OneOf(first, {"CREATE", "DROP", "ALTER", "RENAME"})) {
    if (is_object(second)) return first + " " + second;
    if (second == "OR" && word(2) == "REPLACE" && (is_object(word(3)) || word(3) == "INDEX"))
      return "CREATE OR REPLACE " + word(3);
  }
  if (OneOf(first, {"CHANGE", "START", "STOP"}) &&
      OneOf(second, {"MASTER", "REPLICATION", "SLAVE", "REPLICA", "ALL"})) {
    return first + " " + second;
  }
  if (first == "SET" && OneOf(second, {"ROLE", "DEFAULT", "STATEMENT", "PASSWORD"}))
    return first + " " + second;
  if (first == "EXECUTE" && second == "IMMEDIATE") return "EXECUTE IMMEDIATE";
  if (OneOf(first, {"EXPLAIN", "DESCRIBE", "DESC"}) && second == "FOR")
    return "EXPLAIN FOR CONNECTION";
  if (first == "ANALYZE" && second != "TABLE" && second != "TABLES") return "ANALYZE " + second;
  if (first == "ANALYZE" && std::find(words.begin(), words.end(), "PERSISTENT") != words.end())
    return "ANALYZE TABLE ... PERSISTENT FOR";
  if (first == "SHOW") {
    if (OneOf(second, {"ENGINE", "PROFILE", "PROFILES", "AUTHORS", "CONTRIBUTORS", "LOCALES",
                       "EXPLAIN", "ANALYZE", "PACKAGE", "USER_STATISTICS", "CLIENT_STATISTICS",
                       "INDEX_STATISTICS", "TABLE_STATISTICS", "BINLOG", "RELAYLOG", "ALL"})) {
      return "SHOW " + second;
    }
    if (second == "CREATE" && is_object(word(2))) return "SHOW CREATE " + word(2);
    if (second == "SLAVE" && word(2) == "HOSTS") return "SHOW SLAVE HOSTS";
    if (OneOf(second, {"PROCEDURE", "FUNCTION"}) && word(2) == "CODE")
      return "SHOW " + second + " CODE";
    if (second == "PLUGINS" && word(2) == "SONAME") return "SHOW PLUGINS SONAME";
  }

  // Constructs inside otherwise modelled statements, found by two adjacent
  // words; `first_word` limits a pair to statements starting with it.
  struct Pair {
    std::string_view a, b, name, first_word;
  };
  static constexpr Pair kPairs[] = {
      {"SYSTEM", "VERSIONING", "system versioning", ""},
      {"SOUNDS", "LIKE", "SOUNDS LIKE", ""},
      {"NEXT", "VALUE", "sequences (NEXT VALUE FOR)", ""},
      {"PREVIOUS", "VALUE", "sequences (PREVIOUS VALUE FOR)", ""},
      {"AS", "INTERVAL", "CAST ... AS INTERVAL", ""},
      {"IGNORE", "SELECT", "CREATE TABLE ... IGNORE SELECT", ""},
      {"REPLACE", "SELECT", "CREATE TABLE ... REPLACE SELECT", ""},
      {"ALTER", "ONLINE", "ALTER ONLINE TABLE", ""},
      {"ALTER", "INDEX", "ALTER INDEX ... IGNORED", ""},
      {"TABLE", "IF", "IF EXISTS on ALTER TABLE", "ALTER"},
      {"TABLE", "IF", "IF EXISTS on RENAME TABLE", "RENAME"},
      {"ROWS", "EXAMINED", "LIMIT ROWS EXAMINED", ""},
      {"FOR", "PORTION", "FOR PORTION OF", ""},
  };
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    for (const auto& pair : kPairs) {
      if (words[i] == pair.a && words[i + 1] == pair.b &&
          (pair.first_word.empty() || first == pair.first_word)) {
        return std::string(pair.name);
      }
    }
  }
  for (const auto& w : words) {
    if (w == "JSON_TABLE") return "JSON_TABLE";
    if (w == "COLUMN_GET") return "COLUMN_GET";
    if (w == "COMPRESSED" && OneOf(first, {"CREATE", "ALTER"})) return "COMPRESSED columns";
    if (w == "WAIT" && OneOf(first, {"ALTER", "LOCK", "CREATE", "DROP", "RENAME", "TRUNCATE"}))
      return "WAIT n";
  }
  if (first == "ALTER") {
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      if (words[i] == "ORDER" && words[i + 1] == "BY") return "ALTER TABLE ... ORDER BY";
      if (OneOf(words[i], {"PARTITION", "PARTITIONING", "PARTITIONS"}))
        return "ALTER TABLE partitioning";
    }
  }
  if (first == "CREATE" && second == "INDEX") {
    for (const auto& w : words) {
      if (w == "ALGORITHM" || w == "LOCK") return "CREATE INDEX ... ALGORITHM/LOCK";
    }
  }
  if (OneOf(first, {"CREATE", "ALTER"})) {
    for (const auto& w : words) {
      if (w == "REFERENCES") return "REFERENCES in a column definition";
    }
  }
  return std::nullopt;
}

}  // namespace tessera::sql::transform
