#include "vtgate/planner/shard_target.h"

#include <string>

#include "vtgate/engine/route.h"
#include "vtgate/planner/query_template_builder.h"
#include "vtgate/planner/table_binding.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

bool SplitShardTarget(std::string_view target, std::string_view& keyspace,
                      std::string_view& shard) {
  const size_t colon = target.find(':');
  if (colon == std::string_view::npos) return false;
  keyspace = target.substr(0, colon);
  shard = target.substr(colon + 1);
  return true;
}

Result<std::unique_ptr<Primitive>> PlanShardTarget(ast::Statement& stmt, const VSchema& vschema,
                                                   std::string_view target, size_t bind_count) {
  std::string_view keyspace_name, shard_name;
  if (!SplitShardTarget(target, keyspace_name, shard_name))
    return Error::Internal("a shard target without a shard: " + std::string(target));
  const KeyspaceInfo* keyspace = vschema.FindKeyspace(keyspace_name);
  const ShardInfo* shard = nullptr;
  if (keyspace != nullptr) {
    for (const auto& candidate : keyspace->shards)
      if (candidate.name == shard_name) shard = &candidate;
  }
  if (shard == nullptr)
    return Error::Make(mysql_errno::kBadDb, "Unknown database '" + std::string(target) + "'");

  switch (stmt.kind()) {
    case ast::StatementKind::kSelect:
    case ast::StatementKind::kUnion:
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kReplace:
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete:
      break;
    default:
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "unsupported: this statement with shard target " + std::string(target) +
                             " (USE " + keyspace->name + " to run it on the keyspace)");
  }
  auto binding = BindTables(stmt, vschema, keyspace->name, KeyspaceSpan::kAllow);
  if (!binding.ok()) return binding.error();
  for (const auto& table : binding->tables) {
    if (table.keyspace != keyspace) {
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "unsupported: table " + table.keyspace->name + "." + table.name +
                             " with shard target " + std::string(target));
    }
  }
  sql::FormatOptions options;
  options.strip_qualifiers = true;
  auto text = TemplateOfStatement(stmt, options, bind_count);
  if (!text) {
    return Error::Make(mysql_errno::kNotSupportedYet,
                       "unsupported: statement text that cannot be templated");
  }
  auto route = std::make_unique<Route>(RouteOpcode::kShard, keyspace, std::move(*text));
  route->SetShard(shard);
  return std::unique_ptr<Primitive>(std::move(route));
}

}  // namespace tessera::vtgate
