// Prepared statements on the executor side. A session keeps the parsed form
// of each statement text it prepared in a PreparedStatementCache, so an
// execution only binds its parameter literals into the text (no parse);
// the bound text then takes the same way as a COM_QUERY.
//
// - CountPlaceholders: the number of `?` in a statement (every expression,
//   subqueries included).
// - BindPlaceholders: the statement formatted with its i-th `?` (by
//   Placeholder::index) written as literals[i]; a missing literal is NULL.
// - MetadataQuery: for a SELECT/UNION, the statement with every `?` as NULL,
//   LIMIT 0 at the top and no locking clause: it returns the result columns
//   and no rows. nullopt for other statements.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sqlparser/ast/ast.h"

namespace tessera::vtgate {

size_t CountPlaceholders(sql::ast::Statement& stmt);
std::string BindPlaceholders(const sql::ast::Statement& stmt,
                             const std::vector<std::string>& literals);
std::optional<std::string> MetadataQuery(const sql::ast::Statement& stmt);

struct ParsedPreparedStatement {
  std::unique_ptr<sql::ast::Statement> stmt;
  size_t param_count = 0;
};

// Statement text -> parsed statement. Bounded: inserting into a full cache
// empties it first (a miss only costs one parse). Not thread-safe.
class PreparedStatementCache {
 public:
  explicit PreparedStatementCache(size_t capacity = 1024) : capacity_(capacity) {}

  const ParsedPreparedStatement* Find(std::string_view sql) const;
  const ParsedPreparedStatement& Insert(std::string sql, ParsedPreparedStatement parsed);
  size_t size() const { return entries_.size(); }

 private:
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  size_t capacity_;
  std::unordered_map<std::string, ParsedPreparedStatement, TextHash, std::equal_to<>> entries_;
};

}  // namespace tessera::vtgate
