#include "vtgate/planner/planner.h"

#include <algorithm>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "vtgate/engine/insert_sharded.h"
#include "vtgate/engine/lookup_dml.h"
#include "vtgate/engine/pullout.h"
#include "vtgate/engine/route.h"
#include "vtgate/planner/aggregate_names.h"
#include "vtgate/planner/colocated_subquery.h"
#include "vtgate/planner/insert_select_planner.h"
#include "vtgate/planner/join_planner.h"
#include "vtgate/planner/materialized_query.h"
#include "vtgate/planner/partitioned_derived.h"
#include "vtgate/planner/query_template_builder.h"
#include "vtgate/planner/route_analysis.h"
#include "vtgate/planner/select_merge.h"
#include "vtgate/planner/shard_local_window.h"
#include "vtgate/planner/shard_target.h"
#include "vtgate/planner/subquery_pullout.h"
#include "vtgate/planner/table_aliases.h"
#include "vtgate/planner/table_binding.h"
#include "vtgate/planner/union_planner.h"
#include "vtgate/planner/written_tables.h"
#include "vtgate/vindexes/lookup_vindex.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

Error Unsupported(const std::string& what) {
  return Error::Make(mysql_errno::kNotSupportedYet, "unsupported: " + what);
}

bool HasCommonTableExpressions(ast::Statement& stmt) {
  bool found = false;
  ast::ForEachQuery(stmt, [&found](ast::Statement& query) {
    if (query.kind() == ast::StatementKind::kSelect &&
        !query.As<ast::SelectStatement>().with.empty())
      found = true;
  });
  return found;
}

// "an UPDATE", "an INSERT", ...: the write statement, for messages.
std::string WriteStatementName(const ast::Statement& stmt) {
  switch (stmt.kind()) {
    case ast::StatementKind::kInsert:
      return "an INSERT";
    case ast::StatementKind::kReplace:
      return "a REPLACE";
    case ast::StatementKind::kUpdate:
      return "an UPDATE";
    case ast::StatementKind::kDelete:
      return "a DELETE";
    default:
      return "a statement";
  }
}

bool IsDdl(ast::StatementKind kind) {
  switch (kind) {
    case ast::StatementKind::kCreateTable:
    case ast::StatementKind::kDropTable:
    case ast::StatementKind::kAlterTable:
    case ast::StatementKind::kCreateIndex:
    case ast::StatementKind::kDropIndex:
    case ast::StatementKind::kTruncateTable:
    case ast::StatementKind::kRenameTable:
      return true;
    default:
      return false;
  }
}

// Why a SELECT's per-shard results could not simply be concatenated; empty
// when they can.
std::string MergeRequirement(ast::SelectStatement& select) {
  if (select.distinct) return "SELECT DISTINCT";
  if (!select.group_by.empty()) return "GROUP BY";
  if (select.having) return "HAVING";
  if (!select.order_by.empty()) return "ORDER BY";
  if (select.limit.count) return "LIMIT";
  std::string reason;
  for (auto& item : select.items) {
    if (item.expr == nullptr || !reason.empty()) continue;
    ast::ForEachExpr(*item.expr, [&reason](ast::Expr& e) {
      if (e.kind() != ast::ExprKind::kFuncCall) return;
      const auto& call = e.As<ast::FuncCall>();
      if (call.over != nullptr) {
        reason = "window function " + call.name;
      } else if (IsAggregateFunction(call.name) && reason.empty()) {
        reason = "aggregate function " + call.name;
      }
    });
  }
  return reason;
}

// The ON conditions of a statement's joins; USING (c) counts as
// left.c = right.c for every table pair of the two sides (the equalities are
// kept alive in `made`).
void CollectJoinConditions(const ast::TableRef& ref, std::vector<const ast::Expr*>& out,
                           std::vector<ast::ExprPtr>& made) {
  if (ref.kind() != ast::TableRefKind::kJoin) return;
  const auto& join = ref.As<ast::JoinTableRef>();
  if (join.on) out.push_back(join.on.get());
  if (!join.using_columns.empty()) {
    std::vector<std::string> left, right;
    TableAliases(*join.left, left);
    TableAliases(*join.right, right);
    for (const auto& column : join.using_columns) {
      for (const auto& l : left) {
        for (const auto& r : right) {
          made.push_back(std::make_unique<ast::BinaryExpr>(
              ast::BinaryOp::kEq, std::make_unique<ast::ColumnRef>(ast::TableName{"", l}, column),
              std::make_unique<ast::ColumnRef>(ast::TableName{"", r}, column)));
          out.push_back(made.back().get());
        }
      }
    }
  }
  CollectJoinConditions(*join.left, out, made);
  CollectJoinConditions(*join.right, out, made);
}

// Whether an outer join keeps rows of reference tables only while its inner
// side holds a sharded table: every shard would NULL-extend the outer rows
// it finds no match for, so the join must run in vtgate.
bool OuterSideIsReferenceOnly(const ast::TableRef& ref, const StatementBinding& binding) {
  if (ref.kind() != ast::TableRefKind::kJoin) return false;
  const auto& join = ref.As<ast::JoinTableRef>();
  auto has_sharded = [&binding](const ast::TableRef& side) {
    std::vector<std::string> aliases;
    TableAliases(side, aliases);
    for (const auto& alias : aliases) {
      for (const auto& table : binding.tables) {
        if (table.top_level && table.alias == alias && table.table != nullptr &&
            table.table->type != TableType::kReference)
          return true;
      }
    }
    return false;
  };
  const ast::TableRef* outer = nullptr;
  const ast::TableRef* inner = nullptr;
  switch (join.join) {
    case ast::JoinKind::kLeft:
    case ast::JoinKind::kNaturalLeft:
      outer = join.left.get();
      inner = join.right.get();
      break;
    case ast::JoinKind::kRight:
    case ast::JoinKind::kNaturalRight:
      outer = join.right.get();
      inner = join.left.get();
      break;
    default:
      break;
  }
  if (outer != nullptr && has_sharded(*inner) && !has_sharded(*outer)) return true;
  return OuterSideIsReferenceOnly(*join.left, binding) ||
         OuterSideIsReferenceOnly(*join.right, binding);
}

// Replaces DATABASE()/SCHEMA() with the keyspace name, since the shard's
// MariaDB would answer with its own database name.
void RewriteDatabaseFunction(ast::Statement& stmt, const std::string& keyspace) {
  ast::ForEachExpr(stmt, [&keyspace](ast::Expr& e) {
    if (e.kind() != ast::ExprKind::kFuncCall) return;
    auto& call = e.As<ast::FuncCall>();
    std::string lower = AsciiLower(call.name);
    if ((lower != "database" && lower != "schema") || !call.args.empty()) return;
    call.name = "CONCAT";
    if (keyspace.empty()) {
      call.args.push_back(std::make_unique<ast::Literal>(ast::LiteralKind::kNull, ""));
    } else {
      call.args.push_back(std::make_unique<ast::Literal>(ast::LiteralKind::kString, keyspace));
    }
  });
  if (stmt.kind() != ast::StatementKind::kSelect) return;
  for (auto& item : stmt.As<ast::SelectStatement>().items) {
    if (item.expr && item.alias.empty() && item.expr->kind() == ast::ExprKind::kFuncCall &&
        item.expr->As<ast::FuncCall>().name == "CONCAT" &&
        item.expr->As<ast::FuncCall>().args.size() == 1 &&
        item.expr->As<ast::FuncCall>().args[0]->kind() == ast::ExprKind::kLiteral) {
      item.alias = "DATABASE()";
    }
  }
}

// LAST_INSERT_ID() and CONNECTION_ID() are the session's, which only vtgate
// knows: each call of `name` (lower case, no arguments) becomes the value,
// and a select item keeps the call as its column name. LAST_INSERT_ID(expr)
// is left to the shard.
bool RewriteSessionFunction(ast::Statement& stmt, std::string_view name, std::string_view column,
                            uint64_t value) {
  auto is_call = [name](const ast::Expr& e) {
    return e.kind() == ast::ExprKind::kFuncCall && e.As<ast::FuncCall>().args.empty() &&
           AsciiLower(e.As<ast::FuncCall>().name) == name;
  };
  if (stmt.kind() == ast::StatementKind::kSelect) {
    for (auto& item : stmt.As<ast::SelectStatement>().items) {
      if (item.expr && item.alias.empty() && is_call(*item.expr)) item.alias = column;
    }
  }
  bool found = false;
  ast::ForEachExpr(stmt, [&](ast::Expr& e) {
    if (!is_call(e)) return;
    auto& call = e.As<ast::FuncCall>();
    call.name = "ABS";
    call.args.push_back(
        std::make_unique<ast::Literal>(ast::LiteralKind::kInt, std::to_string(value)));
    found = true;
  });
  return found;
}

bool MentionsDatabaseFunction(ast::Statement& stmt) {
  bool found = false;
  ast::ForEachExpr(stmt, [&found](ast::Expr& e) {
    if (e.kind() != ast::ExprKind::kFuncCall) return;
    const auto& call = e.As<ast::FuncCall>();
    std::string lower = AsciiLower(call.name);
    if ((lower == "database" || lower == "schema") && call.args.empty()) found = true;
  });
  return found;
}

// Builds the routed text: the original when nothing needs rewriting and no
// bind values fill it; otherwise the formatted statement with a hole per bind
// variable. Nullopt when no template can be built (see TemplateOfStatement).
std::optional<QueryTemplate> RoutedQuery(ast::Statement& stmt, std::string_view original,
                                         bool rewrite, size_t bind_count) {
  if (!rewrite && bind_count == 0) return QueryTemplate::Literal(std::string(original));
  sql::FormatOptions options;
  options.strip_qualifiers = rewrite;
  return TemplateOfStatement(stmt, options, bind_count);
}

// A `:vN` the run will have no value for would index past its bind values.
Status CheckBindVars(ast::Statement& stmt, size_t bind_count) {
  std::string missing;
  ast::ForEachExpr(stmt, [&](ast::Expr& e) {
    if (e.kind() != ast::ExprKind::kBindVar || !missing.empty()) return;
    auto ref = ValueRefOf(e);
    if (ref && ref->bind_index >= 0 && static_cast<size_t>(ref->bind_index) >= bind_count) {
      missing = e.As<ast::BindVar>().name;
    }
  });
  if (missing.empty()) return Status::Ok();
  return Unsupported("bind variable :" + missing + " without a value");
}

Error NoTemplate() {
  return Unsupported("statement text that cannot be templated");
}

// Appends `tail` to `head`: its first segment joins head's last one.
void AppendTemplate(QueryTemplate& head, QueryTemplate tail) {
  head.segments.back() += tail.segments.front();
  for (size_t i = 0; i < tail.params.size(); ++i) {
    head.params.push_back(tail.params[i]);
    head.segments.push_back(std::move(tail.segments[i + 1]));
  }
}

Result<std::unique_ptr<Primitive>> PlanInsert(ast::InsertStatement& insert,
                                              const KeyspaceInfo& keyspace, const TableInfo& table,
                                              size_t bind_count) {
  if (insert.select != nullptr)
    return Unsupported("INSERT ... SELECT into sharded table " + table.name);
  const ColumnVindex* vindex = table.primary();
  std::vector<std::string> columns = insert.columns;
  std::vector<std::vector<ast::Expr*>> rows;
  if (!insert.set.empty()) {
    columns.clear();
    rows.emplace_back();
    for (auto& assignment : insert.set) {
      columns.push_back(assignment.column.name);
      rows.back().push_back(assignment.value.get());
    }
  } else {
    for (auto& row : insert.rows) {
      rows.emplace_back();
      for (auto& value : row) rows.back().push_back(value.get());
    }
  }
  if (columns.empty()) {
    return Error::Make(mysql_errno::kUnknown, "INSERT into sharded table " + table.name +
                                                  " needs a column list naming vindex column " +
                                                  vindex->column);
  }
  auto column_index = [&columns](const std::string& column) -> std::optional<size_t> {
    for (size_t i = 0; i < columns.size(); ++i)
      if (AsciiLower(columns[i]) == column) return i;
    return std::nullopt;
  };
  // An auto-increment column the statement leaves out is added at the end,
  // its value generated for every row.
  const AutoIncrement* auto_increment = table.auto_increment ? &*table.auto_increment : nullptr;
  constexpr size_t kNoColumn = static_cast<size_t>(-1);
  size_t auto_position = kNoColumn;
  if (auto_increment != nullptr) {
    if (auto listed = column_index(auto_increment->column)) auto_position = *listed;
  }
  const bool auto_absent = auto_increment != nullptr && auto_position == kNoColumn;
  if (auto_absent) {
    columns.push_back(auto_increment->column);
    auto_position = columns.size() - 1;
  }
  std::optional<size_t> vindex_position = column_index(vindex->column);
  if (!vindex_position) {
    return Error::Make(mysql_errno::kUnknown, "INSERT into sharded table " + table.name +
                                                  " must give a value for vindex column " +
                                                  vindex->column);
  }
  const size_t vindex_index = *vindex_position;
  // Past the columns: no auto-increment column.
  if (auto_position == kNoColumn) auto_position = columns.size();
  const bool vindex_generated = auto_position == vindex_index;
  for (const auto& assignment : insert.on_duplicate) {
    std::string lower = AsciiLower(assignment.column.name);
    if (lower == vindex->column)
      return Unsupported("ON DUPLICATE KEY UPDATE of vindex column " + vindex->column);
  }

  // Lookup vindexes the table owns: their entries follow the rows.
  std::vector<InsertSharded::LookupWrite> lookups;
  std::vector<std::optional<size_t>> lookup_positions;
  std::vector<std::string> lookup_columns;
  for (size_t v = 1; v < table.vindexes.size(); ++v) {
    const auto* lookup = dynamic_cast<const LookupVindex*>(table.vindexes[v].vindex);
    if (lookup == nullptr) continue;
    const std::string& column = table.vindexes[v].column;
    if (insert.replace || insert.ignore || !insert.on_duplicate.empty())
      return Unsupported(std::string(insert.replace  ? "REPLACE"
                                     : insert.ignore ? "INSERT IGNORE"
                                                     : "ON DUPLICATE KEY UPDATE") +
                         " into table " + table.name + ", which has lookup vindex column " +
                         column);
    auto position = column_index(column);
    if (position && *position == auto_position)
      return Unsupported("a lookup vindex on auto-increment column " + column);
    lookups.push_back(InsertSharded::LookupWrite{lookup, {}});
    lookup_positions.push_back(position);
    lookup_columns.push_back(column);
  }

  sql::FormatOptions options;
  options.strip_qualifiers = true;
  std::string prefix = insert.replace ? "REPLACE " : "INSERT ";
  if (!insert.priority.empty()) prefix += insert.priority + " ";
  if (insert.ignore) prefix += "IGNORE ";
  prefix += "INTO " + sql::QuoteIdentifier(insert.table.name) + " (";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) prefix += ",";
    prefix += sql::QuoteIdentifier(columns[i]);
  }
  prefix += ") VALUES ";

  std::vector<InsertSharded::RowPlan> row_plans;
  const size_t listed = auto_absent ? columns.size() - 1 : columns.size();
  for (const auto& row : rows) {
    if (row.size() != listed) {
      return Error::Make(
          mysql_errno::kWrongValueCount,
          "Column count doesn't match value count at row " + std::to_string(row_plans.size() + 1));
    }
    std::optional<ValueRef> ref;
    if (!(vindex_generated && auto_absent)) {
      ref = ValueRefOf(*row[vindex_index]);
      if (!ref) {
        return Error::Make(mysql_errno::kUnknown, "INSERT into sharded table " + table.name +
                                                      ": the value of vindex column " +
                                                      vindex->column + " must be a literal");
      }
    }
    for (size_t l = 0; l < lookups.size(); ++l) {
      std::optional<ValueRef> value;
      if (lookup_positions[l]) {
        value = ValueRefOf(*row[*lookup_positions[l]]);
        if (!value)
          return Error::Make(mysql_errno::kUnknown, "INSERT into sharded table " + table.name +
                                                        ": the value of lookup vindex column " +
                                                        lookup_columns[l] + " must be a literal");
      }
      lookups[l].values.push_back(std::move(value));
    }
    InsertSharded::RowPlan plan;
    plan.vindex_value = ref.value_or(ValueRef{});
    QueryTemplate values = QueryTemplate::Literal("(");
    QueryTemplate* out = &values;  // switches to the auto value's tail past its column
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out->segments.back() += ",";
      if (i == auto_position) {
        InsertSharded::AutoValue auto_value;
        auto_value.absent = auto_absent;
        auto_value.given = QueryTemplate::Literal("");
        if (!auto_absent) {
          auto_value.ref = ValueRefOf(*row[i]);
          auto given = TemplateOfExpr(*row[i], options, bind_count);
          if (!given) return NoTemplate();
          auto_value.given = std::move(*given);
        }
        auto_value.tail = QueryTemplate::Literal("");
        plan.auto_value = std::move(auto_value);
        out = &plan.auto_value->tail;
        continue;
      }
      auto value = TemplateOfExpr(*row[i], options, bind_count);
      if (!value) return NoTemplate();
      AppendTemplate(*out, std::move(*value));
    }
    out->segments.back() += ")";
    plan.values = std::move(values);
    row_plans.push_back(std::move(plan));
  }
  QueryTemplate suffix = QueryTemplate::Literal("");
  if (!insert.on_duplicate.empty()) {
    suffix.segments.back() = " ON DUPLICATE KEY UPDATE ";
    for (size_t i = 0; i < insert.on_duplicate.size(); ++i) {
      if (i > 0) suffix.segments.back() += ", ";
      suffix.segments.back() += sql::FormatExpr(insert.on_duplicate[i].column, options) + " = ";
      auto value = TemplateOfExpr(*insert.on_duplicate[i].value, options, bind_count);
      if (!value) return NoTemplate();
      AppendTemplate(suffix, std::move(*value));
    }
  }
  std::optional<InsertSharded::Sequence> sequence;
  if (auto_increment != nullptr) {
    sequence = InsertSharded::Sequence{auto_increment->sequence_keyspace,
                                       auto_increment->sequence_table, vindex_generated};
  }
  auto plan =
      std::make_unique<InsertSharded>(&keyspace, vindex->vindex, std::move(prefix),
                                      std::move(row_plans), std::move(suffix), std::move(sequence));
  plan->SetLookups(std::move(lookups));
  return std::unique_ptr<Primitive>(std::move(plan));
}

// A statement naming tables of several keyspaces. A SELECT whose tables
// are all in its own FROM runs as a join in vtgate, each keyspace's tables
// in groups of their own (join_planner.h); anything else is refused.
Result<std::unique_ptr<Primitive>> PlanAcrossKeyspaces(ast::Statement& stmt,
                                                       const StatementBinding& binding,
                                                       const MergeOptions& merge) {
  std::string other;
  for (const auto& table : binding.tables) {
    if (table.keyspace != binding.keyspace) {
      other = table.keyspace->name;
      break;
    }
  }
  if (stmt.kind() != ast::StatementKind::kSelect || binding.system_schema)
    return SpanningKeyspacesError(binding.keyspace->name, other);
  for (const auto& table : binding.tables) {
    if (!table.top_level) {
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "unsupported: a subquery in a statement spanning keyspaces " +
                             binding.keyspace->name + " and " + other);
    }
    if (table.table == nullptr && table.keyspace->sharded) {
      return Error::Make(mysql_errno::kNoSuchTable, "table '" + table.name +
                                                        "' is not in the VSchema of keyspace '" +
                                                        table.keyspace->name + "'");
    }
  }
  return PlanJoinedSelect(stmt.As<ast::SelectStatement>(), *binding.keyspace, binding, merge);
}

}  // namespace

Result<std::unique_ptr<Primitive>> Planner::Build(ast::Statement& stmt, std::string_view sql,
                                                  const std::string& default_keyspace,
                                                  size_t bind_count,
                                                  uint64_t last_insert_id) const {
  if (std::string_view ks, shard; SplitShardTarget(default_keyspace, ks, shard)) {
    if (Status s = CheckBindVars(stmt, bind_count); !s.ok()) return s.error();
    // The session's values, as for a statement planned on the keyspace.
    if (MentionsDatabaseFunction(stmt)) RewriteDatabaseFunction(stmt, std::string(ks));
    RewriteSessionFunction(stmt, "last_insert_id", "LAST_INSERT_ID()", last_insert_id);
    RewriteSessionFunction(stmt, "connection_id", "CONNECTION_ID()", connection_id_);
    return PlanShardTarget(stmt, vschema_, default_keyspace, bind_count);
  }
  const bool query =
      stmt.kind() == ast::StatementKind::kSelect || stmt.kind() == ast::StatementKind::kUnion;
  // BuildSplit may rewrite the statement before it refuses it.
  ast::StatementPtr original = query ? stmt.Clone() : nullptr;
  auto split = BuildSplit(stmt, sql, default_keyspace, bind_count, last_insert_id);
  if (split.ok() || original == nullptr || split.error().code != mysql_errno::kNotSupportedYet)
    return split;
  auto bound = BindTables(*original, vschema_, default_keyspace, KeyspaceSpan::kAllow);
  if (!bound.ok()) return split;
  auto copied = PlanMaterializedQuery(
      *original, *bound, bind_count, max_memory_rows_, [&](ast::Statement& rows) {
        return BuildSplit(rows, sql::Format(rows), default_keyspace, bind_count, last_insert_id);
      });
  if (!copied.ok() || *copied == nullptr) return split;
  return copied;
}

Result<std::unique_ptr<Primitive>> Planner::BuildSplit(ast::Statement& stmt, std::string_view sql,
                                                       const std::string& default_keyspace,
                                                       size_t bind_count,
                                                       uint64_t last_insert_id) const {
  if (Status s = CheckBindVars(stmt, bind_count); !s.ok()) return s.error();
  if (HasCommonTableExpressions(stmt)) {
    // Its names are no tables of the VSchema; only a whole-statement plan
    // (one shard, or copied rows) can run it.
    auto bound = BindTables(stmt, vschema_, default_keyspace, KeyspaceSpan::kAllow);
    if (bound.ok() && bound->keyspace->sharded && !bound->system_schema && !bound->tables.empty())
      return Unsupported("WITH (common table expressions) on sharded keyspace " +
                         bound->keyspace->name);
  }
  if ((stmt.kind() == ast::StatementKind::kInsert || stmt.kind() == ast::StatementKind::kReplace) &&
      stmt.As<ast::InsertStatement>().select) {
    auto planned = PlanInsertSelect(stmt.As<ast::InsertStatement>(), vschema_, default_keyspace,
                                    bind_count, [&](ast::Statement& select) {
                                      return Build(select, sql::Format(select), default_keyspace,
                                                   bind_count, last_insert_id);
                                    });
    if (!planned.ok() || *planned) return planned;
    // Otherwise one shard runs the whole statement.
  }
  // Uncorrelated subqueries over sharded tables run first, in vtgate.
  auto reads_sharded = [&](ast::Statement& query) {
    auto bound = BindTables(query, vschema_, default_keyspace);
    if (!bound.ok() || bound->system_schema || !bound->keyspace->sharded) return false;
    return std::any_of(bound->tables.begin(), bound->tables.end(), [](const BoundTable& t) {
      return t.table == nullptr || t.table->type != TableType::kReference;
    });
  };
  auto pulled = PullOutSubqueries(stmt, bind_count, reads_sharded);
  if (!pulled.ok()) return pulled.error();
  if (!pulled->empty()) {
    const size_t outer_binds = bind_count + pulled->size();
    auto outer = Build(stmt, sql::Format(stmt), default_keyspace, outer_binds, last_insert_id);
    if (!outer.ok()) return outer.error();
    std::unique_ptr<Primitive> plan = std::move(outer).value();
    for (size_t k = pulled->size(); k-- > 0;) {
      auto& sub = (*pulled)[k];
      auto inner =
          Build(*sub.query, sql::Format(*sub.query), default_keyspace, bind_count, last_insert_id);
      if (!inner.ok()) return inner.error();
      plan =
          std::make_unique<Pullout>(std::move(inner).value(), std::move(plan), std::move(sub.spec));
    }
    return plan;
  }
  auto bound = BindTables(stmt, vschema_, default_keyspace, KeyspaceSpan::kAllow);
  if (!bound.ok()) return bound.error();
  StatementBinding& binding = *bound;
  const KeyspaceInfo& keyspace = *binding.keyspace;
  const ast::StatementKind kind = stmt.kind();
  if (binding.spans_keyspaces) {
    MergeOptions merge;
    merge.max_memory_rows = max_memory_rows_;
    merge.bind_count = bind_count;
    return PlanAcrossKeyspaces(stmt, binding, merge);
  }

  bool rewrite = binding.has_keyspace_qualifier;
  if (MentionsDatabaseFunction(stmt)) {
    // In a query of information_schema, DATABASE() must name the schema the
    // shard keeps the keyspace in (table_schema = DATABASE()).
    RewriteDatabaseFunction(stmt, binding.system_schema && !default_keyspace.empty()
                                      ? keyspace.database
                                      : default_keyspace);
    rewrite = true;
  }
  if (RewriteSessionFunction(stmt, "last_insert_id", "LAST_INSERT_ID()", last_insert_id))
    rewrite = true;
  if (RewriteSessionFunction(stmt, "connection_id", "CONNECTION_ID()", connection_id_))
    rewrite = true;
  auto routed = RoutedQuery(stmt, sql, rewrite, bind_count);
  if (!routed) return NoTemplate();
  auto make_route = [&](RouteOpcode opcode) {
    return std::make_unique<Route>(opcode, &keyspace, *routed);
  };

  if (binding.system_schema || binding.tables.empty()) {
    if (IsDdl(kind))
      return std::unique_ptr<Primitive>(
          make_route(keyspace.sharded ? RouteOpcode::kAllShards : RouteOpcode::kUnsharded));
    return std::unique_ptr<Primitive>(make_route(RouteOpcode::kAnyShard));
  }
  if (!keyspace.sharded) return std::unique_ptr<Primitive>(make_route(RouteOpcode::kUnsharded));
  if (IsDdl(kind)) return std::unique_ptr<Primitive>(make_route(RouteOpcode::kAllShards));
  if (kind == ast::StatementKind::kUnion) {
    // Each part is planned on its own; vtgate combines them.
    MergeOptions merge;
    merge.max_memory_rows = max_memory_rows_;
    merge.bind_count = bind_count;
    return PlanUnion(stmt.As<ast::UnionStatement>(), merge, [&](ast::Statement& part) {
      return Build(part, sql::Format(part), default_keyspace, bind_count, last_insert_id);
    });
  }

  // Sharded keyspace: every table must be known to the VSchema.
  std::vector<const BoundTable*> sharded;
  bool subquery_sharded = false;
  bool all_reference = true;
  for (const auto& table : binding.tables) {
    if (table.table == nullptr) {
      return Error::Make(
          mysql_errno::kNoSuchTable,
          "table '" + table.name + "' is not in the VSchema of keyspace '" + keyspace.name + "'");
    }
    if (table.table->type == TableType::kReference) continue;
    all_reference = false;
    if (table.top_level) {
      sharded.push_back(&table);
    } else {
      subquery_sharded = true;
    }
  }
  const bool is_write = kind == ast::StatementKind::kInsert ||
                        kind == ast::StatementKind::kReplace ||
                        kind == ast::StatementKind::kUpdate || kind == ast::StatementKind::kDelete;
  if (all_reference) {
    return std::unique_ptr<Primitive>(
        make_route(is_write ? RouteOpcode::kAllShards : RouteOpcode::kAnyShard));
  }
  if (is_write) {
    // A reference table keeps a copy on every shard, and a statement that
    // also reads a sharded table runs on some shards only (or answers
    // differently on each): writing the copies there would make them diverge.
    auto written = FindWrittenTables(stmt, binding);
    if (!written.ok()) return written.error();
    const BoundTable* read_sharded = nullptr;
    for (const auto& table : binding.tables)
      if (read_sharded == nullptr && table.table->type != TableType::kReference)
        read_sharded = &table;
    for (const BoundTable* table : written->tables) {
      if (table->table->type != TableType::kReference) continue;
      if (!written->unqualified_column.empty())
        return Unsupported("unqualified column '" + written->unqualified_column + "'" +
                           " in a multi-table UPDATE of reference table " + table->name +
                           " and sharded table " + read_sharded->name +
                           ": qualify it with its table");
      return Unsupported("writing reference table " + table->name + " in " +
                         WriteStatementName(stmt) + " that also reads sharded table " +
                         read_sharded->name);
    }
  }
  if (subquery_sharded && sharded.empty() && kind == ast::StatementKind::kSelect &&
      std::count_if(binding.tables.begin(), binding.tables.end(),
                    [](const BoundTable& t) {
                      return t.table != nullptr && t.table->type != TableType::kReference;
                    }) == 1 &&
      IsShardPartitionedDerivedSelect(stmt.As<ast::SelectStatement>(), keyspace)) {
    // SELECT ... FROM (a query whose rows split by shard) AS t: every shard
    // answers for its rows, vtgate merges as for a sharded table.
    auto& select = stmt.As<ast::SelectStatement>();
    if (!MergeRequirement(select).empty()) {
      MergeOptions merge;
      merge.max_memory_rows = max_memory_rows_;
      merge.strip_qualifiers = rewrite;
      merge.bind_count = bind_count;
      return PlanMergedSelect(select, keyspace, RouteChoice{}, merge);
    }
    return std::unique_ptr<Primitive>(make_route(RouteOpcode::kScatter));
  }
  if (subquery_sharded && !SubqueriesFollowOuterRows(stmt, keyspace, binding.tables))
    return Unsupported("subquery on a sharded table");
  if (sharded.empty()) return Unsupported("statement shape on sharded keyspace " + keyspace.name);

  switch (kind) {
    case ast::StatementKind::kInsert:
    case ast::StatementKind::kReplace: {
      auto& insert = stmt.As<ast::InsertStatement>();
      return PlanInsert(insert, keyspace, *sharded.front()->table, bind_count);
    }
    case ast::StatementKind::kSelect: {
      auto& select = stmt.As<ast::SelectStatement>();
      std::vector<const ast::Expr*> joins;
      std::vector<ast::ExprPtr> using_equalities;
      bool reference_outer = false;
      for (const auto& ref : select.from) {
        CollectJoinConditions(*ref, joins, using_equalities);
        reference_outer = reference_outer || OuterSideIsReferenceOnly(*ref, binding);
      }
      std::vector<const ast::Expr*> conditions = joins;
      conditions.push_back(select.where.get());
      std::vector<int> classes = ColocationClasses(sharded, conditions);
      if (reference_outer ||
          std::any_of(classes.begin(), classes.end(), [&](int c) { return c != classes[0]; })) {
        MergeOptions merge;
        merge.max_memory_rows = max_memory_rows_;
        merge.bind_count = bind_count;
        return PlanJoinedSelect(select, keyspace, binding, merge);
      }
      auto choice = ChooseShardedRoute(sharded, select.where.get(), joins);
      if (!choice.ok()) return choice.error();
      if (choice->opcode != RouteOpcode::kEqualUnique && !MergeRequirement(select).empty()) {
        MergeOptions merge;
        merge.max_memory_rows = max_memory_rows_;
        merge.strip_qualifiers = rewrite;
        merge.bind_count = bind_count;
        if (HasWindowFunctions(select)) {
          merge.window_refusal = ShardLocalWindowRefusal(select, binding.tables);
          merge.shard_local_windows = merge.window_refusal.empty();
          merge.groups_within_shards = GroupsWithinShards(select, binding.tables);
        }
        return PlanMergedSelect(select, keyspace, std::move(choice).value(), merge);
      }
      auto route = make_route(choice->opcode);
      route->SetVindex(choice->vindex, std::move(choice->values));
      return std::unique_ptr<Primitive>(std::move(route));
    }
    case ast::StatementKind::kUpdate:
    case ast::StatementKind::kDelete: {
      const bool is_update = kind == ast::StatementKind::kUpdate;
      const ast::Expr* where = nullptr;
      std::vector<const ast::Expr*> joins;
      std::vector<ast::ExprPtr> using_equalities;
      bool has_limit = false;
      if (is_update) {
        auto& update = stmt.As<ast::UpdateStatement>();
        for (const auto& ref : update.tables) CollectJoinConditions(*ref, joins, using_equalities);
        for (const auto& assignment : update.assignments) {
          for (const BoundTable* table : sharded) {
            std::string lower = AsciiLower(assignment.column.name);
            for (size_t v = 0; v < table->table->vindexes.size(); ++v) {
              if (lower != table->table->vindexes[v].column) continue;
              if (v == 0)
                return Unsupported("changing vindex column " + lower + " of table " + table->name);
            }
          }
        }
        where = update.where.get();
        has_limit = update.limit.count != nullptr;
      } else {
        auto& del = stmt.As<ast::DeleteStatement>();
        for (const auto& ref : del.from) CollectJoinConditions(*ref, joins, using_equalities);
        where = del.where.get();
        has_limit = del.limit.count != nullptr;
      }
      if (sharded.size() > 1) return Unsupported("multi-table UPDATE or DELETE on sharded tables");
      auto choice = ChooseShardedRoute(sharded, where, joins);
      if (!choice.ok()) return choice.error();
      auto route = make_route(choice->opcode);
      route->SetVindex(choice->vindex, choice->values);
      if (has_limit)
        route->SetSingleShardOnly(is_update ? "UPDATE with LIMIT" : "DELETE with LIMIT");
      // A table owning lookup vindexes: their entries follow the rows a
      // DELETE removes and the lookup columns an UPDATE sets.
      const TableInfo& owner = *sharded.front()->table;
      std::vector<LookupDml::Lookup> lookups;
      bool changes = false;
      for (size_t v = 1; v < owner.vindexes.size(); ++v) {
        const auto* lookup = dynamic_cast<const LookupVindex*>(owner.vindexes[v].vindex);
        if (lookup == nullptr) continue;
        LookupDml::Lookup entry{lookup, owner.vindexes[v].column, !is_update, std::nullopt};
        if (is_update) {
          for (const auto& assignment : stmt.As<ast::UpdateStatement>().assignments) {
            if (AsciiLower(assignment.column.name) != entry.column) continue;
            entry.new_value = ValueRefOf(*assignment.value);
            if (!entry.new_value)
              return Unsupported("setting lookup vindex column " + entry.column + " of table " +
                                 owner.name + " to anything but a literal");
            entry.changes = true;
          }
        }
        changes = changes || entry.changes;
        lookups.push_back(std::move(entry));
      }
      if (changes) {
        auto select = std::make_unique<ast::SelectStatement>();
        select->items.push_back(ast::SelectItem{
            std::make_unique<ast::ColumnRef>(ast::TableName{}, owner.primary()->column), "", {}});
        for (const auto& lookup : lookups)
          select->items.push_back(ast::SelectItem{
              std::make_unique<ast::ColumnRef>(ast::TableName{}, lookup.column), "", {}});
        const ast::Expr* where_clause = nullptr;
        const std::vector<ast::OrderItem>* order_by = nullptr;
        const ast::Limit* limit = nullptr;
        if (is_update) {
          auto& update = stmt.As<ast::UpdateStatement>();
          if (update.tables.size() != 1 || update.tables[0]->kind() != ast::TableRefKind::kTable)
            return Unsupported("a multi-table UPDATE of " + owner.name +
                               ", which has lookup vindexes");
          select->from.push_back(update.tables[0]->Clone());
          where_clause = update.where.get();
          order_by = &update.order_by;
          limit = &update.limit;
        } else {
          auto& del = stmt.As<ast::DeleteStatement>();
          // One plain table: any targets name it (FindWrittenTables checked).
          if (del.from.size() != 1 || del.from[0]->kind() != ast::TableRefKind::kTable)
            return Unsupported("a multi-table DELETE from " + owner.name +
                               ", which has lookup vindexes");
          select->from.push_back(del.from[0]->Clone());
          where_clause = del.where.get();
          order_by = &del.order_by;
          limit = &del.limit;
        }
        if (where_clause) select->where = where_clause->Clone();
        for (const auto& order : *order_by)
          select->order_by.push_back(ast::OrderItem{order.expr->Clone(), order.desc});
        if (limit->count) select->limit.count = limit->count->Clone();
        select->lock = ast::LockMode::kForUpdate;
        sql::FormatOptions options;
        options.strip_qualifiers = true;
        auto text = TemplateOfStatement(*select, options, bind_count);
        if (!text) return NoTemplate();
        auto read = std::make_unique<Route>(choice->opcode, &keyspace, std::move(*text));
        read->SetVindex(choice->vindex, choice->values);
        if (has_limit)
          read->SetSingleShardOnly(is_update ? "UPDATE with LIMIT" : "DELETE with LIMIT");
        LookupOwner about{&keyspace, owner.name, owner.primary()->column, owner.primary()->vindex};
        return std::unique_ptr<Primitive>(std::make_unique<LookupDml>(
            std::move(read), std::move(about), std::move(lookups), std::move(route)));
      }
      return std::unique_ptr<Primitive>(std::move(route));
    }
    default:
      return Unsupported("this statement on sharded keyspace " + keyspace.name);
  }
}

}  // namespace tessera::vtgate
