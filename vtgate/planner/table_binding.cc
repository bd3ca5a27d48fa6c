#include "vtgate/planner/table_binding.h"

#include <algorithm>
#include <set>
#include <string>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/system_schema.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

void CollectTopLevel(const ast::TableRef& ref,
                     std::vector<std::pair<std::string, std::string>>& out) {
  switch (ref.kind()) {
    case ast::TableRefKind::kTable: {
      const auto& t = ref.As<ast::AliasedTable>();
      out.emplace_back(t.name.name, t.alias.empty() ? t.name.name : t.alias);
      break;
    }
    case ast::TableRefKind::kJoin: {
      const auto& j = ref.As<ast::JoinTableRef>();
      CollectTopLevel(*j.left, out);
      CollectTopLevel(*j.right, out);
      break;
    }
    case ast::TableRefKind::kDerived:
      break;
  }
}

// (name, alias) of the tables in the statement's own FROM / target position.
std::vector<std::pair<std::string, std::string>> TopLevelTables(const ast::Statement& stmt) {
  std::vector<std::pair<std::string, std::string>> out;
  auto collect_refs = [&out](const std::vector<ast::TableRefPtr>& refs) {
    for (const auto& ref : refs) CollectTopLevel(*ref, out);
  };
  switch (stmt.kind()) {
    case ast::StatementKind::kSelect:
      collect_refs(stmt.As<ast::SelectStatement>().from);
      break;
    case ast::StatementKind::kUpdate:
      collect_refs(stmt.As<ast::UpdateStatement>().tables);
      break;
    case ast::StatementKind::kDelete: {
      const auto& del = stmt.As<ast::DeleteStatement>();
      collect_refs(del.from);
      break;
    }
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kReplace: {
      const auto& ins = stmt.As<ast::InsertStatement>();
      out.emplace_back(ins.table.name, ins.table.name);
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace

Error SpanningKeyspacesError(const std::string& a, const std::string& b) {
  return Error::Make(mysql_errno::kNotSupportedYet,
                     "unsupported: a statement spanning keyspaces " + a + " and " + b);
}

Result<StatementBinding> BindTables(ast::Statement& stmt, const VSchema& vschema,
                                    const std::string& default_keyspace, KeyspaceSpan span) {
  StatementBinding binding;
  const KeyspaceInfo* session_keyspace =
      default_keyspace.empty() ? nullptr : vschema.FindKeyspace(default_keyspace);
  std::optional<Error> error;
  std::vector<std::pair<std::string, const KeyspaceInfo*>> names;

  // A multi-table DELETE's targets name tables of its FROM (by alias when
  // aliased), so they are no tables of their own; their qualifiers still
  // name keyspaces.
  const std::vector<ast::TableName>* delete_targets = stmt.kind() == ast::StatementKind::kDelete
                                                          ? &stmt.As<ast::DeleteStatement>().targets
                                                          : nullptr;
  auto is_delete_target = [delete_targets](const ast::TableName& name) {
    if (delete_targets == nullptr) return false;
    for (const auto& target : *delete_targets)
      if (&target == &name) return true;
    return false;
  };

  // Unqualified names of WITH are its own tables.
  std::set<std::string> common_tables;
  ast::ForEachQuery(stmt, [&common_tables](ast::Statement& query) {
    if (query.kind() != ast::StatementKind::kSelect) return;
    for (const auto& cte : query.As<ast::SelectStatement>().with) common_tables.insert(cte.name);
  });

  ast::ForEachTableName(stmt, [&](ast::TableName& name) {
    if (error) return;
    if (AsciiLower(name.name) == "dual" && name.qualifier.empty()) return;
    if (name.qualifier.empty() && common_tables.count(name.name)) return;
    const bool delete_target = is_delete_target(name);
    if (delete_target && name.qualifier.empty()) return;
    const KeyspaceInfo* ks = nullptr;
    if (!name.qualifier.empty()) {
      if (sql::IsSystemSchema(name.qualifier)) {
        binding.system_schema = true;
        return;
      }
      ks = vschema.FindKeyspace(name.qualifier);
      if (ks == nullptr) {
        error = Error::Make(mysql_errno::kBadDb, "Unknown database '" + name.qualifier + "'");
        return;
      }
      binding.has_keyspace_qualifier = true;
    } else if (session_keyspace != nullptr) {
      ks = session_keyspace;
    } else {
      ks = vschema.FindKeyspaceOfTable(name.name);
      if (ks == nullptr) {
        error = Error::Make(mysql_errno::kNoDb, "No database selected");
        return;
      }
    }
    if (binding.keyspace != nullptr && binding.keyspace != ks) {
      if (span == KeyspaceSpan::kRefuse) {
        error = SpanningKeyspacesError(binding.keyspace->name, ks->name);
        return;
      }
      binding.spans_keyspaces = true;
    } else {
      binding.keyspace = ks;
    }
    if (!delete_target) names.push_back({name.name, ks});
  });
  if (error) return *error;

  if (binding.keyspace == nullptr) {
    binding.keyspace = session_keyspace;
    if (binding.keyspace == nullptr && !vschema.keyspaces().empty()) {
      binding.keyspace = vschema.keyspaces().front().get();
    }
    if (binding.keyspace == nullptr) return Error::Make(mysql_errno::kNoDb, "No database selected");
  }
  if (binding.system_schema && !names.empty()) {
    return Error::Make(mysql_errno::kNotSupportedYet,
                       "unsupported: a statement mixing system schemas and keyspace tables");
  }

  auto top = TopLevelTables(stmt);
  std::vector<bool> used(top.size(), false);
  for (const auto& [name, keyspace] : names) {
    BoundTable bound;
    bound.name = name;
    bound.alias = name;
    bound.keyspace = keyspace;
    bound.table = keyspace->FindTable(name);
    for (size_t i = 0; i < top.size(); ++i) {
      if (!used[i] && top[i].first == name) {
        used[i] = true;
        bound.top_level = true;
        bound.alias = top[i].second;
        break;
      }
    }
    binding.tables.push_back(std::move(bound));
  }
  return binding;
}

}  // namespace tessera::vtgate
