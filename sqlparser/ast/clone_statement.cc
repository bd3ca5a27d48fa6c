// Deep copies of statements and table refs.
#include <memory>

#include "sqlparser/ast/ast.h"

namespace tessera::sql::ast {

namespace {
StatementPtr CloneStmt(const StatementPtr& s) {
  return s ? s->Clone() : nullptr;
}

std::vector<TableRefPtr> CloneRefs(const std::vector<TableRefPtr>& v) {
  std::vector<TableRefPtr> out;
  for (const auto& r : v) out.push_back(r->Clone());
  return out;
}

std::vector<Assignment> CloneAssignments(const std::vector<Assignment>& v) {
  std::vector<Assignment> out;
  for (const auto& a : v) {
    Assignment c;
    c.column.table = a.column.table;
    c.column.name = a.column.name;
    c.value = CloneExpr(a.value);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<SelectItem> CloneItems(const std::vector<SelectItem>& v) {
  std::vector<SelectItem> out;
  for (const auto& item : v)
    out.push_back(SelectItem{CloneExpr(item.expr), item.alias, item.star_table});
  return out;
}

template <class T>
std::unique_ptr<T> WithComments(std::unique_ptr<T> c, const Statement& from) {
  c->comments = from.comments;
  return c;
}
}  // namespace

Limit CloneLimit(const Limit& l) {
  return Limit{CloneExpr(l.count), CloneExpr(l.offset)};
}

DerivedTable::~DerivedTable() = default;

TableRefPtr AliasedTable::Clone() const {
  auto c = std::make_unique<AliasedTable>();
  c->name = name;
  c->alias = alias;
  c->hints = hints;
  c->partitions = partitions;
  return c;
}

TableRefPtr JoinTableRef::Clone() const {
  auto c = std::make_unique<JoinTableRef>();
  c->join = join;
  c->left = left ? left->Clone() : nullptr;
  c->right = right ? right->Clone() : nullptr;
  c->on = CloneExpr(on);
  c->using_columns = using_columns;
  return c;
}

TableRefPtr DerivedTable::Clone() const {
  auto c = std::make_unique<DerivedTable>();
  c->query = CloneStmt(query);
  c->alias = alias;
  c->columns = columns;
  return c;
}

StatementPtr SelectStatement::Clone() const {
  auto c = std::make_unique<SelectStatement>();
  c->with_recursive = with_recursive;
  for (const auto& cte : with)
    c->with.push_back(CommonTableExpr{cte.name, cte.columns, CloneStmt(cte.query)});
  c->distinct = distinct;
  c->options = options;
  for (const auto& item : items)
    c->items.push_back(SelectItem{CloneExpr(item.expr), item.alias, item.star_table});
  c->from = CloneRefs(from);
  c->where = CloneExpr(where);
  c->group_by = CloneExprs(group_by);
  c->with_rollup = with_rollup;
  c->having = CloneExpr(having);
  for (const auto& w : windows)
    c->windows.push_back(NamedWindow{w.name, std::move(*CloneWindow(w.spec))});
  c->order_by = CloneOrder(order_by);
  c->limit = CloneLimit(limit);
  c->lock = lock;
  c->lock_wait = lock_wait;
  return WithComments(std::move(c), *this);
}

StatementPtr UnionStatement::Clone() const {
  auto c = std::make_unique<UnionStatement>();
  for (const auto& p : parts) c->parts.push_back(UnionPart{p.op, p.all, CloneStmt(p.query)});
  c->order_by = CloneOrder(order_by);
  c->limit = CloneLimit(limit);
  c->lock = lock;
  c->lock_wait = lock_wait;
  return WithComments(std::move(c), *this);
}

StatementPtr InsertStatement::Clone() const {
  auto c = std::make_unique<InsertStatement>();
  c->replace = replace;
  c->ignore = ignore;
  c->priority = priority;
  c->table = table;
  c->columns = columns;
  for (const auto& row : rows) c->rows.push_back(CloneExprs(row));
  c->set = CloneAssignments(set);
  c->select = CloneStmt(select);
  c->on_duplicate = CloneAssignments(on_duplicate);
  c->returning = CloneItems(returning);
  return WithComments(std::move(c), *this);
}

StatementPtr UpdateStatement::Clone() const {
  auto c = std::make_unique<UpdateStatement>();
  c->low_priority = low_priority;
  c->ignore = ignore;
  c->tables = CloneRefs(tables);
  c->assignments = CloneAssignments(assignments);
  c->where = CloneExpr(where);
  c->order_by = CloneOrder(order_by);
  c->limit = CloneLimit(limit);
  return WithComments(std::move(c), *this);
}

StatementPtr DeleteStatement::Clone() const {
  auto c = std::make_unique<DeleteStatement>();
  c->low_priority = low_priority;
  c->quick = quick;
  c->ignore = ignore;
  c->targets = targets;
  c->using_syntax = using_syntax;
  c->from = CloneRefs(from);
  c->where = CloneExpr(where);
  c->order_by = CloneOrder(order_by);
  c->limit = CloneLimit(limit);
  c->returning = CloneItems(returning);
  return WithComments(std::move(c), *this);
}

ColumnDef ColumnDef::Clone() const {
  ColumnDef c;
  c.name = name;
  c.type = type;
  c.nullable = nullable;
  c.default_value = CloneExpr(default_value);
  c.on_update = CloneExpr(on_update);
  c.auto_increment = auto_increment;
  c.key = key;
  c.comment = comment;
  c.generated = CloneExpr(generated);
  c.generated_stored = generated_stored;
  c.invisible = invisible;
  c.check = CloneExpr(check);
  c.check_name = check_name;
  return c;
}

StatementPtr CreateTableStatement::Clone() const {
  auto c = std::make_unique<CreateTableStatement>();
  c->table = table;
  c->temporary = temporary;
  c->or_replace = or_replace;
  c->if_not_exists = if_not_exists;
  for (const auto& col : columns) c->columns.push_back(col.Clone());
  c->indexes = indexes;
  c->foreign_keys = foreign_keys;
  for (const auto& chk : checks) c->checks.push_back(CheckDef{chk.name, CloneExpr(chk.expr)});
  c->options = options;
  c->like = like;
  c->select = CloneStmt(select);
  c->partitioning = partitioning;
  return WithComments(std::move(c), *this);
}

StatementPtr DropTableStatement::Clone() const {
  auto c = std::make_unique<DropTableStatement>();
  c->temporary = temporary;
  c->if_exists = if_exists;
  c->tables = tables;
  return WithComments(std::move(c), *this);
}

AlterSpec AlterSpec::Clone() const {
  AlterSpec c;
  c.kind = kind;
  c.if_exists = if_exists;
  c.if_not_exists = if_not_exists;
  c.name = name;
  c.new_name = new_name;
  if (column) c.column = column->Clone();
  c.index = index;
  c.foreign_key = foreign_key;
  c.new_table = new_table;
  c.options = options;
  c.first = first;
  c.after = after;
  c.default_value = CloneExpr(default_value);
  c.check = CloneExpr(check);
  return c;
}

StatementPtr AlterTableStatement::Clone() const {
  auto c = std::make_unique<AlterTableStatement>();
  c->table = table;
  for (const auto& s : specs) c->specs.push_back(s.Clone());
  return WithComments(std::move(c), *this);
}

StatementPtr CreateIndexStatement::Clone() const {
  auto c = std::make_unique<CreateIndexStatement>();
  c->table = table;
  c->index = index;
  c->if_not_exists = if_not_exists;
  return WithComments(std::move(c), *this);
}

StatementPtr DropIndexStatement::Clone() const {
  auto c = std::make_unique<DropIndexStatement>();
  c->name = name;
  c->table = table;
  c->if_exists = if_exists;
  return WithComments(std::move(c), *this);
}

StatementPtr TruncateTableStatement::Clone() const {
  auto c = std::make_unique<TruncateTableStatement>();
  c->table = table;
  return WithComments(std::move(c), *this);
}

StatementPtr RenameTableStatement::Clone() const {
  auto c = std::make_unique<RenameTableStatement>();
  c->renames = renames;
  return WithComments(std::move(c), *this);
}

StatementPtr CreateDatabaseStatement::Clone() const {
  auto c = std::make_unique<CreateDatabaseStatement>();
  c->or_replace = or_replace;
  c->name = name;
  c->if_not_exists = if_not_exists;
  c->options = options;
  return WithComments(std::move(c), *this);
}

StatementPtr DropDatabaseStatement::Clone() const {
  auto c = std::make_unique<DropDatabaseStatement>();
  c->name = name;
  c->if_exists = if_exists;
  return WithComments(std::move(c), *this);
}

StatementPtr UseStatement::Clone() const {
  auto c = std::make_unique<UseStatement>();
  c->db = db;
  return WithComments(std::move(c), *this);
}

StatementPtr SetStatement::Clone() const {
  auto c = std::make_unique<SetStatement>();
  for (const auto& a : assignments) {
    c->assignments.push_back(
        SetAssignment{a.target, a.scope, a.name, CloneExpr(a.value), a.collation});
  }
  return WithComments(std::move(c), *this);
}

StatementPtr BeginStatement::Clone() const {
  auto c = std::make_unique<BeginStatement>();
  c->read_only = read_only;
  c->read_write = read_write;
  c->consistent_snapshot = consistent_snapshot;
  return WithComments(std::move(c), *this);
}

StatementPtr CommitStatement::Clone() const {
  return WithComments(std::make_unique<CommitStatement>(), *this);
}

StatementPtr RollbackStatement::Clone() const {
  auto c = std::make_unique<RollbackStatement>();
  c->savepoint = savepoint;
  return WithComments(std::move(c), *this);
}

StatementPtr ShowStatement::Clone() const {
  auto c = std::make_unique<ShowStatement>();
  c->what = what;
  c->full = full;
  c->scope = scope;
  c->table = table;
  c->db = db;
  c->has_like = has_like;
  c->like = like;
  c->where = CloneExpr(where);
  c->limit = CloneLimit(limit);
  c->describe = describe;
  c->detail = detail;
  return WithComments(std::move(c), *this);
}

StatementPtr OtherStatement::Clone() const {
  auto c = std::make_unique<OtherStatement>();
  c->verb = verb;
  c->text = text;
  return WithComments(std::move(c), *this);
}

StatementPtr AlterDatabaseStatement::Clone() const {
  auto c = std::make_unique<AlterDatabaseStatement>();
  c->name = name;
  c->options = options;
  return WithComments(std::move(c), *this);
}

StatementPtr CreateViewStatement::Clone() const {
  auto c = std::make_unique<CreateViewStatement>();
  c->alter = alter;
  c->or_replace = or_replace;
  c->if_not_exists = if_not_exists;
  c->algorithm = algorithm;
  c->definer = definer;
  c->security = security;
  c->name = name;
  c->columns = columns;
  c->select = CloneStmt(select);
  c->check_option = check_option;
  c->check_scope = check_scope;
  return WithComments(std::move(c), *this);
}

StatementPtr DropViewStatement::Clone() const {
  auto c = std::make_unique<DropViewStatement>();
  c->if_exists = if_exists;
  c->views = views;
  return WithComments(std::move(c), *this);
}

StatementPtr CallStatement::Clone() const {
  auto c = std::make_unique<CallStatement>();
  c->procedure = procedure;
  c->args = CloneExprs(args);
  return WithComments(std::move(c), *this);
}

StatementPtr DoStatement::Clone() const {
  auto c = std::make_unique<DoStatement>();
  c->exprs = CloneExprs(exprs);
  return WithComments(std::move(c), *this);
}

StatementPtr ExplainStatement::Clone() const {
  auto c = std::make_unique<ExplainStatement>();
  c->option = option;
  c->statement = CloneStmt(statement);
  return WithComments(std::move(c), *this);
}

StatementPtr TableMaintenanceStatement::Clone() const {
  auto c = std::make_unique<TableMaintenanceStatement>();
  c->verb = verb;
  c->no_write_to_binlog = no_write_to_binlog;
  c->tables = tables;
  c->options = options;
  return WithComments(std::move(c), *this);
}

StatementPtr FlushStatement::Clone() const {
  auto c = std::make_unique<FlushStatement>();
  c->no_write_to_binlog = no_write_to_binlog;
  c->options = options;
  return WithComments(std::move(c), *this);
}

StatementPtr KillStatement::Clone() const {
  auto c = std::make_unique<KillStatement>();
  c->modifier = modifier;
  c->query = query;
  c->id = CloneExpr(id);
  return WithComments(std::move(c), *this);
}

StatementPtr LockTablesStatement::Clone() const {
  auto c = std::make_unique<LockTablesStatement>();
  c->items = items;
  c->wait = wait;
  return WithComments(std::move(c), *this);
}

StatementPtr UnlockTablesStatement::Clone() const {
  return WithComments(std::make_unique<UnlockTablesStatement>(), *this);
}

StatementPtr SavepointStatement::Clone() const {
  auto c = std::make_unique<SavepointStatement>();
  c->release = release;
  c->name = name;
  return WithComments(std::move(c), *this);
}

StatementPtr PrepareStatement::Clone() const {
  auto c = std::make_unique<PrepareStatement>();
  c->name = name;
  c->text = text;
  c->variable = variable;
  return WithComments(std::move(c), *this);
}

StatementPtr ExecuteStatement::Clone() const {
  auto c = std::make_unique<ExecuteStatement>();
  c->name = name;
  c->params = CloneExprs(params);
  return WithComments(std::move(c), *this);
}

StatementPtr DeallocateStatement::Clone() const {
  auto c = std::make_unique<DeallocateStatement>();
  c->name = name;
  return WithComments(std::move(c), *this);
}

StatementPtr AlterMigrationStatement::Clone() const {
  auto c = std::make_unique<AlterMigrationStatement>();
  c->uuid = uuid;
  c->action = action;
  c->ratio = ratio;
  return WithComments(std::move(c), *this);
}

StatementPtr RevertMigrationStatement::Clone() const {
  auto c = std::make_unique<RevertMigrationStatement>();
  c->uuid = uuid;
  return WithComments(std::move(c), *this);
}

StatementPtr VexplainStatement::Clone() const {
  auto c = std::make_unique<VexplainStatement>();
  c->statement = CloneStmt(statement);
  return WithComments(std::move(c), *this);
}

}  // namespace tessera::sql::ast
