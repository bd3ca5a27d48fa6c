#include "vtgate/engine/filter.h"

#include <cstdlib>

#include <fmt/format.h>

#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {
namespace {

enum class Truth { kFalse, kTrue, kUnknown };

struct Number {
  bool null = false;
  bool floating = false;
  std::string text;
};

Result<Number> Resolve(const FilterOperand& operand, const ResultSet& rs, const Row& row,
                       const BindValues& binds) {
  Number number;
  if (operand.is_column) {
    const size_t col = operand.column.Resolve(rs.fields.size());
    const Field& field = rs.fields[col];
    if (!row[col].has_value()) {
      number.null = true;
      return number;
    }
    if (!IsNumericType(field.type)) {
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "unsupported: HAVING comparing the non-numeric column '" + field.name +
                             "' across shards");
    }
    number.floating = field.type == FieldType::kFloat || field.type == FieldType::kDouble;
    number.text = *row[col];
    return number;
  }
  const VindexValue& value = operand.value.Resolve(binds);
  switch (value.kind) {
    case VindexValue::Kind::kNull:
      number.null = true;
      return number;
    case VindexValue::Kind::kInteger:
    case VindexValue::Kind::kOther:
      number.text = value.text;
      break;
    case VindexValue::Kind::kString:
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "unsupported: HAVING comparing with a string across shards");
  }
  if (operand.negate) {
    number.text =
        !number.text.empty() && number.text[0] == '-' ? number.text.substr(1) : "-" + number.text;
  }
  return number;
}

bool Holds(CompareOp op, int c) {
  switch (op) {
    case CompareOp::kEq:
    case CompareOp::kNullSafeEq:
      return c == 0;
    case CompareOp::kNe:
      return c != 0;
    case CompareOp::kLt:
      return c < 0;
    case CompareOp::kLe:
      return c <= 0;
    case CompareOp::kGt:
      return c > 0;
    case CompareOp::kGe:
      return c >= 0;
  }
  return false;
}

Truth FromBool(bool b) {
  return b ? Truth::kTrue : Truth::kFalse;
}

Result<Truth> Evaluate(const FilterExpr& expr, const ResultSet& rs, const Row& row,
                       const BindValues& binds) {
  switch (expr.kind) {
    case FilterExpr::Kind::kAnd:
    case FilterExpr::Kind::kOr: {
      const bool is_and = expr.kind == FilterExpr::Kind::kAnd;
      Truth result = is_and ? Truth::kTrue : Truth::kFalse;
      for (const FilterExpr& child : expr.children) {
        auto t = Evaluate(child, rs, row, binds);
        if (!t.ok()) return t;
        if (*t == (is_and ? Truth::kFalse : Truth::kTrue)) return *t;
        if (*t == Truth::kUnknown) result = Truth::kUnknown;
      }
      return result;
    }
    case FilterExpr::Kind::kNot: {
      auto t = Evaluate(expr.children.at(0), rs, row, binds);
      if (!t.ok() || *t == Truth::kUnknown) return t;
      return FromBool(*t == Truth::kFalse);
    }
    case FilterExpr::Kind::kIsNull:
    case FilterExpr::Kind::kIsNotNull: {
      bool null = false;
      if (expr.left.is_column) {
        null = !row[expr.left.column.Resolve(rs.fields.size())].has_value();
      } else {
        null = expr.left.value.Resolve(binds).kind == VindexValue::Kind::kNull;
      }
      return FromBool(null == (expr.kind == FilterExpr::Kind::kIsNull));
    }
    case FilterExpr::Kind::kCompare: {
      auto left = Resolve(expr.left, rs, row, binds);
      if (!left.ok()) return left.error();
      auto right = Resolve(expr.right, rs, row, binds);
      if (!right.ok()) return right.error();
      if (left->null || right->null) {
        if (expr.op != CompareOp::kNullSafeEq) return Truth::kUnknown;
        return FromBool(left->null && right->null);
      }
      int c = 0;
      if (left->floating || right->floating) {
        const double x = std::strtod(left->text.c_str(), nullptr);
        const double y = std::strtod(right->text.c_str(), nullptr);
        c = x < y ? -1 : (x > y ? 1 : 0);
      } else {
        c = CompareDecimalStrings(left->text, right->text);
      }
      return FromBool(Holds(expr.op, c));
    }
  }
  return Truth::kUnknown;
}

std::string_view OpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNullSafeEq:
      return "<=>";
    case CompareOp::kNe:
      return "!=";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
  }
  return "?";
}

std::string OperandText(const FilterOperand& operand) {
  if (operand.is_column) return "[" + operand.column.ToString() + "]";
  std::string text =
      operand.value.bind_index >= 0
          ? ":v" + std::to_string(operand.value.bind_index + 1)
          : (operand.value.literal.kind == VindexValue::Kind::kNull ? std::string("NULL")
                                                                    : operand.value.literal.text);
  return operand.negate ? "-" + text : text;
}

std::string ExprText(const FilterExpr& expr) {
  switch (expr.kind) {
    case FilterExpr::Kind::kAnd:
    case FilterExpr::Kind::kOr: {
      std::string out = "(";
      for (size_t i = 0; i < expr.children.size(); ++i) {
        if (i > 0) out += expr.kind == FilterExpr::Kind::kAnd ? " AND " : " OR ";
        out += ExprText(expr.children[i]);
      }
      return out + ")";
    }
    case FilterExpr::Kind::kNot:
      return "NOT " + ExprText(expr.children.at(0));
    case FilterExpr::Kind::kIsNull:
      return OperandText(expr.left) + " IS NULL";
    case FilterExpr::Kind::kIsNotNull:
      return OperandText(expr.left) + " IS NOT NULL";
    case FilterExpr::Kind::kCompare:
      return fmt::format("{} {} {}", OperandText(expr.left), OpText(expr.op),
                         OperandText(expr.right));
  }
  return "?";
}

}  // namespace

Result<ResultSet> Filter::Apply(ResultSet rs, const FilterExpr& predicate,
                                const BindValues& binds) {
  std::vector<Row> kept;
  for (Row& row : rs.rows) {
    auto truth = Evaluate(predicate, rs, row, binds);
    if (!truth.ok()) return truth.error();
    if (*truth == Truth::kTrue) kept.push_back(std::move(row));
  }
  rs.rows = std::move(kept);
  return rs;
}

boost::asio::awaitable<Result<ResultSet>> Filter::Execute(VCursor& cursor,
                                                          const BindValues& binds) const {
  auto result = co_await child_->Execute(cursor, binds);
  if (!result.ok()) co_return result;
  co_return Apply(std::move(result).value(), predicate_, binds);
}

std::string Filter::Describe(int indent) const {
  return fmt::format("{}Filter {}\n{}", std::string(static_cast<size_t>(indent), ' '),
                     ExprText(predicate_), child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
