// Traversals over statements and expressions.
#include "sqlparser/ast/walk.h"

namespace tessera::sql::ast {

namespace {
template <class E>
void Conjuncts(E* e, std::vector<E*>& out) {
  if (!e) return;
  if (e->kind() == ExprKind::kBinary && e->template As<BinaryExpr>().op == BinaryOp::kAnd) {
    auto& b = e->template As<BinaryExpr>();
    Conjuncts<E>(b.left.get(), out);
    Conjuncts<E>(b.right.get(), out);
    return;
  }
  out.push_back(e);
}

// Calls `on_expr` for every expression root and `on_stmt` for every nested
// query of a statement, and `on_table` for every table name it names.
struct Visitor {
  const std::function<void(Expr&)>* on_expr = nullptr;
  const std::function<void(TableName&)>* on_table = nullptr;
  const std::function<void(ExprPtr&)>* on_slot = nullptr;
  const std::function<void(TableRefPtr&)>* on_table_slot = nullptr;
  const std::function<void(Statement&)>* on_query = nullptr;
  bool enter_subqueries = true;  // false: subquery nodes are visited, their queries not

  void Root(ExprPtr& e) {
    if (e && on_slot) (*on_slot)(e);
    if (e) Walk(*e);
  }
  void Roots(std::vector<ExprPtr>& v) {
    for (auto& e : v) Root(e);
  }
  void Order(std::vector<OrderItem>& v) {
    for (auto& o : v) Root(o.expr);
  }
  void Name(TableName& t) {
    if (on_table) (*on_table)(t);
  }

  void Walk(Expr& e) {
    if (on_expr) (*on_expr)(e);
    switch (e.kind()) {
      case ExprKind::kUnary:
        Root(e.As<UnaryExpr>().operand);
        break;
      case ExprKind::kBinary: {
        auto& b = e.As<BinaryExpr>();
        Root(b.left);
        Root(b.right);
        Root(b.escape);
        break;
      }
      case ExprKind::kIs:
        Root(e.As<IsExpr>().operand);
        break;
      case ExprKind::kBetween: {
        auto& b = e.As<BetweenExpr>();
        Root(b.operand);
        Root(b.low);
        Root(b.high);
        break;
      }
      case ExprKind::kIn: {
        auto& in = e.As<InExpr>();
        Root(in.operand);
        Roots(in.list);
        if (in.subquery && enter_subqueries) Stmt(*in.subquery->query);
        break;
      }
      case ExprKind::kFuncCall: {
        auto& f = e.As<FuncCall>();
        Roots(f.args);
        Order(f.order_by);
        if (f.over) {
          Roots(f.over->partition_by);
          Order(f.over->order_by);
        }
        break;
      }
      case ExprKind::kCase: {
        auto& c = e.As<CaseExpr>();
        Root(c.operand);
        for (auto& w : c.whens) {
          Root(w.condition);
          Root(w.result);
        }
        Root(c.else_result);
        break;
      }
      case ExprKind::kSubquery:
        if (enter_subqueries) Stmt(*e.As<Subquery>().query);
        break;
      case ExprKind::kExists:
        if (enter_subqueries) Stmt(*e.As<ExistsExpr>().subquery->query);
        break;
      case ExprKind::kInterval:
        Root(e.As<IntervalExpr>().value);
        break;
      case ExprKind::kCast:
        Root(e.As<CastExpr>().operand);
        break;
      case ExprKind::kTuple:
        Roots(e.As<TupleExpr>().items);
        break;
      case ExprKind::kCollate:
        Root(e.As<CollateExpr>().operand);
        break;
      case ExprKind::kAssign:
        Root(e.As<AssignExpr>().value);
        break;
      case ExprKind::kQuantified: {
        auto& q = e.As<QuantifiedExpr>();
        Root(q.left);
        if (q.subquery && enter_subqueries) Stmt(*q.subquery->query);
        break;
      }
      default:
        break;
    }
  }

  void Ref(TableRef& t) {
    switch (t.kind()) {
      case TableRefKind::kTable:
        Name(t.As<AliasedTable>().name);
        break;
      case TableRefKind::kDerived:
        Stmt(*t.As<DerivedTable>().query);
        break;
      case TableRefKind::kJoin: {
        auto& j = t.As<JoinTableRef>();
        RefSlot(j.left);
        RefSlot(j.right);
        Root(j.on);
        break;
      }
    }
  }
  void RefSlot(TableRefPtr& r) {
    if (on_table_slot && r->kind() == TableRefKind::kTable) (*on_table_slot)(r);
    Ref(*r);
  }
  void Refs(std::vector<TableRefPtr>& v) {
    for (auto& r : v) RefSlot(r);
  }
  void Assign(std::vector<Assignment>& v) {
    for (auto& a : v) {
      Walk(a.column);
      Root(a.value);
    }
  }
  void Limit(ast::Limit& l) {
    Root(l.count);
    Root(l.offset);
  }

  void Stmt(Statement& s) {
    if (on_query && (s.kind() == StatementKind::kSelect || s.kind() == StatementKind::kUnion))
      (*on_query)(s);
    switch (s.kind()) {
      case StatementKind::kSelect: {
        auto& q = s.As<SelectStatement>();
        for (auto& cte : q.with) Stmt(*cte.query);
        for (auto& item : q.items) Root(item.expr);
        Refs(q.from);
        Root(q.where);
        Roots(q.group_by);
        Root(q.having);
        for (auto& w : q.windows) {
          Roots(w.spec.partition_by);
          Order(w.spec.order_by);
        }
        Order(q.order_by);
        Limit(q.limit);
        break;
      }
      case StatementKind::kUnion: {
        auto& u = s.As<UnionStatement>();
        for (auto& p : u.parts) Stmt(*p.query);
        Order(u.order_by);
        Limit(u.limit);
        break;
      }
      case StatementKind::kInsert:
      case StatementKind::kReplace: {
        auto& i = s.As<InsertStatement>();
        Name(i.table);
        for (auto& row : i.rows) Roots(row);
        Assign(i.set);
        if (i.select) Stmt(*i.select);
        Assign(i.on_duplicate);
        for (auto& item : i.returning) Root(item.expr);
        break;
      }
      case StatementKind::kUpdate: {
        auto& u = s.As<UpdateStatement>();
        Refs(u.tables);
        Assign(u.assignments);
        Root(u.where);
        Order(u.order_by);
        Limit(u.limit);
        break;
      }
      case StatementKind::kDelete: {
        auto& d = s.As<DeleteStatement>();
        for (auto& t : d.targets) Name(t);
        Refs(d.from);
        Root(d.where);
        Order(d.order_by);
        Limit(d.limit);
        for (auto& item : d.returning) Root(item.expr);
        break;
      }
      case StatementKind::kCreateTable: {
        auto& c = s.As<CreateTableStatement>();
        Name(c.table);
        if (c.like) Name(*c.like);
        for (auto& fk : c.foreign_keys) Name(fk.ref_table);
        if (c.select) Stmt(*c.select);
        break;
      }
      case StatementKind::kDropTable:
        for (auto& t : s.As<DropTableStatement>().tables) Name(t);
        break;
      case StatementKind::kAlterTable: {
        auto& a = s.As<AlterTableStatement>();
        Name(a.table);
        for (auto& spec : a.specs) {
          if (spec.kind == AlterSpecKind::kRenameTable) Name(spec.new_table);
        }
        break;
      }
      case StatementKind::kCreateIndex:
        Name(s.As<CreateIndexStatement>().table);
        break;
      case StatementKind::kDropIndex:
        Name(s.As<DropIndexStatement>().table);
        break;
      case StatementKind::kTruncateTable:
        Name(s.As<TruncateTableStatement>().table);
        break;
      case StatementKind::kRenameTable:
        for (auto& [from, to] : s.As<RenameTableStatement>().renames) {
          Name(from);
          Name(to);
        }
        break;
      case StatementKind::kSet:
        for (auto& a : s.As<SetStatement>().assignments) Root(a.value);
        break;
      case StatementKind::kShow: {
        auto& sh = s.As<ShowStatement>();
        if (!sh.table.empty()) Name(sh.table);
        Root(sh.where);
        break;
      }
      case StatementKind::kCreateView:
      case StatementKind::kAlterView: {
        auto& v = s.As<CreateViewStatement>();
        Name(v.name);
        if (v.select) Stmt(*v.select);
        break;
      }
      case StatementKind::kDropView:
        for (auto& t : s.As<DropViewStatement>().views) Name(t);
        break;
      case StatementKind::kCall:
        Roots(s.As<CallStatement>().args);
        break;
      case StatementKind::kDo:
        Roots(s.As<DoStatement>().exprs);
        break;
      case StatementKind::kExplain:
        if (auto& inner = s.As<ExplainStatement>().statement) Stmt(*inner);
        break;
      case StatementKind::kVexplain:
        if (auto& inner = s.As<VexplainStatement>().statement) Stmt(*inner);
        break;
      case StatementKind::kTableMaintenance:
        for (auto& t : s.As<TableMaintenanceStatement>().tables) Name(t);
        break;
      case StatementKind::kFlush:
        for (auto& o : s.As<FlushStatement>().options) {
          for (auto& t : o.names) Name(t);
        }
        break;
      case StatementKind::kExecute:
        Roots(s.As<ExecuteStatement>().params);
        break;
      case StatementKind::kKill:
        Root(s.As<KillStatement>().id);
        break;
      case StatementKind::kLockTables:
        for (auto& item : s.As<LockTablesStatement>().items) Name(item.table);
        break;
      default:
        break;
    }
  }
};
}  // namespace

Statement* NestedQuery(Expr& expr) {
  switch (expr.kind()) {
    case ExprKind::kSubquery:
      return expr.As<Subquery>().query.get();
    case ExprKind::kExists:
      return expr.As<ExistsExpr>().subquery->query.get();
    case ExprKind::kIn: {
      auto& in = expr.As<InExpr>();
      return in.subquery ? in.subquery->query.get() : nullptr;
    }
    case ExprKind::kQuantified:
      return expr.As<QuantifiedExpr>().subquery->query.get();
    default:
      return nullptr;
  }
}

std::vector<const Expr*> SplitConjuncts(const Expr* where) {
  std::vector<const Expr*> out;
  Conjuncts<const Expr>(where, out);
  return out;
}

std::vector<Expr*> SplitConjuncts(Expr* where) {
  std::vector<Expr*> out;
  Conjuncts<Expr>(where, out);
  return out;
}

void ForEachTableName(Statement& stmt, const std::function<void(TableName&)>& fn) {
  Visitor v;
  v.on_table = &fn;
  v.Stmt(stmt);
}

void ForEachExpr(Statement& stmt, const std::function<void(Expr&)>& fn) {
  Visitor v;
  v.on_expr = &fn;
  v.Stmt(stmt);
}

void ForEachExpr(Expr& expr, const std::function<void(Expr&)>& fn) {
  Visitor v;
  v.on_expr = &fn;
  v.Walk(expr);
}

void ForEachExprOfQuery(Expr& expr, const std::function<void(Expr&)>& fn) {
  Visitor v;
  v.on_expr = &fn;
  v.enter_subqueries = false;
  v.Walk(expr);
}

void RewriteExprs(ExprPtr& root, const std::function<void(ExprPtr&)>& fn) {
  Visitor v;
  v.on_slot = &fn;
  v.Root(root);
}

void RewriteExprs(Statement& stmt, const std::function<void(ExprPtr&)>& fn) {
  Visitor v;
  v.on_slot = &fn;
  v.Stmt(stmt);
}

void ForEachQuery(Statement& stmt, const std::function<void(Statement&)>& fn) {
  Visitor v;
  v.on_query = &fn;
  v.Stmt(stmt);
}

void RewriteTableRefs(Statement& stmt, const std::function<void(TableRefPtr&)>& fn) {
  Visitor v;
  v.on_table_slot = &fn;
  v.Stmt(stmt);
}

void ForEachColumn(Statement& stmt, const std::function<void(ColumnRef&)>& fn) {
  ForEachExpr(stmt, [&](Expr& e) {
    if (e.kind() == ExprKind::kColumn) fn(e.As<ColumnRef>());
  });
}

}  // namespace tessera::sql::ast
