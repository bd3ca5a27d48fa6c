#include "vtgate/planner/written_tables.h"

#include <algorithm>

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

void Add(WrittenTables& out, const BoundTable* table) {
  if (std::find(out.tables.begin(), out.tables.end(), table) == out.tables.end())
    out.tables.push_back(table);
}

std::vector<const BoundTable*> TopLevel(const StatementBinding& binding) {
  std::vector<const BoundTable*> out;
  for (const auto& table : binding.tables)
    if (table.top_level) out.push_back(&table);
  return out;
}

// The top-level table a qualifier or DELETE target names, else null.
const BoundTable* ByAlias(const std::vector<const BoundTable*>& top, const std::string& alias) {
  for (const BoundTable* table : top)
    if (table->alias == alias) return table;
  return nullptr;
}

}  // namespace

Result<WrittenTables> FindWrittenTables(const ast::Statement& stmt,
                                        const StatementBinding& binding) {
  WrittenTables out;
  const std::vector<const BoundTable*> top = TopLevel(binding);
  switch (stmt.kind()) {
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kReplace:
      if (!top.empty()) Add(out, top.front());
      break;
    case ast::StatementKind::kDelete: {
      const auto& del = stmt.As<ast::DeleteStatement>();
      if (del.targets.empty()) {
        for (const BoundTable* table : top) Add(out, table);
        break;
      }
      for (const auto& target : del.targets) {
        const BoundTable* table = ByAlias(top, target.name);
        if (table == nullptr)
          return Error::Make(mysql_errno::kUnknownTableInMultiDelete,
                             "Unknown table '" + target.name + "' in MULTI DELETE");
        Add(out, table);
      }
      break;
    }
    case ast::StatementKind::kUpdate: {
      const auto& update = stmt.As<ast::UpdateStatement>();
      for (const auto& assignment : update.assignments) {
        const ast::TableName& qualifier = assignment.column.table;
        if (!qualifier.empty()) {
          if (const BoundTable* table = ByAlias(top, qualifier.name)) Add(out, table);
        } else if (top.size() == 1) {
          Add(out, top.front());
        } else {
          for (const BoundTable* table : top) Add(out, table);
          if (out.unqualified_column.empty()) out.unqualified_column = assignment.column.name;
        }
      }
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace tessera::vtgate
