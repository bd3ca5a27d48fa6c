#include "vtgate/planner/table_aliases.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

void TableAliases(const ast::TableRef& ref, std::vector<std::string>& out) {
  if (ref.kind() == ast::TableRefKind::kTable) {
    const auto& table = ref.As<ast::AliasedTable>();
    out.push_back(table.alias.empty() ? table.name.name : table.alias);
  } else if (ref.kind() == ast::TableRefKind::kJoin) {
    TableAliases(*ref.As<ast::JoinTableRef>().left, out);
    TableAliases(*ref.As<ast::JoinTableRef>().right, out);
  }
}

}  // namespace tessera::vtgate
