// INSERT/REPLACE, UPDATE, DELETE.
#include "sqlparser/format/sql_writer.h"

namespace tessera::sql::format {

void SqlWriter::Assignments(const std::vector<ast::Assignment>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out_ += ", ";
    Expr(list[i].column);
    out_ += " = ";
    Expr(*list[i].value);
  }
}

void SqlWriter::Insert(const ast::InsertStatement& s) {
  out_ += s.replace ? "REPLACE " : "INSERT ";
  if (!s.priority.empty()) out_ += s.priority + ' ';
  if (s.ignore) out_ += "IGNORE ";
  out_ += "INTO ";
  Table(s.table);
  if (!s.set.empty()) {
    out_ += " SET ";
    Assignments(s.set);
  } else {
    if (!s.columns.empty()) {
      out_ += " (";
      IdentList(s.columns);
      out_ += ')';
    }
    if (s.select) {
      out_ += ' ';
      Query(*s.select);
    } else {
      out_ += " VALUES ";
      for (size_t i = 0; i < s.rows.size(); ++i) {
        if (i) out_ += ", ";
        out_ += '(';
        Exprs(s.rows[i]);
        out_ += ')';
      }
    }
  }
  if (!s.on_duplicate.empty()) {
    out_ += " ON DUPLICATE KEY UPDATE ";
    Assignments(s.on_duplicate);
  }
  if (!s.returning.empty()) {
    out_ += " RETURNING ";
    SelectItems(s.returning);
  }
}

void SqlWriter::Update(const ast::UpdateStatement& s) {
  out_ += "UPDATE ";
  if (s.low_priority) out_ += "LOW_PRIORITY ";
  if (s.ignore) out_ += "IGNORE ";
  TableRefs(s.tables);
  out_ += " SET ";
  Assignments(s.assignments);
  if (s.where) {
    out_ += " WHERE ";
    Expr(*s.where);
  }
  if (!s.order_by.empty()) {
    out_ += ' ';
    OrderBy(s.order_by);
  }
  Limit(s.limit);
}

void SqlWriter::Delete(const ast::DeleteStatement& s) {
  out_ += "DELETE ";
  if (s.low_priority) out_ += "LOW_PRIORITY ";
  if (s.quick) out_ += "QUICK ";
  if (s.ignore) out_ += "IGNORE ";
  auto targets = [&] {
    for (size_t i = 0; i < s.targets.size(); ++i) {
      if (i) out_ += ", ";
      Table(s.targets[i]);
    }
  };
  if (s.targets.empty()) {
    out_ += "FROM ";
    TableRefs(s.from);
  } else if (s.using_syntax) {
    out_ += "FROM ";
    targets();
    out_ += " USING ";
    TableRefs(s.from);
  } else {
    targets();
    out_ += " FROM ";
    TableRefs(s.from);
  }
  if (s.where) {
    out_ += " WHERE ";
    Expr(*s.where);
  }
  if (!s.order_by.empty()) {
    out_ += ' ';
    OrderBy(s.order_by);
  }
  Limit(s.limit);
  if (!s.returning.empty()) {
    out_ += " RETURNING ";
    SelectItems(s.returning);
  }
}

}  // namespace tessera::sql::format
