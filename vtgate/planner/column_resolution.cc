#include "vtgate/planner/column_resolution.h"

#include <optional>
#include <set>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"

namespace tessera::vtgate {
namespace {

namespace ast = sql::ast;

Error Ambiguous(const std::string& name, const std::string& clause) {
  return Error::Make(mysql_errno::kNonUniqField,
                     "Column '" + name + "' in " + clause + " is ambiguous");
}

// Qualifies the unqualified columns of one clause's expression.
class ClauseQualifier {
 public:
  ClauseQualifier(const ast::SelectStatement& select, const std::vector<JoinedTable>& tables,
                  const std::string& refusal)
      : select_(select), tables_(tables), refusal_(refusal) {}

  // `changed` (may be null) is set when a column was qualified.
  Status Qualify(ast::Expr& expr, size_t first, size_t last, const std::string& clause,
                 bool items_first, bool* changed = nullptr) {
    std::optional<Error> error;
    ast::ForEachExprOfQuery(expr, [&](ast::Expr& e) {
      if (error || e.kind() != ast::ExprKind::kColumn) return;
      auto& column = e.As<ast::ColumnRef>();
      if (!column.table.empty()) return;
      if (items_first) {
        if (IsSelectAlias(column.name)) return;
        auto from_items = TableOfSelectItem(column.name, clause);
        if (!from_items.ok()) {
          error = from_items.error();
          return;
        }
        if (!from_items->empty()) {
          column.table.name = *from_items;
          if (changed) *changed = true;
          return;
        }
      }
      auto table = ResolveUnqualifiedColumn(column.name, tables_, first, last, clause, refusal_);
      if (!table.ok()) {
        error = table.error();
        return;
      }
      column.table.name = tables_[*table].alias;
      if (changed) *changed = true;
    });
    if (error) return *error;
    return Status::Ok();
  }

  bool IsSelectAlias(const std::string& name) const {
    for (const auto& item : select_.items)
      if (!item.is_star() && !item.alias.empty() && EqualsIgnoreCase(item.alias, name)) return true;
    return false;
  }

 private:
  // The qualifier of the select items that are plain columns named `name`
  // ("" when none is).
  Result<std::string> TableOfSelectItem(const std::string& name, const std::string& clause) const {
    std::set<std::string> qualifiers;
    for (const auto& item : select_.items) {
      if (item.is_star() || item.expr->kind() != ast::ExprKind::kColumn) continue;
      const auto& column = item.expr->As<ast::ColumnRef>();
      if (!column.table.empty() && EqualsIgnoreCase(column.name, name))
        qualifiers.insert(column.table.name);
    }
    if (qualifiers.size() > 1) return Ambiguous(name, clause);
    return qualifiers.empty() ? std::string() : *qualifiers.begin();
  }

  const ast::SelectStatement& select_;
  const std::vector<JoinedTable>& tables_;
  const std::string& refusal_;
};

}  // namespace

Result<size_t> ResolveUnqualifiedColumn(const std::string& name,
                                        const std::vector<JoinedTable>& tables, size_t first,
                                        size_t last, const std::string& clause,
                                        const std::string& refusal) {
  const std::string lower = AsciiLower(name);
  std::vector<size_t> having;
  bool maybe_elsewhere = false;
  for (size_t i = first; i <= last && i < tables.size(); ++i) {
    if (tables[i].columns.Has(lower)) {
      having.push_back(i);
    } else if (!tables[i].columns.complete) {
      maybe_elsewhere = true;
    }
  }
  if (having.size() > 1) return Ambiguous(name, clause);
  if (maybe_elsewhere) {
    return Error::Make(mysql_errno::kNotSupportedYet,
                       "unsupported: column `" + name +
                           "` without a table qualifier (write table.column)" + refusal);
  }
  if (having.empty())
    return Error::Make(mysql_errno::kBadField, "Unknown column '" + name + "' in '" + clause + "'");
  return having.front();
}

Status QualifyColumns(ast::SelectStatement& select, const std::vector<JoinedTable>& tables,
                      const std::vector<OnScope>& ons, const std::string& refusal) {
  if (tables.empty()) return Status::Ok();
  const size_t last = tables.size() - 1;
  ClauseQualifier qualifier(select, tables, refusal);
  for (auto& item : select.items) {
    if (item.is_star()) continue;
    std::string written = sql::FormatExpr(*item.expr);
    bool changed = false;
    Status s = qualifier.Qualify(*item.expr, 0, last, "field list", false, &changed);
    if (!s.ok()) return s;
    if (changed && item.alias.empty() && item.expr->kind() != ast::ExprKind::kColumn)
      item.alias = std::move(written);
  }
  if (select.where) {
    Status s = qualifier.Qualify(*select.where, 0, last, "where clause", false);
    if (!s.ok()) return s;
  }
  for (const auto& scope : ons) {
    if (scope.on == nullptr) continue;
    Status s = qualifier.Qualify(*scope.on, scope.first, scope.last, "on clause", false);
    if (!s.ok()) return s;
  }
  for (auto& order : select.order_by) {
    Status s = qualifier.Qualify(*order.expr, 0, last, "order clause", true);
    if (!s.ok()) return s;
  }
  for (auto& key : select.group_by) {
    if (key->kind() == ast::ExprKind::kColumn && key->As<ast::ColumnRef>().table.empty() &&
        qualifier.IsSelectAlias(key->As<ast::ColumnRef>().name))
      continue;
    Status s = qualifier.Qualify(*key, 0, last, "group statement", false);
    if (!s.ok()) return s;
  }
  if (select.having) {
    Status s = qualifier.Qualify(*select.having, 0, last, "having clause", true);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace tessera::vtgate
