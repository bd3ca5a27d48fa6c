#include "vtgate/prepared_statement.h"

#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

void LimitToZero(ast::Limit* limit) {
  limit->count = std::make_unique<ast::Literal>(ast::LiteralKind::kInt, "0");
  limit->offset.reset();
}

}  // namespace

size_t CountPlaceholders(ast::Statement& stmt) {
  size_t count = 0;
  ast::ForEachExpr(stmt, [&](ast::Expr& e) {
    if (e.kind() == ast::ExprKind::kPlaceholder) ++count;
  });
  return count;
}

std::string BindPlaceholders(const ast::Statement& stmt, const std::vector<std::string>& literals) {
  sql::FormatOptions options;
  options.placeholder = [&](const ast::Placeholder& p) -> std::string {
    if (p.index < 0 || static_cast<size_t>(p.index) >= literals.size()) return "NULL";
    return literals[static_cast<size_t>(p.index)];
  };
  return sql::Format(stmt, options);
}

std::optional<std::string> MetadataQuery(const ast::Statement& stmt) {
  if (stmt.kind() != ast::StatementKind::kSelect && stmt.kind() != ast::StatementKind::kUnion) {
    return std::nullopt;
  }
  ast::StatementPtr copy = stmt.Clone();
  if (copy->kind() == ast::StatementKind::kSelect) {
    auto& select = copy->As<ast::SelectStatement>();
    LimitToZero(&select.limit);
    select.lock = ast::LockMode::kNone;
  } else {
    auto& union_stmt = copy->As<ast::UnionStatement>();
    LimitToZero(&union_stmt.limit);
    union_stmt.lock = ast::LockMode::kNone;
  }
  sql::FormatOptions options;
  options.placeholder = [](const ast::Placeholder&) { return std::string("NULL"); };
  return sql::Format(*copy, options);
}

const ParsedPreparedStatement* PreparedStatementCache::Find(std::string_view sql) const {
  auto it = entries_.find(sql);
  return it == entries_.end() ? nullptr : &it->second;
}

const ParsedPreparedStatement& PreparedStatementCache::Insert(std::string sql,
                                                              ParsedPreparedStatement parsed) {
  if (entries_.size() >= capacity_ && entries_.find(sql) == entries_.end()) entries_.clear();
  auto& slot = entries_[std::move(sql)];
  slot = std::move(parsed);
  return slot;
}

}  // namespace tessera::vtgate
