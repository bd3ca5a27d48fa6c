#include "vtgate/planner/merge_expressions.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <utility>

#include "common/ascii.h"
#include "sqlparser/ast/walk.h"
#include "sqlparser/format.h"
#include "vtgate/planner/aggregate_names.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

bool ContainsAggregateOrWindow(ast::Expr& expr, bool& window) {
  bool found = false;
  ast::ForEachExprOfQuery(expr, [&](ast::Expr& e) {
    if (e.kind() != ast::ExprKind::kFuncCall) return;
    const auto& call = e.As<ast::FuncCall>();
    if (call.over != nullptr) window = true;
    if (IsAggregateFunction(call.name)) found = true;
  });
  return found;
}

bool ContainsGroupAggregate(ast::Expr& expr) {
  bool found = false;
  ast::ForEachExprOfQuery(expr, [&](ast::Expr& e) {
    if (e.kind() != ast::ExprKind::kFuncCall) return;
    const auto& call = e.As<ast::FuncCall>();
    if (call.over == nullptr && IsAggregateFunction(call.name)) found = true;
  });
  return found;
}

ast::ExprPtr WeightStringOf(const ast::Expr& expr) {
  auto call = std::make_unique<ast::FuncCall>();
  call->name = "WEIGHT_STRING";
  call->args.push_back(expr.Clone());
  return call;
}

ResultColumn HiddenColumns::Append(ast::ExprPtr expr) {
  ast::SelectItem item;
  item.expr = std::move(expr);
  select_.items.push_back(std::move(item));
  appended_.push_back(select_.items.size() - 1);
  return {select_.items.size() - 1, false};
}

ResultColumn HiddenColumns::Fix(ResultColumn column) const {
  if (!star_ || column.from_end) return column;
  for (size_t j = 0; j < appended_.size(); ++j) {
    if (appended_[j] == column.index) return {appended_.size() - j, true};
  }
  return column;
}

std::string MatchText(const ast::Expr& expr) {
  return AsciiLower(sql::FormatExpr(expr));
}

ast::ExprPtr CallOf(std::string name, const ast::Expr& arg) {
  auto call = std::make_unique<ast::FuncCall>();
  call->name = std::move(name);
  call->args.push_back(arg.Clone());
  return call;
}

ast::ExprPtr CountStar() {
  auto call = std::make_unique<ast::FuncCall>();
  call->name = "COUNT";
  call->star = true;
  return call;
}

ast::ExprPtr CastOf(ast::ExprPtr operand, std::string type) {
  auto cast = std::make_unique<ast::CastExpr>();
  cast->operand = std::move(operand);
  cast->type = std::move(type);
  return cast;
}

ast::ExprPtr SystemVariable(std::string name) {
  auto variable = std::make_unique<ast::Variable>();
  variable->system = true;
  variable->name = std::move(name);
  return variable;
}

bool ReadsColumn(ast::Expr& expr) {
  bool found = false;
  ast::ForEachExprOfQuery(expr, [&](ast::Expr& e) {
    if (e.kind() == ast::ExprKind::kColumn) found = true;
  });
  return found;
}

bool HasSubquery(ast::Expr& expr) {
  bool found = false;
  ast::ForEachExprOfQuery(expr, [&](ast::Expr& e) {
    if (ast::NestedQuery(e) != nullptr) found = true;
  });
  return found;
}

bool IsVarianceFunction(const std::string& lower_name) {
  return lower_name == "std" || lower_name == "stddev" || lower_name == "stddev_pop" ||
         lower_name == "stddev_samp" || lower_name == "variance" || lower_name == "var_pop" ||
         lower_name == "var_samp";
}

std::optional<uint64_t> ParseCount(std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

size_t OrdinalValue(const ast::Expr& e) {
  return ParseCount(e.As<ast::Literal>().text).value_or(0);
}

bool IsOrdinal(const ast::Expr& e) {
  return e.kind() == ast::ExprKind::kLiteral && e.As<ast::Literal>().type == ast::LiteralKind::kInt;
}

}  // namespace tessera::vtgate
