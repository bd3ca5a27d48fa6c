#include "vtgate/planner/subquery_pullout.h"

#include <optional>
#include <set>
#include <string>

#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

void CollectAliases(ast::Statement& stmt, std::set<std::string>& out);

void CollectRefAliases(ast::TableRef& ref, std::set<std::string>& out) {
  switch (ref.kind()) {
    case ast::TableRefKind::kTable: {
      auto& table = ref.As<ast::AliasedTable>();
      out.insert(table.alias.empty() ? table.name.name : table.alias);
      break;
    }
    case ast::TableRefKind::kJoin:
      CollectRefAliases(*ref.As<ast::JoinTableRef>().left, out);
      CollectRefAliases(*ref.As<ast::JoinTableRef>().right, out);
      break;
    case ast::TableRefKind::kDerived: {
      auto& derived = ref.As<ast::DerivedTable>();
      out.insert(derived.alias);
      CollectAliases(*derived.query, out);
      break;
    }
  }
}

// The names every table of `stmt` is known by, nested queries included.
void CollectAliases(ast::Statement& stmt, std::set<std::string>& out) {
  if (stmt.kind() == ast::StatementKind::kUnion) {
    for (auto& part : stmt.As<ast::UnionStatement>().parts) CollectAliases(*part.query, out);
    return;
  }
  if (stmt.kind() != ast::StatementKind::kSelect) return;
  auto& select = stmt.As<ast::SelectStatement>();
  for (auto& cte : select.with) {
    out.insert(cte.name);
    CollectAliases(*cte.query, out);
  }
  for (auto& ref : select.from) CollectRefAliases(*ref, out);
  ast::ForEachExpr(select, [&out](ast::Expr& e) {
    if (ast::Statement* nested = ast::NestedQuery(e)) CollectAliases(*nested, out);
  });
}

bool IsCorrelated(ast::Statement& query) {
  std::set<std::string> aliases;
  CollectAliases(query, aliases);
  bool correlated = false;
  ast::ForEachColumn(query, [&](ast::ColumnRef& column) {
    if (!column.table.name.empty() && !aliases.count(column.table.name)) correlated = true;
  });
  return correlated;
}

bool HasBindVariables(ast::Expr& expr) {
  bool found = false;
  ast::ForEachExpr(expr, [&found](ast::Expr& e) {
    if (e.kind() == ast::ExprKind::kBindVar || e.kind() == ast::ExprKind::kPlaceholder)
      found = true;
  });
  return found;
}

}  // namespace

Result<std::vector<PulledSubquery>> PullOutSubqueries(
    ast::Statement& stmt, size_t bind_count, const std::function<bool(ast::Statement&)>& pull) {
  std::vector<PulledSubquery> pulled;
  std::optional<Error> error;
  auto replace = [&](ast::ExprPtr& slot, Pullout::Spec spec, ast::StatementPtr query) {
    spec.bind_index = bind_count + pulled.size();
    slot = std::make_unique<ast::BindVar>("v" + std::to_string(spec.bind_index + 1));
    pulled.push_back(PulledSubquery{std::move(query), std::move(spec)});
  };
  ast::RewriteExprs(stmt, [&](ast::ExprPtr& slot) {
    if (error) return;
    ast::Statement* query = nullptr;
    switch (slot->kind()) {
      case ast::ExprKind::kSubquery:
        query = slot->As<ast::Subquery>().query.get();
        break;
      case ast::ExprKind::kExists:
        query = slot->As<ast::ExistsExpr>().subquery->query.get();
        break;
      case ast::ExprKind::kIn:
        if (slot->As<ast::InExpr>().subquery) query = slot->As<ast::InExpr>().subquery->query.get();
        break;
      default:
        break;
    }
    if (query == nullptr || IsCorrelated(*query) || !pull(*query)) return;
    Pullout::Spec spec;
    switch (slot->kind()) {
      case ast::ExprKind::kSubquery: {
        spec.kind = Pullout::Kind::kValue;
        replace(slot, spec, std::move(slot->As<ast::Subquery>().query));
        break;
      }
      case ast::ExprKind::kExists: {
        spec.kind = Pullout::Kind::kExists;
        replace(slot, spec, std::move(slot->As<ast::ExistsExpr>().subquery->query));
        break;
      }
      default: {
        auto& in = slot->As<ast::InExpr>();
        if (in.operand->kind() == ast::ExprKind::kTuple) {
          error = Error::Make(mysql_errno::kNotSupportedYet,
                              "unsupported: a row IN (subquery) over sharded tables");
          return;
        }
        if (HasBindVariables(*in.operand)) {
          error = Error::Make(mysql_errno::kNotSupportedYet,
                              "unsupported: a value IN (subquery) over sharded tables");
          return;
        }
        sql::FormatOptions options;
        options.strip_qualifiers = true;
        spec.kind = Pullout::Kind::kIn;
        spec.negated = in.negated;
        spec.operand = sql::FormatExpr(*in.operand, options);
        replace(slot, spec, std::move(in.subquery->query));
        break;
      }
    }
  });
  if (error) return *error;
  return pulled;
}

}  // namespace tessera::vtgate
