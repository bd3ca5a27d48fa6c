#include "vtgate/planner/colocated_subquery.h"

#include <functional>
#include <map>
#include <string>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

// The primary vindex of a sharded table, or null.
const ColumnVindex* ShardingVindex(const TableInfo* table) {
  if (table == nullptr || table->type != TableType::kSharded) return nullptr;
  return table->primary();
}

// `alias.column` when `expr` is a qualified column.
bool IsQualifiedColumn(const ast::Expr& expr, std::string* alias, std::string* column) {
  if (expr.kind() != ast::ExprKind::kColumn) return false;
  const auto& ref = expr.As<ast::ColumnRef>();
  if (ref.table.name.empty()) return false;
  *alias = ref.table.name;
  *column = AsciiLower(ref.name);
  return true;
}

// The plain tables of a FROM clause by alias; false on a derived table.
bool CollectTables(ast::TableRef& ref, std::map<std::string, const ast::AliasedTable*>& out) {
  switch (ref.kind()) {
    case ast::TableRefKind::kTable: {
      auto& table = ref.As<ast::AliasedTable>();
      out[table.alias.empty() ? table.name.name : table.alias] = &table;
      return true;
    }
    case ast::TableRefKind::kJoin: {
      auto& join = ref.As<ast::JoinTableRef>();
      return CollectTables(*join.left, out) && CollectTables(*join.right, out);
    }
    case ast::TableRefKind::kDerived:
      return false;
  }
  return false;
}

class Checker {
 public:
  Checker(const KeyspaceInfo& keyspace, const std::vector<BoundTable>& tables)
      : keyspace_(keyspace) {
    for (const auto& table : tables) {
      if (table.top_level && ShardingVindex(table.table) != nullptr)
        outer_[table.alias] = table.table;
    }
  }

  bool Qualifies(ast::Statement& query) const {
    if (query.kind() != ast::StatementKind::kSelect) return !ReadsSharded(query);
    auto& select = query.As<ast::SelectStatement>();
    if (!select.with.empty()) return !ReadsSharded(query);
    std::map<std::string, const ast::AliasedTable*> inner;
    for (auto& ref : select.from)
      if (!CollectTables(*ref, inner)) return !ReadsSharded(query);
    std::vector<ast::Expr*> terms = ast::SplitConjuncts(select.where.get());
    for (const auto& [alias, table] : inner) {
      if (!table->name.qualifier.empty() && table->name.qualifier != keyspace_.name) return false;
      const TableInfo* info = keyspace_.FindTable(table->name.name);
      if (info == nullptr) return false;
      const ColumnVindex* vindex = ShardingVindex(info);
      if (vindex == nullptr) continue;  // reference or unsharded: on every shard
      if (!Pinned(alias, *vindex, inner, terms)) return false;
    }
    return true;
  }

 private:
  // Whether some term is `alias.<vindex column> = outer.<its vindex column>`.
  bool Pinned(const std::string& alias, const ColumnVindex& vindex,
              const std::map<std::string, const ast::AliasedTable*>& inner,
              const std::vector<ast::Expr*>& terms) const {
    for (const ast::Expr* term : terms) {
      if (term->kind() != ast::ExprKind::kBinary) continue;
      const auto& eq = term->As<ast::BinaryExpr>();
      if (eq.op != ast::BinaryOp::kEq) continue;
      std::string left_alias, left_column, right_alias, right_column;
      if (!IsQualifiedColumn(*eq.left, &left_alias, &left_column) ||
          !IsQualifiedColumn(*eq.right, &right_alias, &right_column))
        continue;
      for (int side = 0; side < 2; ++side) {
        const std::string& mine = side == 0 ? left_alias : right_alias;
        const std::string& my_column = side == 0 ? left_column : right_column;
        const std::string& theirs = side == 0 ? right_alias : left_alias;
        const std::string& their_column = side == 0 ? right_column : left_column;
        if (mine != alias || my_column != vindex.column) continue;
        if (inner.count(theirs) > 0) continue;  // the subquery's own table
        auto outer = outer_.find(theirs);
        if (outer == outer_.end()) continue;
        const ColumnVindex* outer_vindex = outer->second->primary();
        if (their_column == outer_vindex->column && outer_vindex->vindex_name == vindex.vindex_name)
          return true;
      }
    }
    return false;
  }

  // Whether `query` names a sharded table of the keyspace anywhere.
  bool ReadsSharded(ast::Statement& query) const {
    bool sharded = false;
    std::function<void(ast::TableRef&)> visit = [&](ast::TableRef& ref) {
      switch (ref.kind()) {
        case ast::TableRefKind::kTable: {
          const TableInfo* info = keyspace_.FindTable(ref.As<ast::AliasedTable>().name.name);
          if (info == nullptr || info->type == TableType::kSharded) sharded = true;
          break;
        }
        case ast::TableRefKind::kJoin:
          visit(*ref.As<ast::JoinTableRef>().left);
          visit(*ref.As<ast::JoinTableRef>().right);
          break;
        case ast::TableRefKind::kDerived:
          sharded = true;  // not looked into
          break;
      }
    };
    if (query.kind() == ast::StatementKind::kSelect)
      for (auto& ref : query.As<ast::SelectStatement>().from) visit(*ref);
    else
      sharded = true;
    return sharded;
  }

  const KeyspaceInfo& keyspace_;
  std::map<std::string, const TableInfo*> outer_;
};

}  // namespace

bool SubqueriesFollowOuterRows(ast::Statement& stmt, const KeyspaceInfo& keyspace,
                               const std::vector<BoundTable>& tables) {
  // Only a SELECT over plain tables: a derived table is not looked into.
  if (stmt.kind() != ast::StatementKind::kSelect) return false;
  std::map<std::string, const ast::AliasedTable*> from;
  for (auto& ref : stmt.As<ast::SelectStatement>().from)
    if (!CollectTables(*ref, from)) return false;
  Checker checker(keyspace, tables);
  bool ok = true;
  ast::ForEachExpr(stmt, [&](ast::Expr& e) {
    ast::Statement* query = ast::NestedQuery(e);
    if (query != nullptr && ok && !checker.Qualifies(*query)) ok = false;
  });
  return ok;
}

}  // namespace tessera::vtgate
