#include "vtgate/planner/having_filter.h"

#include "sqlparser/format.h"
#include "vtgate/planner/route_analysis.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

std::string OperandOf(const ast::Expr& e, FilterOperand& operand, const HavingColumnOf& column_of) {
  const ast::Expr* value = &e;
  if (e.kind() == ast::ExprKind::kUnary && e.As<ast::UnaryExpr>().op == ast::UnaryOp::kMinus) {
    operand.negate = true;
    value = e.As<ast::UnaryExpr>().operand.get();
  }
  if (value->kind() == ast::ExprKind::kBindVar) {
    auto ref = ValueRefOf(*value);
    if (!ref) return "HAVING with bind variable " + sql::FormatExpr(*value);
    operand.value = *ref;
    return "";
  }
  if (value->kind() == ast::ExprKind::kLiteral) {
    const auto& lit = value->As<ast::Literal>();
    if (lit.type == ast::LiteralKind::kInt || lit.type == ast::LiteralKind::kDecimal) {
      operand.value.literal = {lit.type == ast::LiteralKind::kInt ? VindexValue::Kind::kInteger
                                                                  : VindexValue::Kind::kOther,
                               lit.text};
      return "";
    }
    if (lit.type == ast::LiteralKind::kNull && !operand.negate) {
      operand.value.literal = {VindexValue::Kind::kNull, ""};
      return "";
    }
    return "HAVING comparing with " + sql::FormatExpr(*value);
  }
  if (operand.negate) return "HAVING with expression " + sql::FormatExpr(e);
  operand.is_column = true;
  return column_of(e, operand.column);
}

}  // namespace

std::string TranslateHaving(const ast::Expr& e, FilterExpr& out, const HavingColumnOf& column_of) {
  if (e.kind() == ast::ExprKind::kUnary) {
    const auto& unary = e.As<ast::UnaryExpr>();
    if (unary.op == ast::UnaryOp::kNot || unary.op == ast::UnaryOp::kLogicalNot) {
      out.kind = FilterExpr::Kind::kNot;
      return TranslateHaving(*unary.operand, out.children.emplace_back(), column_of);
    }
  }
  if (e.kind() == ast::ExprKind::kIs) {
    const auto& is = e.As<ast::IsExpr>();
    if (is.test != ast::IsTest::kNull) return "HAVING with IS TRUE / FALSE / UNKNOWN";
    out.kind = is.negated ? FilterExpr::Kind::kIsNotNull : FilterExpr::Kind::kIsNull;
    return OperandOf(*is.operand, out.left, column_of);
  }
  if (e.kind() != ast::ExprKind::kBinary) {
    return "HAVING condition " + sql::FormatExpr(e);
  }
  const auto& binary = e.As<ast::BinaryExpr>();
  switch (binary.op) {
    case ast::BinaryOp::kAnd:
    case ast::BinaryOp::kOr: {
      out.kind = binary.op == ast::BinaryOp::kAnd ? FilterExpr::Kind::kAnd : FilterExpr::Kind::kOr;
      auto error = TranslateHaving(*binary.left, out.children.emplace_back(), column_of);
      if (!error.empty()) return error;
      return TranslateHaving(*binary.right, out.children.emplace_back(), column_of);
    }
    case ast::BinaryOp::kEq:
      out.op = CompareOp::kEq;
      break;
    case ast::BinaryOp::kNullSafeEq:
      out.op = CompareOp::kNullSafeEq;
      break;
    case ast::BinaryOp::kNe:
      out.op = CompareOp::kNe;
      break;
    case ast::BinaryOp::kLt:
      out.op = CompareOp::kLt;
      break;
    case ast::BinaryOp::kLe:
      out.op = CompareOp::kLe;
      break;
    case ast::BinaryOp::kGt:
      out.op = CompareOp::kGt;
      break;
    case ast::BinaryOp::kGe:
      out.op = CompareOp::kGe;
      break;
    default:
      return "HAVING condition " + sql::FormatExpr(e);
  }
  out.kind = FilterExpr::Kind::kCompare;
  auto error = OperandOf(*binary.left, out.left, column_of);
  if (!error.empty()) return error;
  return OperandOf(*binary.right, out.right, column_of);
}

}  // namespace tessera::vtgate
