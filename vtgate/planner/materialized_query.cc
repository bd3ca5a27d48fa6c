#include "vtgate/planner/materialized_query.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "vtgate/engine/materialize.h"
#include "vtgate/planner/query_template_builder.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

// Functions whose value depends on the connection or the server they run
// on, or that change something there.
// clang-format off
constexpr std::string_view kPlaceBoundFunctions[] = {
    "database", "schema", "last_insert_id", "connection_id", "found_rows", "row_count", "user",
    "current_user", "session_user", "system_user", "current_role", "get_lock", "release_lock",
    "release_all_locks", "is_free_lock", "is_used_lock", "nextval", "lastval", "setval",
    "master_pos_wait", "master_gtid_wait", "load_file", "benchmark"};
// clang-format on

// Functions whose value may differ each time they are evaluated.
constexpr std::string_view kVolatileFunctions[] = {"rand", "uuid", "uuid_short", "sysdate"};

template <size_t N>
bool Contains(const std::string_view (&names)[N], const std::string& name) {
  const std::string lower = AsciiLower(name);
  return std::find(std::begin(names), std::end(names), lower) != std::end(names);
}

// Whether the statement means the same wherever it runs.
bool Movable(ast::Statement& stmt) {
  bool movable = true;
  ast::ForEachQuery(stmt, [&](ast::Statement& query) {
    if (query.kind() == ast::StatementKind::kUnion) {
      if (query.As<ast::UnionStatement>().lock != ast::LockMode::kNone) movable = false;
      return;
    }
    const auto& select = query.As<ast::SelectStatement>();
    // WITH only at the top, so its names mean the same everywhere below.
    if ((!select.with.empty() && &query != &stmt) || select.lock != ast::LockMode::kNone)
      movable = false;
    for (const auto& option : select.options)
      if (option == "SQL_CALC_FOUND_ROWS") movable = false;
  });
  ast::ForEachExpr(stmt, [&movable](ast::Expr& e) {
    switch (e.kind()) {
      case ast::ExprKind::kVariable:
      case ast::ExprKind::kAssign:
      case ast::ExprKind::kPlaceholder:
        movable = false;
        break;
      case ast::ExprKind::kFuncCall: {
        const auto& call = e.As<ast::FuncCall>();
        if (!call.qualifier.empty() || Contains(kPlaceBoundFunctions, call.name)) movable = false;
        break;
      }
      default:
        break;
    }
  });
  return movable;
}

// The plain tables of a query's own FROM clause, and whether each is on the
// NULL-extended side of an outer join.
struct TopLevel {
  std::map<const ast::AliasedTable*, bool> nullable;
  std::map<std::string, size_t> by_alias;  // how many top-level tables use the alias
  bool has_derived = false;
};

void CollectTopLevel(ast::TableRef& ref, bool nullable, TopLevel& out) {
  switch (ref.kind()) {
    case ast::TableRefKind::kTable: {
      const auto& table = ref.As<ast::AliasedTable>();
      out.nullable[&table] = nullable;
      ++out.by_alias[table.alias.empty() ? table.name.name : table.alias];
      break;
    }
    case ast::TableRefKind::kDerived:
      out.has_derived = true;
      break;
    case ast::TableRefKind::kJoin: {
      auto& join = ref.As<ast::JoinTableRef>();
      const bool left_outer =
          join.join == ast::JoinKind::kLeft || join.join == ast::JoinKind::kNaturalLeft;
      const bool right_outer =
          join.join == ast::JoinKind::kRight || join.join == ast::JoinKind::kNaturalRight;
      CollectTopLevel(*join.left, nullable || right_outer, out);
      CollectTopLevel(*join.right, nullable || left_outer, out);
      break;
    }
  }
}

// The alias of the one table a WHERE term names, "" when the term cannot
// be copied into that table's plan. An unqualified column names the one
// table of the FROM clause only where no outer query could own it.
std::string TermTable(ast::Expr& term, const TopLevel& top, bool outermost) {
  std::string single;
  if (outermost && top.by_alias.size() == 1 && !top.has_derived)
    single = top.by_alias.begin()->first;
  bool copyable = true;
  std::string table;
  ast::ForEachExpr(term, [&](ast::Expr& e) {
    if (ast::NestedQuery(e) != nullptr) copyable = false;
    if (e.kind() == ast::ExprKind::kFuncCall &&
        Contains(kVolatileFunctions, e.As<ast::FuncCall>().name))
      copyable = false;
    if (e.kind() != ast::ExprKind::kColumn) return;
    const auto& column = e.As<ast::ColumnRef>();
    const std::string& named = column.table.name.empty() ? single : column.table.name;
    if (named.empty() || (!table.empty() && named != table)) copyable = false;
    table = named;
  });
  if (!copyable || !top.by_alias.count(table) || top.by_alias.at(table) != 1) return "";
  return table;
}

// The WHERE terms of `select` each of its own tables' copies may apply.
void CollectTerms(ast::SelectStatement& select, bool outermost,
                  std::map<const ast::AliasedTable*, std::vector<ast::ExprPtr>>& out) {
  TopLevel top;
  for (auto& ref : select.from) CollectTopLevel(*ref, false, top);
  for (ast::Expr* term : ast::SplitConjuncts(select.where.get())) {
    const std::string alias = TermTable(*term, top, outermost);
    if (alias.empty()) continue;
    for (const auto& [table, nullable] : top.nullable) {
      const std::string& name = table->alias.empty() ? table->name.name : table->alias;
      if (name == alias && !nullable) out[table].push_back(term->Clone());
    }
  }
}

// Adds `query`, or each part of it when it is a UNION.
void AddOutermost(ast::Statement& query, std::set<const ast::Statement*>& out) {
  out.insert(&query);
  if (query.kind() != ast::StatementKind::kUnion) return;
  for (auto& part : query.As<ast::UnionStatement>().parts) AddOutermost(*part.query, out);
}

// Adds the queries of the derived tables in `ref`.
void AddDerived(ast::TableRef& ref, std::set<const ast::Statement*>& out) {
  switch (ref.kind()) {
    case ast::TableRefKind::kTable:
      break;
    case ast::TableRefKind::kDerived:
      AddOutermost(*ref.As<ast::DerivedTable>().query, out);
      break;
    case ast::TableRefKind::kJoin:
      AddDerived(*ref.As<ast::JoinTableRef>().left, out);
      AddDerived(*ref.As<ast::JoinTableRef>().right, out);
      break;
  }
}

// The columns the statement names, to copy no others.
struct ColumnUse {
  bool every = false;                 // a star, USING or NATURAL JOIN: every column
  std::set<std::string> unqualified;  // lower case
  std::map<std::string, std::set<std::string>> qualified;  // lower-case alias -> columns
};

void MarkJoinsNamingEveryColumn(const ast::TableRef& ref, ColumnUse& use) {
  if (ref.kind() != ast::TableRefKind::kJoin) return;
  const auto& join = ref.As<ast::JoinTableRef>();
  if (!join.using_columns.empty() || join.join == ast::JoinKind::kNatural ||
      join.join == ast::JoinKind::kNaturalLeft || join.join == ast::JoinKind::kNaturalRight)
    use.every = true;
  MarkJoinsNamingEveryColumn(*join.left, use);
  MarkJoinsNamingEveryColumn(*join.right, use);
}

ColumnUse CollectColumnUse(ast::Statement& stmt) {
  ColumnUse use;
  ast::ForEachQuery(stmt, [&use](ast::Statement& query) {
    if (query.kind() != ast::StatementKind::kSelect) return;
    const auto& select = query.As<ast::SelectStatement>();
    for (const auto& item : select.items)
      if (item.is_star()) use.every = true;
    for (const auto& ref : select.from) MarkJoinsNamingEveryColumn(*ref, use);
  });
  ast::ForEachColumn(stmt, [&use](ast::ColumnRef& column) {
    if (column.table.name.empty()) {
      use.unqualified.insert(AsciiLower(column.name));
    } else {
      use.qualified[AsciiLower(column.table.name)].insert(AsciiLower(column.name));
    }
  });
  return use;
}

// The columns a copy of `table` reads, in table order; empty for all of them
// (also when vtgate does not know the table's full column list). An
// unqualified name counts for every table that has such a column.
std::vector<std::string> CopiedColumns(const ast::AliasedTable& table, const KeyspaceInfo& keyspace,
                                       const ColumnUse& use) {
  if (use.every) return {};
  const TableInfo* info = keyspace.FindTable(table.name.name);
  if (info == nullptr) return {};
  const KnownColumns known = keyspace.ColumnsOf(*info);
  if (!known.complete || known.names == nullptr || known.names->empty()) return {};
  const auto qualified =
      use.qualified.find(AsciiLower(table.alias.empty() ? table.name.name : table.alias));
  std::vector<std::string> out;
  for (const auto& column : *known.names) {
    if (use.unqualified.count(column) ||
        (qualified != use.qualified.end() && qualified->second.count(column)))
      out.push_back(column);
  }
  if (out.size() == known.names->size()) return {};
  if (out.empty()) out.push_back(known.names->front());  // COUNT(*) still needs the rows
  return out;
}

// Whether the statement ends in LIMIT 0 (as a prepared statement's probe for
// its result columns does).
bool LimitIsZero(const ast::Statement& stmt) {
  const ast::Limit& limit = stmt.kind() == ast::StatementKind::kSelect
                                ? stmt.As<ast::SelectStatement>().limit
                                : stmt.As<ast::UnionStatement>().limit;
  if (limit.count == nullptr || limit.count->kind() != ast::ExprKind::kLiteral) return false;
  const auto& count = limit.count->As<ast::Literal>();
  return count.type == ast::LiteralKind::kInt &&
         count.text.find_first_not_of('0') == std::string::npos;
}

}  // namespace

Result<std::unique_ptr<Primitive>> PlanMaterializedQuery(ast::Statement& stmt,
                                                         const StatementBinding& binding,
                                                         size_t bind_count, size_t max_rows,
                                                         const PlanRowsFn& plan_rows) {
  if (stmt.kind() != ast::StatementKind::kSelect && stmt.kind() != ast::StatementKind::kUnion)
    return std::unique_ptr<Primitive>();
  if (binding.system_schema || binding.spans_keyspaces || binding.keyspace == nullptr ||
      binding.tables.empty() || binding.keyspace->shards.empty() || !Movable(stmt))
    return std::unique_ptr<Primitive>();

  // The WHERE terms each table's copy may apply. The statement, its WITH
  // bodies and its derived tables cannot name columns of an outer query
  // (MariaDB has no LATERAL), so there an unqualified column is one of their
  // own tables'.
  std::set<const ast::Statement*> outermost;
  AddOutermost(stmt, outermost);
  if (stmt.kind() == ast::StatementKind::kSelect)
    for (auto& cte : stmt.As<ast::SelectStatement>().with) AddOutermost(*cte.query, outermost);
  ast::ForEachQuery(stmt, [&](ast::Statement& query) {
    if (query.kind() != ast::StatementKind::kSelect) return;
    for (auto& ref : query.As<ast::SelectStatement>().from) AddDerived(*ref, outermost);
  });
  std::map<const ast::AliasedTable*, std::vector<ast::ExprPtr>> terms;
  ast::ForEachQuery(stmt, [&](ast::Statement& query) {
    if (query.kind() == ast::StatementKind::kSelect)
      CollectTerms(query.As<ast::SelectStatement>(), outermost.count(&query) > 0, terms);
  });

  const bool no_rows = LimitIsZero(stmt);
  const ColumnUse use = CollectColumnUse(stmt);
  // Unqualified names of the top-level WITH are its tables, not the shards'.
  std::set<std::string> common_tables;
  if (stmt.kind() == ast::StatementKind::kSelect)
    for (const auto& cte : stmt.As<ast::SelectStatement>().with) common_tables.insert(cte.name);
  std::vector<Materialize::Source> sources;
  std::map<std::string, size_t> source_by_text;
  std::optional<Error> refused;
  ast::RewriteTableRefs(stmt, [&](ast::TableRefPtr& slot) {
    if (refused) return;
    const auto& table = slot->As<ast::AliasedTable>();
    if (table.name.qualifier.empty() &&
        (AsciiLower(table.name.name) == "dual" || common_tables.count(table.name.name)))
      return;
    const std::string alias = table.alias.empty() ? table.name.name : table.alias;
    auto rows = std::make_unique<ast::SelectStatement>();
    const std::vector<std::string> columns = CopiedColumns(table, *binding.keyspace, use);
    std::string column_list = columns.empty() ? "*" : "";
    for (const auto& column : columns) {
      rows->items.push_back(
          ast::SelectItem{std::make_unique<ast::ColumnRef>(ast::TableName{}, column), "", {}});
      column_list += (column_list.empty() ? "" : ", ") + sql::QuoteIdentifier(column);
    }
    if (columns.empty()) rows->items.push_back(ast::SelectItem{nullptr, "", {}});
    ast::TableRefPtr read = table.Clone();
    // Without terms of its own, every reference to the table shares one copy.
    if (!terms.count(&table)) read->As<ast::AliasedTable>().alias.clear();
    rows->from.push_back(std::move(read));
    if (auto own = terms.find(&table); own != terms.end()) {
      for (const auto& term : own->second) {
        ast::ExprPtr copy = term->Clone();
        rows->where = rows->where
                          ? std::make_unique<ast::BinaryExpr>(
                                ast::BinaryOp::kAnd, std::move(rows->where), std::move(copy))
                          : std::move(copy);
      }
    }
    const std::string text = sql::Format(*rows);
    auto found = source_by_text.find(text);
    size_t index = 0;
    if (found != source_by_text.end()) {
      index = found->second;
    } else {
      auto plan = plan_rows(*rows);
      if (!plan.ok()) {
        refused = plan.error();
        return;
      }
      index = sources.size();
      source_by_text[text] = index;
      // A statement that returns no rows needs only its tables' column types.
      if (no_rows) plan = std::unique_ptr<Primitive>();
      sources.push_back(Materialize::Source{std::move(plan).value(), table.name.name, column_list});
    }
    auto place = std::make_unique<ast::SelectStatement>();
    place->items.push_back(ast::SelectItem{
        std::make_unique<ast::BindVar>("v" + std::to_string(bind_count + index + 1)), "", {}});
    auto derived = std::make_unique<ast::DerivedTable>();
    derived->query = std::move(place);
    derived->alias = alias;
    slot = std::move(derived);
  });
  if (refused) return std::unique_ptr<Primitive>();
  sql::FormatOptions options;
  options.strip_qualifiers = true;
  auto query = TemplateOfStatement(stmt, options, bind_count + sources.size());
  if (!query) return std::unique_ptr<Primitive>();
  return std::unique_ptr<Primitive>(std::make_unique<Materialize>(
      std::move(sources), binding.keyspace, std::move(*query), bind_count, max_rows));
}

}  // namespace tessera::vtgate
