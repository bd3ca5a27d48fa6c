#include "vtgate/sql_prepared_statements.h"

#include "common/ascii.h"
#include "sqlparser/format.h"

namespace tessera::vtgate {
namespace ast = sql::ast;

namespace {

constexpr size_t kMaxParams = 0xffff;

Error UnknownHandler(std::string_view name, std::string_view verb) {
  return Error::Make(mysql_errno::kUnknownStmtHandler, "Unknown prepared statement handler (" +
                                                           std::string(name) + ") given to " +
                                                           std::string(verb));
}

// Hex digits as the bytes they spell; "" when they do not (odd count,
// non-hex digit), which cannot happen for a parsed literal.
std::string HexBytes(std::string_view digits) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string padded = digits.size() % 2 == 0 ? std::string(digits) : "0" + std::string(digits);
  std::string out;
  for (size_t i = 0; i < padded.size(); i += 2) {
    int high = nibble(padded[i]), low = nibble(padded[i + 1]);
    if (high < 0 || low < 0) return "";
    out += static_cast<char>(high * 16 + low);
  }
  return out;
}

bool IsNumber(const ast::Literal& literal) {
  return literal.type == ast::LiteralKind::kInt || literal.type == ast::LiteralKind::kDecimal ||
         literal.type == ast::LiteralKind::kFloat;
}

// MariaDB names the column of a selected `?` "?", whatever value it gets.
void NameBarePlaceholderColumns(ast::Statement& stmt) {
  if (stmt.kind() != ast::StatementKind::kSelect) return;
  for (auto& item : stmt.As<ast::SelectStatement>().items) {
    if (item.expr && item.alias.empty() && item.expr->kind() == ast::ExprKind::kPlaceholder)
      item.alias = "?";
  }
}

}  // namespace

Status SqlPreparedStatements::Prepare(std::string_view name, std::string_view text,
                                      sql::Parser& parser) {
  const std::string key = AsciiLower(name);
  statements_.erase(key);
  if (statements_.size() >= max_statements_) {
    return Error::Make(
        mysql_errno::kMaxPreparedStmtCount,
        "Can't create more than max_prepared_stmt_count statements (current value: " +
            std::to_string(max_statements_) + ")");
  }
  auto parsed = parser.Parse(text);
  if (!parsed.ok()) return parsed.error();
  Status preparable = CheckPreparable(**parsed);
  if (!preparable.ok()) return preparable;
  ParsedPreparedStatement entry{std::move(parsed).value(), 0};
  entry.param_count = CountPlaceholders(*entry.stmt);
  NameBarePlaceholderColumns(*entry.stmt);
  if (entry.param_count > kMaxParams) {
    return Error::Make(mysql_errno::kPsManyParam,
                       "Prepared statement contains too many placeholders");
  }
  statements_.emplace(key, std::move(entry));
  return Status::Ok();
}

const ParsedPreparedStatement* SqlPreparedStatements::Find(std::string_view name) const {
  auto it = statements_.find(AsciiLower(name));
  return it == statements_.end() ? nullptr : &it->second;
}

Status SqlPreparedStatements::CheckExecute(std::string_view name, size_t value_count) const {
  const ParsedPreparedStatement* statement = Find(name);
  if (statement == nullptr) return UnknownHandler(name, "EXECUTE");
  if (value_count != statement->param_count)
    return Error::Make(mysql_errno::kWrongArguments, "Incorrect arguments to EXECUTE");
  return Status::Ok();
}

Result<std::string> SqlPreparedStatements::Bind(std::string_view name,
                                                const std::vector<std::string>& literals) const {
  Status checked = CheckExecute(name, literals.size());
  if (!checked.ok()) return checked.error();
  return BindPlaceholders(*Find(name)->stmt, literals);
}

Status SqlPreparedStatements::Deallocate(std::string_view name) {
  if (statements_.erase(AsciiLower(name)) == 0) return UnknownHandler(name, "DEALLOCATE PREPARE");
  return Status::Ok();
}

Status CheckPreparable(const ast::Statement& stmt) {
  const ast::StatementKind kind = stmt.kind();
  if (kind == ast::StatementKind::kPrepare || kind == ast::StatementKind::kExecute ||
      kind == ast::StatementKind::kDeallocate) {
    return Error::Make(mysql_errno::kUnsupportedPs,
                       "This command is not supported in the prepared statement protocol yet");
  }
  return Status::Ok();
}

std::string PreparedTextOf(const std::optional<std::string>& literal, sql::Parser& parser) {
  if (!literal) return "NULL";
  auto parsed = parser.Parse("SELECT " + *literal);
  if (!parsed.ok() || (*parsed)->kind() != ast::StatementKind::kSelect) return *literal;
  const auto& items = (*parsed)->As<ast::SelectStatement>().items;
  if (items.size() != 1 || items[0].expr == nullptr) return *literal;
  const ast::Expr& value = *items[0].expr;
  if (value.kind() != ast::ExprKind::kLiteral) return sql::FormatExpr(value);
  const auto& l = value.As<ast::Literal>();
  switch (l.type) {
    case ast::LiteralKind::kNull:
      return "NULL";
    case ast::LiteralKind::kTrue:
      return "1";
    case ast::LiteralKind::kFalse:
      return "0";
    case ast::LiteralKind::kHexString:
    case ast::LiteralKind::kHexNum:
      return HexBytes(l.text);
    case ast::LiteralKind::kBit:
      return sql::FormatExpr(value);
    default:
      return l.text;  // strings, numbers, and the values of DATE/TIME/TIMESTAMP '...'
  }
}

std::optional<std::string> ParameterLiteral(
    const ast::Expr& value, const std::map<std::string, std::string>& user_variables) {
  switch (value.kind()) {
    case ast::ExprKind::kLiteral:
      return sql::FormatExpr(value);
    case ast::ExprKind::kUnary: {
      const auto& unary = value.As<ast::UnaryExpr>();
      const bool sign = unary.op == ast::UnaryOp::kMinus || unary.op == ast::UnaryOp::kPlus;
      if (sign && unary.operand && unary.operand->kind() == ast::ExprKind::kLiteral &&
          IsNumber(unary.operand->As<ast::Literal>())) {
        return sql::FormatExpr(value);
      }
      return std::nullopt;
    }
    case ast::ExprKind::kVariable: {
      const auto& variable = value.As<ast::Variable>();
      if (variable.system) return std::nullopt;
      auto it = user_variables.find(AsciiLower(variable.name));
      return it == user_variables.end() ? std::string("NULL") : it->second;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace tessera::vtgate
