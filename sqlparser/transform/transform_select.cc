// Queries: SELECT, set operations, FROM clause, ORDER BY, LIMIT, locking.
#include <functional>
#include <memory>

#include "sqlparser/transform/transformer.h"

namespace tessera::sql::transform {

namespace {
ast::LockMode Lock(P::LockClauseContext* ctx) {
  if (!ctx) return ast::LockMode::kNone;
  if (ctx->UPDATE()) return ast::LockMode::kForUpdate;
  if (ctx->LOCK()) return ast::LockMode::kShareMode;
  return ast::LockMode::kForShare;
}

bool HasTail(const std::vector<ast::OrderItem>& order, const ast::Limit& limit,
             ast::LockMode lock) {
  return !order.empty() || limit.count || lock != ast::LockMode::kNone;
}
}  // namespace

ast::SelectItem Transformer::SelectItem(P::SelectItemContext* item) {
  ast::SelectItem out;
  if (auto* wild = Alt<P::SelectTableStarContext>(item)) {
    if (wild->dotIdentifier()) {
      out.star_table.qualifier = Identifier(wild->identifier());
      out.star_table.name = DotIdentifier(wild->dotIdentifier());
    } else {
      out.star_table.name = Identifier(wild->identifier());
    }
  } else if (auto* e = Alt<P::SelectExprContext>(item)) {
    out.expr = Expr(Sub<P::ExprContext>(e, P::RuleExpr));
    if (auto* a = Sub<P::AliasContext>(e, P::RuleAlias))
      out.alias = a->identifier() ? Identifier(a->identifier()) : TextString(a->textString());
  }
  return out;
}

std::string Transformer::LockWait(P::LockWaitContext* ctx) {
  if (!ctx) return "";
  if (ctx->NOWAIT()) return "NOWAIT";
  if (ctx->SKIP_()) return "SKIP LOCKED";
  return "WAIT " + ctx->INT_NUM()->getText();
}

std::vector<ast::OrderItem> Transformer::OrderBy(P::OrderByClauseContext* ctx) {
  std::vector<ast::OrderItem> out;
  if (!ctx) return out;
  for (auto* item : ctx->orderItem())
    out.push_back(ast::OrderItem{Expr(item->expr()), item->DESC() != nullptr});
  return out;
}

ast::Limit Transformer::LimitClause(P::LimitClauseContext* ctx) {
  ast::Limit limit;
  if (!ctx) return limit;
  auto value = [this](P::LimitValueContext* v) -> ast::ExprPtr {
    if (v->INT_NUM()) return std::make_unique<ast::Literal>(ast::LiteralKind::kInt, v->getText());
    if (v->BIND_VAR()) return std::make_unique<ast::BindVar>(v->getText().substr(1));
    auto p = std::make_unique<ast::Placeholder>();
    auto it = placeholder_index_.find(v->QUESTION()->getSymbol()->getTokenIndex());
    p->index = it == placeholder_index_.end() ? 0 : it->second;
    return p;
  };
  if (ctx->EXAMINED()) throw Unsupported("LIMIT ROWS EXAMINED");
  if (!ctx->LIMIT()) {
    // OFFSET n ROWS [FETCH {FIRST | NEXT} [m] ROWS ONLY], FETCH ... ONLY
    auto* fetch = ctx->fetchClause();
    if (fetch && fetch->TIES()) throw Unsupported("FETCH ... WITH TIES");
    if (ctx->OFFSET()) limit.offset = value(ctx->limitValue(0));
    if (fetch) {
      limit.count = fetch->limitValue()
                        ? value(fetch->limitValue())
                        : std::make_unique<ast::Literal>(ast::LiteralKind::kInt, "1");
    } else {
      // An offset alone: all the remaining rows, as LIMIT needs a count.
      limit.count = std::make_unique<ast::Literal>(ast::LiteralKind::kInt, "18446744073709551615");
    }
    return limit;
  }
  auto values = ctx->limitValue();
  if (values.size() == 1) {
    limit.count = value(values[0]);
  } else if (ctx->OFFSET()) {
    limit.count = value(values[0]);
    limit.offset = value(values[1]);
  } else {  // LIMIT offset, count
    limit.offset = value(values[0]);
    limit.count = value(values[1]);
  }
  return limit;
}

namespace {
struct Tail {
  std::vector<ast::OrderItem> order_by;
  ast::Limit limit;
  ast::LockMode lock = ast::LockMode::kNone;
  std::string lock_wait;
};

// Moves ORDER BY / LIMIT / lock onto a query that has none of its own.
void ApplyTail(ast::Statement& q, Tail& tail) {
  auto apply = [&](auto& s) {
    if (HasTail(s.order_by, s.limit, s.lock)) {
      throw Unsupported("ORDER BY/LIMIT on both a parenthesised query and its enclosing query");
    }
    s.order_by = std::move(tail.order_by);
    s.limit = std::move(tail.limit);
    s.lock = tail.lock;
    s.lock_wait = tail.lock_wait;
  };
  if (q.kind() == ast::StatementKind::kSelect) {
    apply(q.As<ast::SelectStatement>());
  } else {
    apply(q.As<ast::UnionStatement>());
  }
}
}  // namespace

ast::StatementPtr Transformer::Select(P::SelectStatementContext* ctx) {
  Tail tail;
  P::QueryExpressionContext* qe = nullptr;
  P::WithClauseContext* with = nullptr;
  for (auto* child : ctx->children) {
    switch (RuleOf(child)) {
      case P::RuleIntoClause:
        throw Unsupported("SELECT ... INTO");
      case P::RuleWithClause:
        with = static_cast<P::WithClauseContext*>(child);
        break;
      case P::RuleQueryExpression:
        qe = static_cast<P::QueryExpressionContext*>(child);
        break;
      case P::RuleOrderByClause:
        tail.order_by = OrderBy(static_cast<P::OrderByClauseContext*>(child));
        break;
      case P::RuleLimitClause:
        tail.limit = LimitClause(static_cast<P::LimitClauseContext*>(child));
        break;
      case P::RuleLockClause: {
        auto* lock = static_cast<P::LockClauseContext*>(child);
        tail.lock = Lock(lock);
        tail.lock_wait = LockWait(lock->lockWait());
        break;
      }
      default:
        break;
    }
  }

  auto term = [this](P::QueryTermContext* t) -> ast::StatementPtr {
    if (auto* inner = Sub<P::SelectStatementContext>(t, P::RuleSelectStatement))
      return Select(inner);
    if (t->VALUES()) throw Unsupported("VALUES as a table value constructor");
    auto* spec = Sub<P::QuerySpecificationContext>(t, P::RuleQuerySpecification);
    auto s = std::make_unique<ast::SelectStatement>();
    // One pass over the clauses, in the order the grammar gives them.
    for (auto* child : spec->children) {
      switch (RuleOf(child)) {
        case P::RuleSelectOption: {
          auto* opt = static_cast<P::SelectOptionContext*>(child);
          if (opt->DISTINCT() || opt->DISTINCTROW()) {
            s->distinct = true;
          } else if (!opt->ALL()) {
            s->options.push_back(Upper(opt->getText()));
          }
          break;
        }
        case P::RuleSelectItem:
          s->items.push_back(SelectItem(static_cast<P::SelectItemContext*>(child)));
          break;
        case P::RuleIntoClause:
          throw Unsupported("SELECT ... INTO");
        case P::RuleTableReferences:
          s->from = TableReferences(static_cast<P::TableReferencesContext*>(child));
          break;
        case P::RuleWhereClause:
          s->where = Expr(static_cast<P::WhereClauseContext*>(child)->expr());
          break;
        case P::RuleGroupByClause: {
          auto* g = static_cast<P::GroupByClauseContext*>(child);
          for (auto* item : g->orderItem()) {
            if (item->ASC() || item->DESC()) throw Unsupported("GROUP BY ... ASC/DESC");
            s->group_by.push_back(Expr(item->expr()));
          }
          s->with_rollup = g->ROLLUP() != nullptr;
          break;
        }
        case P::RuleHavingClause:
          s->having = Expr(static_cast<P::HavingClauseContext*>(child)->expr());
          break;
        case P::RuleWindowClause:
          for (auto* def : static_cast<P::WindowClauseContext*>(child)->windowDefinition())
            s->windows.push_back(
                ast::NamedWindow{Identifier(def->identifier()), Window(def->windowSpec())});
          break;
        default:
          break;  // keywords and commas
      }
    }
    return s;
  };

  auto terms = Subs<P::QueryTermContext>(qe, P::RuleQueryTerm);
  ast::StatementPtr result;
  if (terms.size() == 1) {
    result = term(terms[0]);
    if (HasTail(tail.order_by, tail.limit, tail.lock)) ApplyTail(*result, tail);
  } else {
    auto u = std::make_unique<ast::UnionStatement>();
    auto ops = qe->setOperator();
    for (size_t i = 0; i < terms.size(); ++i) {
      ast::UnionPart part;
      if (i > 0) {
        auto* op = ops[i - 1];
        part.op = op->UNION()    ? ast::SetOp::kUnion
                  : op->EXCEPT() ? ast::SetOp::kExcept
                                 : ast::SetOp::kIntersect;
        part.all = op->ALL() != nullptr;
      }
      part.query = term(terms[i]);
      u->parts.push_back(std::move(part));
    }
    u->order_by = std::move(tail.order_by);
    u->limit = std::move(tail.limit);
    u->lock = tail.lock;
    u->lock_wait = tail.lock_wait;
    result = std::move(u);
  }

  if (with != nullptr) {
    if (result->kind() != ast::StatementKind::kSelect)
      throw Unsupported("WITH before a set operation");
    auto& s = result->As<ast::SelectStatement>();
    s.with_recursive = with->RECURSIVE() != nullptr;
    for (auto* cte : with->commonTableExpr()) {
      s.with.push_back(ast::CommonTableExpr{Identifier(cte->identifier()),
                                            IdentifierList(cte->identifierList()),
                                            Select(cte->selectStatement())});
    }
  }
  return result;
}

namespace {
ast::TableRefPtr MakeJoin(ast::JoinKind kind, ast::TableRefPtr left, ast::TableRefPtr right) {
  auto j = std::make_unique<ast::JoinTableRef>();
  j->join = kind;
  j->left = std::move(left);
  j->right = std::move(right);
  return j;
}
}  // namespace

std::vector<ast::TableRefPtr> Transformer::TableReferences(P::TableReferencesContext* ctx) {
  std::function<ast::TableRefPtr(P::TableFactorContext*)> factor =
      [&](P::TableFactorContext* f) -> ast::TableRefPtr {
    if (auto* c = Alt<P::TableFactorNameContext>(f)) {
      auto t = std::make_unique<ast::AliasedTable>();
      std::vector<P::IndexHintContext*> hints;
      for (auto* child : c->children) {
        switch (RuleOf(child)) {
          case P::RuleTableName:
            t->name = TableName(static_cast<P::TableNameContext*>(child));
            break;
          case P::RuleIdentifier:
            t->alias = Identifier(static_cast<P::IdentifierContext*>(child));
            break;
          case P::RulePartitionSelection:
            t->partitions =
                IdentifierList(static_cast<P::PartitionSelectionContext*>(child)->identifierList());
            break;
          case P::RuleIndexHint:
            hints.push_back(static_cast<P::IndexHintContext*>(child));
            break;
          default:
            break;
        }
      }
      for (auto* h : hints) {
        ast::IndexHint hint;
        hint.type = Upper(h->hintType->getText());
        if (h->FOR()) hint.for_clause = h->JOIN() ? "JOIN" : h->ORDER() ? "ORDER BY" : "GROUP BY";
        for (auto* index : h->hintIndex())
          hint.indexes.push_back(index->identifier() ? Identifier(index->identifier()) : "PRIMARY");
        t->hints.push_back(std::move(hint));
      }
      return t;
    }
    if (auto* c = Alt<P::TableFactorDerivedContext>(f)) {
      auto d = std::make_unique<ast::DerivedTable>();
      d->query = Select(c->selectStatement());
      d->alias = Identifier(c->identifier());
      d->columns = IdentifierList(c->identifierList());
      return d;
    }
    auto* c = static_cast<P::TableFactorParenContext*>(f);
    auto refs = TableReferences(c->tableReferences());
    ast::TableRefPtr acc = std::move(refs[0]);
    for (size_t i = 1; i < refs.size(); ++i)
      acc = MakeJoin(ast::JoinKind::kComma, std::move(acc), std::move(refs[i]));
    return acc;
  };

  std::vector<ast::TableRefPtr> out;
  for (auto* ref : ctx->tableReference()) {
    ast::TableRefPtr acc = factor(ref->tableFactor());
    for (auto* jp : ref->joinPart()) {
      if (auto* c = Alt<P::InnerJoinContext>(jp)) {
        auto kind = c->CROSS() ? ast::JoinKind::kCross : ast::JoinKind::kInner;
        auto j = MakeJoin(kind, std::move(acc), factor(c->tableFactor()));
        if (auto* spec = c->joinSpec()) {
          auto& jr = j->As<ast::JoinTableRef>();
          if (spec->expr())
            jr.on = Expr(spec->expr());
          else
            jr.using_columns = IdentifierList(spec->identifierList());
        }
        acc = std::move(j);
      } else if (auto* c = Alt<P::StraightJoinContext>(jp)) {
        auto j = MakeJoin(ast::JoinKind::kStraight, std::move(acc), factor(c->tableFactor()));
        if (c->expr()) j->As<ast::JoinTableRef>().on = Expr(c->expr());
        acc = std::move(j);
      } else if (auto* c = Alt<P::OuterJoinContext>(jp)) {
        auto kind = c->side->getType() == P::LEFT ? ast::JoinKind::kLeft : ast::JoinKind::kRight;
        auto j = MakeJoin(kind, std::move(acc), factor(c->tableFactor()));
        auto* spec = c->joinSpec();
        auto& jr = j->As<ast::JoinTableRef>();
        if (spec->expr())
          jr.on = Expr(spec->expr());
        else
          jr.using_columns = IdentifierList(spec->identifierList());
        acc = std::move(j);
      } else {
        auto* n = static_cast<P::NaturalJoinContext*>(jp);
        auto kind = !n->side                        ? ast::JoinKind::kNatural
                    : n->side->getType() == P::LEFT ? ast::JoinKind::kNaturalLeft
                                                    : ast::JoinKind::kNaturalRight;
        acc = MakeJoin(kind, std::move(acc), factor(n->tableFactor()));
      }
    }
    out.push_back(std::move(acc));
  }
  return out;
}

}  // namespace tessera::sql::transform
