// INSERT/REPLACE, UPDATE, DELETE.
#include <memory>

#include "sqlparser/transform/transformer.h"

namespace tessera::sql::transform {

namespace {
std::vector<ast::Assignment> Assignments(Transformer& t,
                                         const std::vector<P::AssignmentContext*>& list) {
  std::vector<ast::Assignment> out;
  for (auto* a : list) {
    ast::Assignment as;
    auto col = t.ColumnRef(a->columnRef());
    as.column.table = col->table;
    as.column.name = col->name;
    as.value = t.Expr(a->expr());
    out.push_back(std::move(as));
  }
  return out;
}
}  // namespace

ast::StatementPtr Transformer::Insert(P::InsertStatementContext* ctx) {
  auto s = std::make_unique<ast::InsertStatement>();
  s->replace = ctx->verb->getType() == P::REPLACE;
  s->ignore = ctx->IGNORE() != nullptr;
  if (ctx->priority) s->priority = Upper(ctx->priority->getText());
  s->table = TableName(ctx->tableName());
  if (ctx->partitionSelection()) throw Unsupported("PARTITION selection in INSERT");
  auto* src = ctx->insertSource();
  if (auto* c = Alt<P::InsertValuesContext>(src)) {
    s->columns = IdentifierList(c->identifierList());
    for (auto* row : c->rowValue()) s->rows.push_back(Exprs(row->expr()));
  } else if (auto* c = Alt<P::InsertSetContext>(src)) {
    s->set = Assignments(*this, c->assignment());
  } else if (auto* c = Alt<P::InsertSelectContext>(src)) {
    s->columns = IdentifierList(c->identifierList());
    s->select = Select(c->selectStatement());
  } else {
    auto* p = static_cast<P::InsertParenSelectContext*>(src);
    s->columns = IdentifierList(p->identifierList());
    s->select = Select(p->selectStatement());
  }
  if (ctx->DUPLICATE()) s->on_duplicate = Assignments(*this, ctx->assignment());
  if (auto* r = ctx->returningClause()) {
    for (auto* item : r->selectItem()) s->returning.push_back(SelectItem(item));
  }
  return s;
}

ast::StatementPtr Transformer::Update(P::UpdateStatementContext* ctx) {
  if (ctx->withClause()) throw Unsupported("WITH ... UPDATE");
  auto s = std::make_unique<ast::UpdateStatement>();
  s->low_priority = ctx->LOW_PRIORITY() != nullptr;
  s->ignore = ctx->IGNORE() != nullptr;
  s->tables = TableReferences(ctx->tableReferences());
  s->assignments = Assignments(*this, ctx->assignment());
  if (ctx->whereClause()) s->where = Expr(ctx->whereClause()->expr());
  s->order_by = OrderBy(ctx->orderByClause());
  s->limit = LimitClause(ctx->limitClause());
  if (s->limit.offset) throw Unsupported("LIMIT with an offset in UPDATE");
  return s;
}

ast::StatementPtr Transformer::Delete(P::DeleteStatementContext* ctx) {
  auto s = std::make_unique<ast::DeleteStatement>();
  auto options = [&](const std::vector<P::DeleteOptionContext*>& opts) {
    for (auto* o : opts) {
      if (o->LOW_PRIORITY()) s->low_priority = true;
      if (o->QUICK()) s->quick = true;
      if (o->IGNORE()) s->ignore = true;
    }
  };
  auto targets = [&](const std::vector<P::DeleteTargetContext*>& list) {
    for (auto* t : list) s->targets.push_back(TableName(t->tableName()));
  };
  if (auto* c = Alt<P::SingleDeleteContext>(ctx)) {
    options(c->deleteOption());
    auto t = std::make_unique<ast::AliasedTable>();
    t->name = TableName(c->tableName());
    s->from.push_back(std::move(t));
    if (c->whereClause()) s->where = Expr(c->whereClause()->expr());
    s->order_by = OrderBy(c->orderByClause());
    s->limit = LimitClause(c->limitClause());
    if (s->limit.offset) throw Unsupported("LIMIT with an offset in DELETE");
    if (c->partitionSelection()) throw Unsupported("PARTITION selection in DELETE");
    if (auto* r = c->returningClause()) {
      for (auto* item : r->selectItem()) s->returning.push_back(SelectItem(item));
    }
  } else if (auto* c = Alt<P::MultiDeleteContext>(ctx)) {
    options(c->deleteOption());
    targets(c->deleteTarget());
    s->from = TableReferences(c->tableReferences());
    if (c->whereClause()) s->where = Expr(c->whereClause()->expr());
  } else {
    auto* u = static_cast<P::MultiDeleteUsingContext*>(ctx);
    options(u->deleteOption());
    targets(u->deleteTarget());
    s->using_syntax = true;
    s->from = TableReferences(u->tableReferences());
    if (u->whereClause()) s->where = Expr(u->whereClause()->expr());
  }
  return s;
}

}  // namespace tessera::sql::transform
