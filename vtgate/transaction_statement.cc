#include "vtgate/transaction_statement.h"

#include <cctype>
#include <vector>

#include "common/ascii.h"
#include "common/word_scanner.h"

namespace tessera::vtgate {
namespace {

// A savepoint name: a plain identifier or a back-quoted one.
std::optional<std::string> SavepointName(WordScanner& scan) {
  std::string_view rest = scan.Rest();
  std::string name;
  if (!rest.empty() && rest.front() == '`') {
    if (rest.size() < 3 || rest.back() != '`') return std::nullopt;
    for (size_t i = 1; i + 1 < rest.size(); ++i) {
      if (rest[i] == '`') {
        if (i + 2 >= rest.size() || rest[i + 1] != '`') return std::nullopt;
        ++i;
      }
      name += rest[i];
    }
    return name;
  }
  for (char c : rest) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$') return std::nullopt;
  }
  if (rest.empty()) return std::nullopt;
  return std::string(rest);
}

// `/*!40000 text */` -> `text`: MySQL's executable comments, as mariadb-dump
// writes them.
std::string_view UnwrapExecutableComment(std::string_view sql) {
  size_t start = 0;
  while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
  if (sql.substr(start, 3) != "/*!") return sql;
  size_t body = start + 3;
  while (body < sql.size() && std::isdigit(static_cast<unsigned char>(sql[body]))) ++body;
  size_t end = sql.rfind("*/");
  if (end == std::string_view::npos || end < body) return sql;
  std::string_view after = sql.substr(end + 2);
  for (char c : after) {
    if (!std::isspace(static_cast<unsigned char>(c)) && c != ';') return sql;
  }
  return sql.substr(body, end - body);
}

}  // namespace

TransactionParse ParseTransactionStatement(std::string_view sql) {
  sql = UnwrapExecutableComment(sql);
  WordScanner scan(sql);
  const std::string first = scan.Word();
  if (first != "savepoint" && first != "release" && first != "lock" && first != "unlock" &&
      first != "alter")
    return {};
  TransactionParse out;
  if (first == "alter") {
    // Exactly ALTER TABLE <name> {DISABLE|ENABLE} KEYS.
    if (scan.Word() != "table") return {};
    std::vector<std::string> words;
    std::string_view rest = scan.Rest();
    for (size_t i = 0; i < rest.size();) {
      while (i < rest.size() && std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
      size_t start = i;
      while (i < rest.size() && !std::isspace(static_cast<unsigned char>(rest[i]))) ++i;
      if (i > start) words.push_back(AsciiLower(rest.substr(start, i - start)));
    }
    if (words.size() != 3 || (words[1] != "disable" && words[1] != "enable") || words[2] != "keys")
      return {};
    out.statement = TransactionStatement{TransactionStatement::Kind::kKeysNoOp, ""};
    return out;
  }
  if (first == "lock" || first == "unlock") {
    const std::string second = scan.Word();
    if (second != "table" && second != "tables") return {};
    out.statement =
        TransactionStatement{first == "lock" ? TransactionStatement::Kind::kLockTables
                                             : TransactionStatement::Kind::kUnlockTables,
                             ""};
    return out;
  }
  TransactionStatement::Kind kind = TransactionStatement::Kind::kSavepoint;
  if (first == "release") {
    if (scan.Word() != "savepoint") return {};
    kind = TransactionStatement::Kind::kReleaseSavepoint;
  }
  auto name = SavepointName(scan);
  if (!name) {
    out.error = "expected a savepoint name";
    return out;
  }
  out.statement = TransactionStatement{kind, std::move(*name)};
  return out;
}

}  // namespace tessera::vtgate
