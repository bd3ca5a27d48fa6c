// SELECT, set operations, FROM clause, ORDER BY, LIMIT, locking.
#include "sqlparser/format/sql_writer.h"
#include "sqlparser/system_schema.h"

namespace tessera::sql::format {

void SqlWriter::Table(const ast::TableName& t) {
  if (!t.qualifier.empty() && (!options_.strip_qualifiers || sql::IsSystemSchema(t.qualifier))) {
    Ident(t.qualifier);
    out_ += '.';
  }
  Ident(t.name);
}

void SqlWriter::IdentList(const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out_ += ", ";
    Ident(names[i]);
  }
}

void SqlWriter::OrderBy(const std::vector<ast::OrderItem>& items) {
  if (items.empty()) return;
  out_ += "ORDER BY ";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out_ += ", ";
    Expr(*items[i].expr);
    if (items[i].desc) out_ += " DESC";
  }
}

void SqlWriter::Limit(const ast::Limit& limit) {
  if (!limit.count) return;
  out_ += " LIMIT ";
  Expr(*limit.count);
  if (limit.offset) {
    out_ += " OFFSET ";
    Expr(*limit.offset);
  }
}

void SqlWriter::Lock(ast::LockMode lock, const std::string& wait) {
  switch (lock) {
    case ast::LockMode::kNone:
      return;
    case ast::LockMode::kForUpdate:
      out_ += " FOR UPDATE";
      break;
    case ast::LockMode::kShareMode:
      out_ += " LOCK IN SHARE MODE";
      break;
    case ast::LockMode::kForShare:
      out_ += " FOR SHARE";
      break;
  }
  if (!wait.empty()) out_ += ' ' + wait;
}

void SqlWriter::SelectItems(const std::vector<ast::SelectItem>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out_ += ", ";
    const auto& item = items[i];
    if (item.is_star()) {
      if (!item.star_table.name.empty()) {
        Table(item.star_table);
        out_ += '.';
      }
      out_ += '*';
      continue;
    }
    Expr(*item.expr);
    if (!item.alias.empty()) {
      out_ += " AS ";
      Ident(item.alias);
    }
  }
}

void SqlWriter::Select(const ast::SelectStatement& s) {
  if (!s.with.empty()) {
    out_ += s.with_recursive ? "WITH RECURSIVE " : "WITH ";
    for (size_t i = 0; i < s.with.size(); ++i) {
      if (i) out_ += ", ";
      Ident(s.with[i].name);
      if (!s.with[i].columns.empty()) {
        out_ += " (";
        IdentList(s.with[i].columns);
        out_ += ')';
      }
      out_ += " AS (";
      Query(*s.with[i].query);
      out_ += ')';
    }
    out_ += ' ';
  }
  out_ += "SELECT ";
  if (s.distinct) out_ += "DISTINCT ";
  for (const auto& opt : s.options) out_ += opt + ' ';
  SelectItems(s.items);
  if (!s.from.empty()) {
    out_ += " FROM ";
    TableRefs(s.from);
  }
  if (s.where) {
    out_ += " WHERE ";
    Expr(*s.where);
  }
  if (!s.group_by.empty()) {
    out_ += " GROUP BY ";
    Exprs(s.group_by);
    if (s.with_rollup) out_ += " WITH ROLLUP";
  }
  if (s.having) {
    out_ += " HAVING ";
    Expr(*s.having);
  }
  for (size_t i = 0; i < s.windows.size(); ++i) {
    out_ += i == 0 ? " WINDOW " : ", ";
    Ident(s.windows[i].name);
    out_ += " AS (";
    Window(s.windows[i].spec);
    out_ += ')';
  }
  if (!s.order_by.empty()) {
    out_ += ' ';
    OrderBy(s.order_by);
  }
  Limit(s.limit);
  Lock(s.lock, s.lock_wait);
}

void SqlWriter::Union(const ast::UnionStatement& s) {
  for (size_t i = 0; i < s.parts.size(); ++i) {
    const auto& part = s.parts[i];
    if (i) {
      out_ += part.op == ast::SetOp::kUnion    ? " UNION "
              : part.op == ast::SetOp::kExcept ? " EXCEPT "
                                               : " INTERSECT ";
      if (part.all) out_ += "ALL ";
    }
    // A part with its own ORDER BY/LIMIT/lock, or a nested set operation,
    // must be parenthesised.
    bool paren = part.query->kind() == ast::StatementKind::kUnion;
    if (!paren) {
      const auto& sel = part.query->As<ast::SelectStatement>();
      paren = !sel.order_by.empty() || sel.limit.count || sel.lock != ast::LockMode::kNone ||
              !sel.with.empty();
    }
    if (paren) out_ += '(';
    Query(*part.query);
    if (paren) out_ += ')';
  }
  if (!s.order_by.empty()) {
    out_ += ' ';
    OrderBy(s.order_by);
  }
  Limit(s.limit);
  Lock(s.lock, s.lock_wait);
}

void SqlWriter::Query(const ast::Statement& s) {
  if (s.kind() == ast::StatementKind::kUnion) {
    Union(s.As<ast::UnionStatement>());
  } else {
    Select(s.As<ast::SelectStatement>());
  }
}

void SqlWriter::TableRefs(const std::vector<ast::TableRefPtr>& refs) {
  for (size_t i = 0; i < refs.size(); ++i) {
    if (i) out_ += ", ";
    TableRef(*refs[i]);
  }
}

void SqlWriter::TableRef(const ast::TableRef& t) {
  switch (t.kind()) {
    case ast::TableRefKind::kTable: {
      const auto& a = t.As<ast::AliasedTable>();
      Table(a.name);
      if (!a.partitions.empty()) {
        out_ += " PARTITION (";
        IdentList(a.partitions);
        out_ += ')';
      }
      if (!a.alias.empty()) {
        out_ += " AS ";
        Ident(a.alias);
      }
      for (const auto& h : a.hints) {
        out_ += ' ' + h.type + " INDEX";
        if (!h.for_clause.empty()) out_ += " FOR " + h.for_clause;
        out_ += " (";
        IdentList(h.indexes);
        out_ += ')';
      }
      return;
    }
    case ast::TableRefKind::kDerived: {
      const auto& d = t.As<ast::DerivedTable>();
      out_ += '(';
      Query(*d.query);
      out_ += ") AS ";
      Ident(d.alias);
      if (!d.columns.empty()) {
        out_ += " (";
        IdentList(d.columns);
        out_ += ')';
      }
      return;
    }
    case ast::TableRefKind::kJoin: {
      const auto& j = t.As<ast::JoinTableRef>();
      // A comma join only exists inside parentheses: (a, b) JOIN c.
      const bool comma = j.join == ast::JoinKind::kComma;
      if (comma) out_ += '(';
      TableRef(*j.left);
      static const char* const kJoins[] = {", ",
                                           " JOIN ",
                                           " CROSS JOIN ",
                                           " STRAIGHT_JOIN ",
                                           " LEFT JOIN ",
                                           " RIGHT JOIN ",
                                           " NATURAL JOIN ",
                                           " NATURAL LEFT JOIN ",
                                           " NATURAL RIGHT JOIN "};
      out_ += kJoins[static_cast<int>(j.join)];
      // The grammar takes a single table factor on the right of a join.
      const bool paren = j.right->kind() == ast::TableRefKind::kJoin;
      if (paren) out_ += '(';
      TableRef(*j.right);
      if (paren) out_ += ')';
      if (j.on) {
        out_ += " ON ";
        Expr(*j.on);
      } else if (!j.using_columns.empty()) {
        out_ += " USING (";
        IdentList(j.using_columns);
        out_ += ')';
      }
      if (comma) out_ += ')';
      return;
    }
  }
}

}  // namespace tessera::sql::format

namespace tessera::sql {

bool IsSystemSchema(std::string_view name) {
  auto equals = [name](std::string_view schema) {
    if (name.size() != schema.size()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
      char c = name[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != schema[i]) return false;
    }
    return true;
  };
  return equals("information_schema") || equals("mysql") || equals("performance_schema") ||
         equals("sys");
}

}  // namespace tessera::sql
