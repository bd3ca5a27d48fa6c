// Expressions: expr / boolPrimary / predicate / bitExpr / simpleExpr.
#include <memory>

#include "sqlparser/format.h"

#include "sqlparser/transform/raw_bytes.h"
#include "sqlparser/transform/transformer.h"

namespace tessera::sql::transform {

namespace {
ast::ExprPtr MakeBinary(ast::BinaryOp op, ast::ExprPtr l, ast::ExprPtr r) {
  return std::make_unique<ast::BinaryExpr>(op, std::move(l), std::move(r));
}

ast::BinaryOp CompareOp(P::CompOpContext* c) {
  if (c->EQ()) return ast::BinaryOp::kEq;
  if (c->NULL_SAFE_EQ()) return ast::BinaryOp::kNullSafeEq;
  if (c->NE()) return ast::BinaryOp::kNe;
  if (c->LT()) return ast::BinaryOp::kLt;
  if (c->LE()) return ast::BinaryOp::kLe;
  if (c->GT()) return ast::BinaryOp::kGt;
  return ast::BinaryOp::kGe;
}

ast::BinaryOp ArithOp(size_t token) {
  switch (token) {
    case P::CARET:
      return ast::BinaryOp::kBitXor;
    case P::STAR:
      return ast::BinaryOp::kMul;
    case P::SLASH:
      return ast::BinaryOp::kDiv;
    case P::DIV:
      return ast::BinaryOp::kIntDiv;
    case P::PERCENT:
    case P::MOD:
      return ast::BinaryOp::kMod;
    case P::PLUS:
      return ast::BinaryOp::kAdd;
    case P::MINUS:
      return ast::BinaryOp::kSub;
    case P::SHIFT_LEFT:
      return ast::BinaryOp::kShiftLeft;
    case P::SHIFT_RIGHT:
      return ast::BinaryOp::kShiftRight;
    case P::AMP:
      return ast::BinaryOp::kBitAnd;
    default:
      return ast::BinaryOp::kBitOr;
  }
}

ast::VarScope ScopeOf(const std::string& upper) {
  if (upper == "GLOBAL") return ast::VarScope::kGlobal;
  if (upper == "SESSION") return ast::VarScope::kSession;
  if (upper == "LOCAL") return ast::VarScope::kLocal;
  return ast::VarScope::kDefault;
}
}  // namespace

std::vector<ast::ExprPtr> Transformer::Exprs(const std::vector<P::ExprContext*>& list) {
  std::vector<ast::ExprPtr> out;
  out.reserve(list.size());
  for (auto* e : list) out.push_back(Expr(e));
  return out;
}

ast::ExprPtr Transformer::Expr(P::ExprContext* ctx) {
  if (auto* c = Alt<P::AssignExprContext>(ctx)) {
    auto a = std::make_unique<ast::AssignExpr>();
    a->name = UserVariableName(c->USER_VAR()->getText());
    a->value = Expr(c->expr());
    return a;
  }
  if (auto* c = Alt<P::NotExprContext>(ctx)) {
    auto u = std::make_unique<ast::UnaryExpr>();
    u->op = ast::UnaryOp::kNot;
    u->operand = Expr(c->expr());
    return u;
  }
  if (auto* c = Alt<P::AndExprContext>(ctx)) {
    return MakeBinary(ast::BinaryOp::kAnd, Expr(Sub<P::ExprContext>(c, P::RuleExpr, 0)),
                      Expr(Sub<P::ExprContext>(c, P::RuleExpr, 1)));
  }
  if (auto* c = Alt<P::XorExprContext>(ctx)) {
    return MakeBinary(ast::BinaryOp::kXor, Expr(Sub<P::ExprContext>(c, P::RuleExpr, 0)),
                      Expr(Sub<P::ExprContext>(c, P::RuleExpr, 1)));
  }
  if (auto* c = Alt<P::OrExprContext>(ctx)) {
    return MakeBinary(ast::BinaryOp::kOr, Expr(Sub<P::ExprContext>(c, P::RuleExpr, 0)),
                      Expr(Sub<P::ExprContext>(c, P::RuleExpr, 1)));
  }
  return BoolPrimary(Sub<P::BoolPrimaryContext>(ctx, P::RuleBoolPrimary));
}

ast::ExprPtr Transformer::BoolPrimary(P::BoolPrimaryContext* ctx) {
  if (auto* c = Alt<P::IsExprContext>(ctx)) {
    auto is = std::make_unique<ast::IsExpr>();
    is->operand = BoolPrimary(c->boolPrimary());
    is->negated = c->NOT() != nullptr;
    switch (c->test->getType()) {
      case P::NULL_:
        is->test = ast::IsTest::kNull;
        break;
      case P::TRUE_:
        is->test = ast::IsTest::kTrue;
        break;
      case P::FALSE_:
        is->test = ast::IsTest::kFalse;
        break;
      default:
        is->test = ast::IsTest::kUnknown;
        break;
    }
    return is;
  }
  if (auto* c = Alt<P::QuantifiedExprContext>(ctx)) {
    auto q = std::make_unique<ast::QuantifiedExpr>();
    q->op = CompareOp(c->compOp());
    q->quantifier = Upper(c->quantifier->getText());
    q->left = BoolPrimary(c->boolPrimary());
    q->subquery = Subquery(c->selectStatement());
    return q;
  }
  if (auto* c = Alt<P::ComparisonExprContext>(ctx)) {
    // boolPrimary compOp predicate
    return MakeBinary(CompareOp(static_cast<P::CompOpContext*>(c->children[1])),
                      BoolPrimary(static_cast<P::BoolPrimaryContext*>(c->children[0])),
                      Predicate(static_cast<P::PredicateContext*>(c->children[2])));
  }
  return Predicate(Sub<P::PredicateContext>(ctx, P::RulePredicate));
}

ast::ExprPtr Transformer::Predicate(P::PredicateContext* ctx) {
  auto* tail = Sub<P::PredicateTailContext>(ctx, P::RulePredicateTail);
  ast::ExprPtr operand = BitExpr(Sub<P::BitExprContext>(ctx, P::RuleBitExpr));
  if (tail == nullptr) return operand;
  if (auto* c = Alt<P::InSubqueryTailContext>(tail)) {
    auto in = std::make_unique<ast::InExpr>();
    in->operand = std::move(operand);
    in->subquery = Subquery(c->selectStatement());
    in->negated = c->NOT() != nullptr;
    return in;
  }
  if (auto* c = Alt<P::InListTailContext>(tail)) {
    auto in = std::make_unique<ast::InExpr>();
    in->operand = std::move(operand);
    in->list = Exprs(Subs<P::ExprContext>(c, P::RuleExpr));
    in->negated = c->NOT() != nullptr;
    return in;
  }
  if (auto* c = Alt<P::BetweenTailContext>(tail)) {
    auto b = std::make_unique<ast::BetweenExpr>();
    b->operand = std::move(operand);
    b->low = BitExpr(c->bitExpr());
    b->high = Predicate(c->predicate());
    b->negated = c->NOT() != nullptr;
    return b;
  }
  if (auto* c = Alt<P::LikeTailContext>(tail)) {
    auto op = c->NOT() ? ast::BinaryOp::kNotLike : ast::BinaryOp::kLike;
    auto b = std::make_unique<ast::BinaryExpr>(op, std::move(operand), BitExpr(c->bitExpr()));
    if (c->simpleExpr()) b->escape = SimpleExpr(c->simpleExpr());
    return b;
  }
  auto* c = static_cast<P::RegexpTailContext*>(tail);
  auto op = c->NOT() ? ast::BinaryOp::kNotRegexp : ast::BinaryOp::kRegexp;
  return MakeBinary(op, std::move(operand), BitExpr(c->bitExpr()));
}

ast::ExprPtr Transformer::BitExpr(P::BitExprContext* ctx) {
  if (auto* c = Alt<P::SimpleBitExprContext>(ctx))
    return SimpleExpr(Sub<P::SimpleExprContext>(c, P::RuleSimpleExpr));
  // Every other alternative is `bitExpr op bitExpr`.
  auto* left = dynamic_cast<P::BitExprContext*>(ctx->children.at(0));
  auto* op = dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children.at(1));
  auto* right = dynamic_cast<P::BitExprContext*>(ctx->children.at(2));
  return MakeBinary(ArithOp(op->getSymbol()->getType()), BitExpr(left), BitExpr(right));
}

std::unique_ptr<ast::Subquery> Transformer::Subquery(P::SelectStatementContext* ctx) {
  auto s = std::make_unique<ast::Subquery>();
  s->query = Select(ctx);
  return s;
}

std::unique_ptr<ast::ColumnRef> Transformer::ColumnRef(P::ColumnRefContext* ctx) {
  // identifier (DOT dotIdentifier (DOT dotIdentifier)?)?: children 0, 2, 4.
  auto col = std::make_unique<ast::ColumnRef>();
  const auto& parts = ctx->children;
  const std::string first = Identifier(static_cast<P::IdentifierContext*>(parts[0]));
  if (parts.size() == 1) {
    col->name = first;
  } else if (parts.size() == 3) {
    col->table.name = first;
    col->name = DotIdentifier(static_cast<P::DotIdentifierContext*>(parts[2]));
  } else {
    col->table.qualifier = first;
    col->table.name = DotIdentifier(static_cast<P::DotIdentifierContext*>(parts[2]));
    col->name = DotIdentifier(static_cast<P::DotIdentifierContext*>(parts[4]));
  }
  return col;
}

ast::ExprPtr Transformer::SimpleExpr(P::SimpleExprContext* ctx) {
  if (auto* c = Alt<P::LiteralExprContext>(ctx))
    return Literal(Sub<P::LiteralContext>(c, P::RuleLiteral));
  if (auto* c = Alt<P::ColumnExprContext>(ctx))
    return ColumnRef(Sub<P::ColumnRefContext>(c, P::RuleColumnRef));
  if (auto* c = Alt<P::FunctionExprContext>(ctx))
    return FunctionCall(Sub<P::FunctionCallContext>(c, P::RuleFunctionCall));
  if (auto* c = Alt<P::PlaceholderExprContext>(ctx)) {
    auto p = std::make_unique<ast::Placeholder>();
    auto it = placeholder_index_.find(c->QUESTION()->getSymbol()->getTokenIndex());
    p->index = it == placeholder_index_.end() ? 0 : it->second;
    return p;
  }
  if (auto* c = Alt<P::BindVarExprContext>(ctx)) {
    return std::make_unique<ast::BindVar>(c->BIND_VAR()->getText().substr(1));
  }
  if (auto* c = Alt<P::UnaryExprContext>(ctx)) {
    auto u = std::make_unique<ast::UnaryExpr>();
    switch (c->op->getType()) {
      case P::MINUS:
        u->op = ast::UnaryOp::kMinus;
        break;
      case P::PLUS:
        u->op = ast::UnaryOp::kPlus;
        break;
      default:
        u->op = ast::UnaryOp::kBitInvert;
        break;
    }
    u->operand = SimpleExpr(c->simpleExpr());
    return u;
  }
  if (auto* c = Alt<P::LogicalNotExprContext>(ctx)) {
    auto u = std::make_unique<ast::UnaryExpr>();
    u->op = ast::UnaryOp::kLogicalNot;
    u->operand = SimpleExpr(c->simpleExpr());
    return u;
  }
  if (auto* c = Alt<P::BinaryExprContext>(ctx)) {
    auto u = std::make_unique<ast::UnaryExpr>();
    u->op = ast::UnaryOp::kBinary;
    u->operand = SimpleExpr(c->simpleExpr());
    return u;
  }
  if (auto* c = Alt<P::CollateExprContext>(ctx)) {
    auto e = std::make_unique<ast::CollateExpr>();
    e->operand = SimpleExpr(c->simpleExpr());
    e->collation = CharsetName(c->charsetName());
    return e;
  }
  if (auto* c = Alt<P::JsonExprContext>(ctx)) {
    auto op = c->op->getType() == P::JSON_ARROW ? ast::BinaryOp::kJsonExtract
                                                : ast::BinaryOp::kJsonUnquoteExtract;
    return MakeBinary(
        op, SimpleExpr(c->simpleExpr()),
        std::make_unique<ast::Literal>(ast::LiteralKind::kString, TextString(c->textString())));
  }
  if (auto* c = Alt<P::SystemVarExprContext>(ctx)) {
    auto v = std::make_unique<ast::Variable>();
    v->system = true;
    std::string name = c->SYSTEM_VAR()->getText().substr(2);
    RestoreRawBytes(name);
    if (auto dot = name.find('.'); dot != std::string::npos) {
      v->scope = ScopeOf(Upper(name.substr(0, dot)));
      if (v->scope != ast::VarScope::kDefault) name = name.substr(dot + 1);
    }
    v->name = name;
    return v;
  }
  if (auto* c = Alt<P::UserVarExprContext>(ctx)) {
    auto v = std::make_unique<ast::Variable>();
    v->name = UserVariableName(c->USER_VAR()->getText());
    return v;
  }
  if (auto* c = Alt<P::SubqueryExprContext>(ctx)) return Subquery(c->selectStatement());
  if (auto* c = Alt<P::ExistsExprContext>(ctx)) {
    auto e = std::make_unique<ast::ExistsExpr>();
    e->subquery = Subquery(c->selectStatement());
    return e;
  }
  if (auto* c = Alt<P::ParenExprContext>(ctx)) {
    auto items = Exprs(c->expr());
    if (items.size() == 1) return std::move(items[0]);
    auto t = std::make_unique<ast::TupleExpr>();
    t->items = std::move(items);
    return t;
  }
  if (auto* c = Alt<P::CaseExprContext>(ctx)) {
    auto e = std::make_unique<ast::CaseExpr>();
    auto exprs = c->expr();
    size_t next = 0;
    // Operand precedes the first WHEN, ELSE result follows the last one.
    if (!exprs.empty() &&
        exprs[0]->getStart()->getTokenIndex() < c->caseWhen(0)->getStart()->getTokenIndex()) {
      e->operand = Expr(exprs[next++]);
    }
    for (auto* w : c->caseWhen())
      e->whens.push_back(ast::WhenClause{Expr(w->expr(0)), Expr(w->expr(1))});
    if (c->ELSE()) e->else_result = Expr(exprs.back());
    return e;
  }
  if (auto* c = Alt<P::IntervalExprContext>(ctx)) {
    auto e = std::make_unique<ast::IntervalExpr>();
    e->value = Expr(c->expr());
    e->unit = Upper(Identifier(c->identifier()));
    static const char* const kUnits[] = {"MICROSECOND",
                                         "SECOND",
                                         "MINUTE",
                                         "HOUR",
                                         "DAY",
                                         "WEEK",
                                         "MONTH",
                                         "QUARTER",
                                         "YEAR",
                                         "SECOND_MICROSECOND",
                                         "MINUTE_MICROSECOND",
                                         "MINUTE_SECOND",
                                         "HOUR_MICROSECOND",
                                         "HOUR_SECOND",
                                         "HOUR_MINUTE",
                                         "DAY_MICROSECOND",
                                         "DAY_SECOND",
                                         "DAY_MINUTE",
                                         "DAY_HOUR",
                                         "YEAR_MONTH"};
    bool known = false;
    for (const char* u : kUnits) known = known || e->unit == u;
    if (!known) throw Unsupported("INTERVAL unit " + e->unit);
    return e;
  }
  if (auto* c = Alt<P::DefaultExprContext>(ctx)) {
    auto e = std::make_unique<ast::DefaultExpr>();
    if (c->identifier()) e->column = Identifier(c->identifier());
    return e;
  }
  if (auto* c = Alt<P::ValuesExprContext>(ctx)) {
    auto e = std::make_unique<ast::ValuesFunc>();
    e->column = Identifier(c->identifier());
    return e;
  }
  auto cast_type = [](P::CastTypeContext* t) {
    std::string out;
    for (auto* w : t->castWord()) {
      if (!out.empty()) out += ' ';
      out += Upper(w->getText());
    }
    auto nums = t->INT_NUM();
    if (!nums.empty()) {
      out += '(' + nums[0]->getText();
      if (nums.size() > 1) out += ',' + nums[1]->getText();
      out += ')';
    }
    if (t->charsetKeyword()) out += " CHARACTER SET " + CharsetName(t->charsetName());
    return out;
  };
  if (auto* c = Alt<P::CastExprContext>(ctx)) {
    auto e = std::make_unique<ast::CastExpr>();
    e->operand = Expr(c->expr());
    e->type = cast_type(c->castType());
    return e;
  }
  if (auto* c = Alt<P::ConvertExprContext>(ctx)) {
    auto e = std::make_unique<ast::CastExpr>();
    e->operand = Expr(c->expr());
    e->type = cast_type(c->castType());
    e->convert_syntax = true;
    return e;
  }
  if (auto* c = Alt<P::ConvertUsingExprContext>(ctx)) {
    auto e = std::make_unique<ast::CastExpr>();
    e->operand = Expr(c->expr());
    e->charset = CharsetName(c->charsetName());
    e->convert_syntax = true;
    return e;
  }
  return SpecialCall(ctx);
}

ast::ExprPtr Transformer::SpecialCall(P::SimpleExprContext* ctx) {
  auto f = std::make_unique<ast::FuncCall>();
  if (auto* c = Alt<P::ExtractExprContext>(ctx)) {
    f->name = "EXTRACT";
    f->form = ast::CallForm::kExtract;
    f->keyword = Upper(Identifier(c->identifier()));
    f->args.push_back(Expr(c->expr()));
    return f;
  }
  if (auto* c = Alt<P::TrimExprContext>(ctx)) {
    f->name = "TRIM";
    auto* args = c->trimArgs();
    if (!args->FROM()) {
      f->args.push_back(Expr(args->expr(0)));
      return f;
    }
    f->form = ast::CallForm::kTrim;
    if (args->side) f->keyword = Upper(args->side->getText());
    f->args = Exprs(args->expr());
    return f;
  }
  if (auto* c = Alt<P::SubstringFromExprContext>(ctx)) {
    f->name = Upper(c->name->getText());
    f->form = ast::CallForm::kSubstringFrom;
    f->args = Exprs(c->expr());
    return f;
  }
  if (auto* c = Alt<P::PositionExprContext>(ctx)) {
    f->name = "POSITION";
    f->form = ast::CallForm::kPosition;
    f->args.push_back(BitExpr(c->bitExpr()));
    f->args.push_back(Expr(c->expr()));
    return f;
  }
  if (auto* c = Alt<P::MatchExprContext>(ctx)) {
    f->name = "MATCH";
    f->form = ast::CallForm::kMatch;
    for (auto* col : c->columnRef()) f->args.push_back(ColumnRef(col));
    f->args.push_back(BitExpr(c->bitExpr()));
    if (auto* m = c->searchModifier()) {
      for (auto* child : m->children) {
        if (!f->keyword.empty()) f->keyword += ' ';
        f->keyword += Upper(child->getText());
      }
    }
    return f;
  }
  throw Unsupported("expression " + ctx->getText());
}

ast::ExprPtr Transformer::Literal(P::LiteralContext* ctx) {
  using K = ast::LiteralKind;
  if (auto* c = Alt<P::StringLiteralContext>(ctx)) {
    auto lit = std::make_unique<ast::Literal>(K::kString, "");
    lit->text = TextString(c->textString(), &lit->charset);
    return lit;
  }
  if (Alt<P::IntLiteralContext>(ctx))
    return std::make_unique<ast::Literal>(K::kInt, ctx->getText());
  if (Alt<P::DecimalLiteralContext>(ctx)) {
    return std::make_unique<ast::Literal>(K::kDecimal, ctx->getText());
  }
  if (Alt<P::FloatLiteralContext>(ctx))
    return std::make_unique<ast::Literal>(K::kFloat, ctx->getText());
  const std::string text = ctx->getText();
  if (Alt<P::HexStringLiteralContext>(ctx)) {
    return std::make_unique<ast::Literal>(K::kHexString, text.substr(2, text.size() - 3));
  }
  if (Alt<P::HexNumLiteralContext>(ctx))
    return std::make_unique<ast::Literal>(K::kHexNum, text.substr(2));
  if (Alt<P::BitStringLiteralContext>(ctx)) {
    return std::make_unique<ast::Literal>(K::kBit, text.substr(2, text.size() - 3));
  }
  if (Alt<P::BitNumLiteralContext>(ctx))
    return std::make_unique<ast::Literal>(K::kBit, text.substr(2));
  if (Alt<P::TrueLiteralContext>(ctx)) return std::make_unique<ast::Literal>(K::kTrue, "");
  if (Alt<P::FalseLiteralContext>(ctx)) return std::make_unique<ast::Literal>(K::kFalse, "");
  if (Alt<P::NullLiteralContext>(ctx)) return std::make_unique<ast::Literal>(K::kNull, "");
  if (auto* c = Alt<P::OdbcLiteralContext>(ctx)) {
    // {d 'x'}, {t 'x'}, {ts 'x'}: the ODBC spellings of DATE, TIME, TIMESTAMP.
    const std::string word = Upper(Identifier(c->identifier()));
    K kind = word == "D" ? K::kDate : word == "T" ? K::kTime : K::kTimestamp;
    if (word != "D" && word != "T" && word != "TS")
      throw Unsupported("ODBC escape {" + word + " ...}");
    return std::make_unique<ast::Literal>(kind, TextString(c->textString()));
  }
  if (auto* c = Alt<P::IntroducedLiteralContext>(ctx)) {
    // _charset X'..' / b'..' / 0x.. / 0b..
    auto lit = std::make_unique<ast::Literal>();
    const std::string body = ctx->children.at(1)->getText();
    if (c->HEX_STRING()) {
      lit->type = K::kHexString;
      lit->text = body.substr(2, body.size() - 3);
    } else if (c->HEX_NUM()) {
      lit->type = K::kHexString;
      lit->text = body.substr(2);
    } else if (c->BIT_STRING()) {
      lit->type = K::kBit;
      lit->text = body.substr(2, body.size() - 3);
    } else {
      lit->type = K::kBit;
      lit->text = body.substr(2);
    }
    lit->charset = c->INTRODUCER()->getText().substr(1);
    return lit;
  }
  auto* c = static_cast<P::TemporalLiteralContext*>(ctx);
  K kind = c->kind->getType() == P::DATE   ? K::kDate
           : c->kind->getType() == P::TIME ? K::kTime
                                           : K::kTimestamp;
  return std::make_unique<ast::Literal>(kind, TextString(c->textString()));
}

ast::ExprPtr Transformer::FunctionCall(P::FunctionCallContext* ctx) {
  auto f = std::make_unique<ast::FuncCall>();
  if (auto* c = Alt<P::GroupConcatCallContext>(ctx)) {
    f->name = c->GROUP_CONCAT()->getText();
    f->distinct = c->DISTINCT() != nullptr;
    f->args = Exprs(c->expr());
    if (c->orderByClause()) f->order_by = OrderBy(c->orderByClause());
    if (c->SEPARATOR()) {
      f->has_separator = true;
      f->separator = TextString(c->textString());
    }
    if (c->limitClause()) throw Unsupported("GROUP_CONCAT ... LIMIT");
    return f;
  }
  auto over = [this](P::OverClauseContext* o) -> std::unique_ptr<ast::WindowSpec> {
    if (!o) return nullptr;
    if (o->identifier()) {
      auto w = std::make_unique<ast::WindowSpec>();
      w->name = Identifier(o->identifier());
      return w;
    }
    return std::make_unique<ast::WindowSpec>(Window(o->windowSpec()));
  };
  if (auto* c = Alt<P::StarCallContext>(ctx)) {
    auto* fn = c->functionName();
    f->name = fn->identifier() ? Identifier(fn->identifier()) : fn->getText();
    f->star = true;
    f->over = over(c->overClause());
    return f;
  }
  if (auto* c = Alt<P::PlainCallContext>(ctx)) {
    auto* fn = c->functionName();
    f->name = fn->identifier() ? Identifier(fn->identifier()) : fn->getText();
    if (c->withinGroup()) throw Unsupported(Upper(fn->getText()) + " ... WITHIN GROUP");
    f->args = Exprs(Subs<P::ExprContext>(c, P::RuleExpr));
    if (c->USING()) {
      // CHAR(n, ... USING charset); MariaDB has no other call of this form.
      if (Upper(f->name) != "CHAR" || !fn->identifier()) {
        throw Unsupported("USING in a call of " + f->name);
      }
      if (c->ALL() || c->DISTINCT() || f->args.empty() || c->overClause()) {
        throw Unsupported("CHAR(... USING) with DISTINCT, ALL, OVER or no arguments");
      }
      f->form = ast::CallForm::kCharUsing;
      f->keyword = CharsetName(c->charsetName());
      return f;
    }
    f->distinct = c->DISTINCT() != nullptr;
    f->over = over(c->overClause());
    return f;
  }
  if (auto* c = Alt<P::QualifiedCallContext>(ctx)) {
    f->qualifier = Identifier(c->identifier());
    f->name = DotIdentifier(c->dotIdentifier());
    f->args = Exprs(c->expr());
    return f;
  }
  auto* c = static_cast<P::NiladicCallContext*>(ctx);
  f->name = Upper(c->name->getText());
  if (auto* n = c->INT_NUM())
    f->args.push_back(std::make_unique<ast::Literal>(ast::LiteralKind::kInt, n->getText()));
  return f;
}

ast::WindowSpec Transformer::Window(P::WindowSpecContext* ctx) {
  ast::WindowSpec w;
  w.partition_by = Exprs(ctx->expr());
  if (ctx->orderByClause()) w.order_by = OrderBy(ctx->orderByClause());
  if (auto* frame = ctx->windowFrame()) {
    // The frame is kept as canonical text: unit, bounds in upper case and
    // their value expressions formatted.
    auto bound = [this](P::FrameBoundContext* b) {
      if (b->UNBOUNDED())
        return std::string("UNBOUNDED ") + (b->PRECEDING() ? "PRECEDING" : "FOLLOWING");
      if (b->CURRENT()) return std::string("CURRENT ROW");
      return FormatExpr(*BitExpr(b->bitExpr())) + (b->PRECEDING() ? " PRECEDING" : " FOLLOWING");
    };
    w.frame = Upper(frame->unit->getText()) + ' ';
    auto bounds = frame->frameBound();
    if (frame->BETWEEN()) {
      w.frame += "BETWEEN " + bound(bounds[0]) + " AND " + bound(bounds[1]);
    } else {
      w.frame += bound(bounds[0]);
    }
    if (frame->EXCLUDE()) {
      w.frame += " EXCLUDE ";
      w.frame += frame->ROW()     ? "CURRENT ROW"
                 : frame->GROUP() ? "GROUP"
                 : frame->TIES()  ? "TIES"
                                  : "NO OTHERS";
    }
  }
  return w;
}

}  // namespace tessera::sql::transform
