// Column definitions: type aliases and widths, charset inheritance, defaults.
#include <cctype>

#include "common/ascii.h"
#include "schema/model/charset.h"
#include "schema/model/errors.h"
#include "schema/model/from_ast.h"
#include "sqlparser/format.h"

namespace tessera::schema::from_ast {

namespace ast = sql::ast;

namespace {
// Optional sign, digits with at most one '.', optional exponent.
bool IsNumberText(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  bool digits = false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      digits = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (!digits) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

bool IsNumberLiteral(const ast::Expr& e) {
  if (e.kind() != ast::ExprKind::kLiteral) return false;
  const auto t = e.As<ast::Literal>().type;
  return t == ast::LiteralKind::kInt || t == ast::LiteralKind::kDecimal ||
         t == ast::LiteralKind::kFloat;
}

// CURRENT_TIMESTAMP, NOW(), LOCALTIME(n), ... -> "current_timestamp()" / "current_timestamp(n)".
std::optional<std::string> CurrentTimestampText(const ast::Expr& e) {
  std::string name;
  const ast::Expr* precision = nullptr;
  if (e.kind() == ast::ExprKind::kFuncCall) {
    const auto& f = e.As<ast::FuncCall>();
    if (!f.qualifier.empty() || f.args.size() > 1) return std::nullopt;
    name = AsciiLower(f.name);
    if (!f.args.empty()) precision = f.args[0].get();
  } else if (e.kind() == ast::ExprKind::kColumn) {
    const auto& c = e.As<ast::ColumnRef>();
    if (!c.table.empty()) return std::nullopt;
    name = AsciiLower(c.name);
  } else {
    return std::nullopt;
  }
  if (name != "current_timestamp" && name != "now" && name != "localtime" &&
      name != "localtimestamp") {
    return std::nullopt;
  }
  if (!precision) return "current_timestamp()";
  if (precision->kind() != ast::ExprKind::kLiteral ||
      precision->As<ast::Literal>().type != ast::LiteralKind::kInt) {
    return std::nullopt;
  }
  const std::string& digits = precision->As<ast::Literal>().text;
  return digits == "0" ? "current_timestamp()" : "current_timestamp(" + digits + ")";
}

void NormalizeType(Column& c, std::string_view parsed_name) {
  const std::string upper_alias = AsciiLower(parsed_name);
  if (upper_alias == "bool" || upper_alias == "boolean") {
    c.length = 1;
    c.scale.reset();
  }
  if (c.zerofill) c.is_unsigned = true;
  if (!IsNumericType(c.type)) {
    c.is_unsigned = false;
    c.zerofill = false;
  }
  if (IsIntegerType(c.type) && !c.zerofill && !(c.type == "tinyint" && c.length == 1u)) {
    c.length.reset();
  }
  if (c.type == "decimal") {
    if (!c.length) c.length = 10;
    if (!c.scale) c.scale = 0;
  }
  if ((c.type == "char" || c.type == "binary" || c.type == "bit") && !c.length) c.length = 1;
  if (c.type == "year" && c.length == 4u) c.length.reset();
  if ((c.type == "time" || c.type == "datetime" || c.type == "timestamp") && c.length == 0u) {
    c.length.reset();
  }
}

void ResolveCharset(Column& c, const ast::DataType& type, const CharsetDefaults& defaults) {
  if (!c.IsTextual()) return;
  std::string charset = CanonicalCharset(type.charset);
  std::string collation = CanonicalCollation(type.collation);
  const bool binary_flag = collation == "binary" && charset != "binary";
  if (binary_flag) collation.clear();
  if (charset.empty() && !collation.empty()) charset = CharsetOfCollation(collation);
  if (charset.empty()) {
    charset = defaults.charset;
    if (collation.empty()) collation = defaults.collation;
  } else if (collation.empty()) {
    collation = DefaultCollation(charset);
  }
  if (binary_flag && !charset.empty()) collation = charset + "_bin";
  c.charset = std::move(charset);
  c.collation = std::move(collation);
}
}  // namespace

Result<std::optional<std::string>> DefaultText(const ast::Expr& e, const Column& column) {
  if (e.kind() == ast::ExprKind::kLiteral && e.As<ast::Literal>().type == ast::LiteralKind::kNull) {
    if (!column.nullable) {
      return SchemaError(schema_errno::kInvalidDefault,
                         "Invalid default value for '" + column.name + "'");
    }
    return std::optional<std::string>();
  }
  if (auto now = CurrentTimestampText(e)) return std::optional<std::string>(*now);
  const bool numeric = IsNumericType(column.type) && column.type != "bit";
  if (e.kind() == ast::ExprKind::kLiteral) {
    const auto& lit = e.As<ast::Literal>();
    if (lit.type == ast::LiteralKind::kTrue || lit.type == ast::LiteralKind::kFalse) {
      const char* digit = lit.type == ast::LiteralKind::kTrue ? "1" : "0";
      return std::optional<std::string>(numeric ? digit : sql::QuoteString(digit));
    }
    if (numeric && lit.type == ast::LiteralKind::kString && IsNumberText(lit.text)) {
      return std::optional<std::string>(lit.text);
    }
    if (!numeric && IsNumberLiteral(e)) {
      return std::optional<std::string>(sql::QuoteString(lit.text));
    }
    return std::optional<std::string>(sql::FormatExpr(e));
  }
  if (e.kind() == ast::ExprKind::kUnary && e.As<ast::UnaryExpr>().op == ast::UnaryOp::kMinus &&
      e.As<ast::UnaryExpr>().operand && IsNumberLiteral(*e.As<ast::UnaryExpr>().operand)) {
    const std::string text = "-" + e.As<ast::UnaryExpr>().operand->As<ast::Literal>().text;
    return std::optional<std::string>(numeric ? text : sql::QuoteString(text));
  }
  if (e.kind() == ast::ExprKind::kFuncCall) return std::optional<std::string>(sql::FormatExpr(e));
  return std::optional<std::string>("(" + sql::FormatExpr(e) + ")");
}

Result<Column> ColumnFromAst(const ast::ColumnDef& def, const CharsetDefaults& defaults) {
  Column c;
  c.name = def.name;
  c.type = CanonicalTypeName(def.type.name);
  c.length = def.type.length;
  c.scale = def.type.scale;
  c.values = def.type.values;
  c.is_unsigned = def.type.is_unsigned;
  c.zerofill = def.type.zerofill;
  NormalizeType(c, def.type.name);
  ResolveCharset(c, def.type, defaults);
  c.nullable = def.nullable.value_or(true);
  if (def.key == ast::ColumnKey::kPrimary) c.nullable = false;
  c.auto_increment = def.auto_increment;
  c.comment = def.comment.value_or("");
  if (def.generated) {
    c.generated = sql::FormatExpr(*def.generated);
    c.generated_stored = def.generated_stored;
  }
  if (def.default_value) {
    auto text = DefaultText(*def.default_value, c);
    if (!text.ok()) return std::move(text).error();
    c.default_value = std::move(text).value();
  }
  if (def.on_update) {
    auto now = CurrentTimestampText(*def.on_update);
    c.on_update = now ? *now : sql::FormatExpr(*def.on_update);
  }
  return c;
}

}  // namespace tessera::schema::from_ast
