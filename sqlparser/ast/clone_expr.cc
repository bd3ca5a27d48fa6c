// Deep copies of expression nodes.
#include <memory>

#include "sqlparser/ast/expr.h"
#include "sqlparser/ast/select.h"

namespace tessera::sql::ast {

InExpr::~InExpr() = default;
FuncCall::~FuncCall() = default;
Subquery::~Subquery() = default;
ExistsExpr::~ExistsExpr() = default;
QuantifiedExpr::~QuantifiedExpr() = default;

ExprPtr CloneExpr(const ExprPtr& e) {
  return e ? e->Clone() : nullptr;
}

std::vector<ExprPtr> CloneExprs(const std::vector<ExprPtr>& v) {
  std::vector<ExprPtr> out;
  out.reserve(v.size());
  for (const auto& e : v) out.push_back(CloneExpr(e));
  return out;
}

std::vector<OrderItem> CloneOrder(const std::vector<OrderItem>& v) {
  std::vector<OrderItem> out;
  out.reserve(v.size());
  for (const auto& o : v) out.push_back(OrderItem{CloneExpr(o.expr), o.desc});
  return out;
}

ExprPtr ColumnRef::Clone() const {
  return std::make_unique<ColumnRef>(table, name);
}

ExprPtr Literal::Clone() const {
  auto c = std::make_unique<Literal>(type, text);
  c->charset = charset;
  return c;
}

ExprPtr Placeholder::Clone() const {
  auto c = std::make_unique<Placeholder>();
  c->index = index;
  return c;
}

ExprPtr BindVar::Clone() const {
  return std::make_unique<BindVar>(name);
}

ExprPtr UnaryExpr::Clone() const {
  auto c = std::make_unique<UnaryExpr>();
  c->op = op;
  c->operand = CloneExpr(operand);
  return c;
}

ExprPtr BinaryExpr::Clone() const {
  auto c = std::make_unique<BinaryExpr>(op, CloneExpr(left), CloneExpr(right));
  c->escape = CloneExpr(escape);
  return c;
}

ExprPtr IsExpr::Clone() const {
  auto c = std::make_unique<IsExpr>();
  c->operand = CloneExpr(operand);
  c->test = test;
  c->negated = negated;
  return c;
}

ExprPtr BetweenExpr::Clone() const {
  auto c = std::make_unique<BetweenExpr>();
  c->operand = CloneExpr(operand);
  c->low = CloneExpr(low);
  c->high = CloneExpr(high);
  c->negated = negated;
  return c;
}

namespace {
std::unique_ptr<Subquery> CloneSubquery(const std::unique_ptr<Subquery>& s) {
  if (!s) return nullptr;
  auto c = std::make_unique<Subquery>();
  c->query = s->query ? s->query->Clone() : nullptr;
  return c;
}
}  // namespace

ExprPtr InExpr::Clone() const {
  auto c = std::make_unique<InExpr>();
  c->operand = CloneExpr(operand);
  c->list = CloneExprs(list);
  c->subquery = CloneSubquery(subquery);
  c->negated = negated;
  return c;
}

ExprPtr FuncCall::Clone() const {
  auto c = std::make_unique<FuncCall>();
  c->qualifier = qualifier;
  c->name = name;
  c->args = CloneExprs(args);
  c->distinct = distinct;
  c->star = star;
  c->order_by = CloneOrder(order_by);
  c->has_separator = has_separator;
  c->separator = separator;
  if (over) c->over = CloneWindow(*over);
  c->form = form;
  c->keyword = keyword;
  return c;
}

std::unique_ptr<WindowSpec> CloneWindow(const WindowSpec& w) {
  auto c = std::make_unique<WindowSpec>();
  c->name = w.name;
  c->partition_by = CloneExprs(w.partition_by);
  c->order_by = CloneOrder(w.order_by);
  c->frame = w.frame;
  return c;
}

ExprPtr AssignExpr::Clone() const {
  auto c = std::make_unique<AssignExpr>();
  c->name = name;
  c->value = CloneExpr(value);
  return c;
}

ExprPtr QuantifiedExpr::Clone() const {
  auto c = std::make_unique<QuantifiedExpr>();
  c->op = op;
  c->quantifier = quantifier;
  c->left = CloneExpr(left);
  c->subquery = CloneSubquery(subquery);
  return c;
}

ExprPtr CaseExpr::Clone() const {
  auto c = std::make_unique<CaseExpr>();
  c->operand = CloneExpr(operand);
  for (const auto& w : whens)
    c->whens.push_back(WhenClause{CloneExpr(w.condition), CloneExpr(w.result)});
  c->else_result = CloneExpr(else_result);
  return c;
}

ExprPtr Subquery::Clone() const {
  auto c = std::make_unique<Subquery>();
  c->query = query ? query->Clone() : nullptr;
  return c;
}

ExprPtr ExistsExpr::Clone() const {
  auto c = std::make_unique<ExistsExpr>();
  c->subquery = CloneSubquery(subquery);
  return c;
}

ExprPtr IntervalExpr::Clone() const {
  auto c = std::make_unique<IntervalExpr>();
  c->value = CloneExpr(value);
  c->unit = unit;
  return c;
}

ExprPtr CastExpr::Clone() const {
  auto c = std::make_unique<CastExpr>();
  c->operand = CloneExpr(operand);
  c->type = type;
  c->charset = charset;
  c->convert_syntax = convert_syntax;
  return c;
}

ExprPtr Variable::Clone() const {
  auto c = std::make_unique<Variable>();
  c->system = system;
  c->scope = scope;
  c->name = name;
  return c;
}

ExprPtr DefaultExpr::Clone() const {
  auto c = std::make_unique<DefaultExpr>();
  c->column = column;
  return c;
}

ExprPtr ValuesFunc::Clone() const {
  auto c = std::make_unique<ValuesFunc>();
  c->column = column;
  return c;
}

ExprPtr TupleExpr::Clone() const {
  auto c = std::make_unique<TupleExpr>();
  c->items = CloneExprs(items);
  return c;
}

ExprPtr CollateExpr::Clone() const {
  auto c = std::make_unique<CollateExpr>();
  c->operand = CloneExpr(operand);
  c->collation = collation;
  return c;
}

}  // namespace tessera::sql::ast
