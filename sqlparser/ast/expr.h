// SQL expressions. Every node derives from Expr and carries its ExprKind, so a
// consumer switches on kind() and downcasts with As<T>(). Children are owned.
// Clone() deep-copies a subtree (subqueries included).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sqlparser/ast/node.h"

namespace tessera::sql::ast {

enum class ExprKind {
  kColumn,
  kLiteral,
  kPlaceholder,  // ?
  kBindVar,      // :name
  kUnary,
  kBinary,
  kIs,
  kBetween,
  kIn,
  kFuncCall,
  kCase,
  kSubquery,
  kExists,
  kInterval,
  kCast,
  kVariable,    // @x, @@x
  kDefault,     // DEFAULT or DEFAULT(col)
  kValues,      // VALUES(col) in ON DUPLICATE KEY UPDATE
  kTuple,       // (a, b) row constructor
  kCollate,     // expr COLLATE name
  kAssign,      // @x := value
  kQuantified,  // expr op ANY|SOME|ALL (subquery)
};

struct Expr {
  explicit Expr(ExprKind k) : kind_(k) {}
  virtual ~Expr() = default;

  ExprKind kind() const { return kind_; }
  virtual ExprPtr Clone() const = 0;

  template <class T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

 protected:
  // Derived leaf nodes (ColumnRef) stay copyable/movable by value; Clone()
  // is the way to copy through a base pointer.
  Expr(const Expr&) = default;
  Expr(Expr&&) = default;
  Expr& operator=(const Expr&) = default;
  Expr& operator=(Expr&&) = default;

 private:
  ExprKind kind_;
};

// [qualifier.]name; `table` is the qualifying table (itself possibly
// qualified by a keyspace), empty when the column is bare.
struct ColumnRef : Expr {
  ColumnRef() : Expr(ExprKind::kColumn) {}
  ColumnRef(TableName t, std::string n)
      : Expr(ExprKind::kColumn), table(std::move(t)), name(std::move(n)) {}
  TableName table;
  std::string name;
  ExprPtr Clone() const override;
};

enum class LiteralKind {
  kInt,        // 42 (text holds the digits; sign is a UnaryExpr)
  kDecimal,    // 1.5
  kFloat,      // 1e3
  kString,     // 'abc' (text is the unescaped value)
  kHexString,  // X'0aff' (text holds the hex digits only)
  kHexNum,     // 0x0aff (text holds the hex digits only)
  kBit,        // b'0101' or 0b0101 (text holds the binary digits only)
  kNull,
  kTrue,
  kFalse,
  kDate,       // DATE 'yyyy-mm-dd' (text is the quoted value, unescaped)
  kTime,       // TIME '...'
  kTimestamp,  // TIMESTAMP '...'
};

struct Literal : Expr {
  Literal() : Expr(ExprKind::kLiteral) {}
  Literal(LiteralKind k, std::string t) : Expr(ExprKind::kLiteral), type(k), text(std::move(t)) {}
  LiteralKind type = LiteralKind::kNull;
  std::string text;
  std::string charset;  // string introducer without the underscore (_utf8mb4'x'), may be empty
  ExprPtr Clone() const override;
};

// `?` in the statement text; `index` is its 0-based position among all `?`.
struct Placeholder : Expr {
  Placeholder() : Expr(ExprKind::kPlaceholder) {}
  int index = 0;
  ExprPtr Clone() const override;
};

// `:name` (the normalizer writes `:v1`, `:v2`, ...). `name` excludes the colon.
struct BindVar : Expr {
  BindVar() : Expr(ExprKind::kBindVar) {}
  explicit BindVar(std::string n) : Expr(ExprKind::kBindVar), name(std::move(n)) {}
  std::string name;
  ExprPtr Clone() const override;
};

enum class UnaryOp {
  kNot,         // NOT x
  kLogicalNot,  // !x
  kMinus,       // -x
  kPlus,        // +x
  kBitInvert,   // ~x
  kBinary,      // BINARY x
};

struct UnaryExpr : Expr {
  UnaryExpr() : Expr(ExprKind::kUnary) {}
  UnaryOp op = UnaryOp::kNot;
  ExprPtr operand;
  ExprPtr Clone() const override;
};

enum class BinaryOp {
  kOr,
  kXor,
  kAnd,
  kEq,
  kNullSafeEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kLike,
  kNotLike,
  kRegexp,
  kNotRegexp,
  kBitOr,
  kBitAnd,
  kBitXor,
  kShiftLeft,
  kShiftRight,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kIntDiv,
  kMod,
  kJsonExtract,         // ->
  kJsonUnquoteExtract,  // ->>
};

struct BinaryExpr : Expr {
  BinaryExpr() : Expr(ExprKind::kBinary) {}
  BinaryExpr(BinaryOp o, ExprPtr l, ExprPtr r)
      : Expr(ExprKind::kBinary), op(o), left(std::move(l)), right(std::move(r)) {}
  BinaryOp op = BinaryOp::kEq;
  ExprPtr left;
  ExprPtr right;
  ExprPtr escape;  // LIKE ... ESCAPE x; null otherwise
  ExprPtr Clone() const override;
};

enum class IsTest { kNull, kTrue, kFalse, kUnknown };

// expr IS [NOT] NULL|TRUE|FALSE|UNKNOWN
struct IsExpr : Expr {
  IsExpr() : Expr(ExprKind::kIs) {}
  ExprPtr operand;
  IsTest test = IsTest::kNull;
  bool negated = false;
  ExprPtr Clone() const override;
};

struct BetweenExpr : Expr {
  BetweenExpr() : Expr(ExprKind::kBetween) {}
  ExprPtr operand;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
  ExprPtr Clone() const override;
};

struct Subquery;

// expr [NOT] IN (list) or expr [NOT] IN (subquery): exactly one of `list`
// (non-empty) and `subquery` is set.
struct InExpr : Expr {
  InExpr() : Expr(ExprKind::kIn) {}
  ~InExpr() override;
  ExprPtr operand;
  std::vector<ExprPtr> list;
  std::unique_ptr<Subquery> subquery;
  bool negated = false;
  ExprPtr Clone() const override;
};

struct OrderItem {
  ExprPtr expr;
  bool desc = false;
};

// Window specification of `f(...) OVER (...)`; `name` set for `OVER w`.
struct WindowSpec {
  std::string name;
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  std::string frame;  // frame clause text as written (ROWS BETWEEN ...), may be empty
};

// The special argument syntaxes of some built-in functions.
enum class CallForm {
  kPlain,    // name(args)
  kExtract,  // EXTRACT(keyword FROM args[0]); keyword is the unit
  kTrim,     // TRIM([keyword] [args[0]] FROM args.back()); keyword LEADING/TRAILING/BOTH or ""
  kSubstringFrom,  // SUBSTRING(args[0] FROM args[1] [FOR args[2]])
  kPosition,       // POSITION(args[0] IN args[1])
  kMatch,          // MATCH(args[0..n-2]) AGAINST (args.back() [keyword]); keyword is the modifier
  kCharUsing,      // CHAR(args USING keyword)
};

// name(args). COUNT(*) has star=true and no args. GROUP_CONCAT keeps its
// ORDER BY and SEPARATOR. `name` keeps the spelling of the statement.
struct FuncCall : Expr {
  FuncCall() : Expr(ExprKind::kFuncCall) {}
  ~FuncCall() override;
  std::string qualifier;  // db.func(...) form, usually empty
  std::string name;
  std::vector<ExprPtr> args;
  bool distinct = false;
  bool star = false;
  std::vector<OrderItem> order_by;  // GROUP_CONCAT(... ORDER BY ...)
  bool has_separator = false;
  std::string separator;             // GROUP_CONCAT(... SEPARATOR 's')
  std::unique_ptr<WindowSpec> over;  // window function, null otherwise
  CallForm form = CallForm::kPlain;
  std::string keyword;  // see CallForm
  ExprPtr Clone() const override;
};

struct WhenClause {
  ExprPtr condition;
  ExprPtr result;
};

// CASE [operand] WHEN c THEN r ... [ELSE e] END
struct CaseExpr : Expr {
  CaseExpr() : Expr(ExprKind::kCase) {}
  ExprPtr operand;  // null for the searched form
  std::vector<WhenClause> whens;
  ExprPtr else_result;
  ExprPtr Clone() const override;
};

// (SELECT ...) used as a value; `query` is a SelectStatement or UnionStatement.
struct Subquery : Expr {
  Subquery() : Expr(ExprKind::kSubquery) {}
  ~Subquery() override;
  StatementPtr query;
  ExprPtr Clone() const override;
};

struct ExistsExpr : Expr {
  ExistsExpr() : Expr(ExprKind::kExists) {}
  ~ExistsExpr() override;
  std::unique_ptr<Subquery> subquery;
  ExprPtr Clone() const override;
};

// INTERVAL value unit; `unit` is upper case (DAY, HOUR_MINUTE, ...).
struct IntervalExpr : Expr {
  IntervalExpr() : Expr(ExprKind::kInterval) {}
  ExprPtr value;
  std::string unit;
  ExprPtr Clone() const override;
};

// CAST(x AS type), CONVERT(x, type) or CONVERT(x USING charset).
// `type` is the target type text in upper case ("SIGNED", "CHAR(10)",
// "DECIMAL(10,2)"); `charset` is set (and `type` empty) for the USING form.
struct CastExpr : Expr {
  CastExpr() : Expr(ExprKind::kCast) {}
  ExprPtr operand;
  std::string type;
  std::string charset;
  bool convert_syntax = false;
  ExprPtr Clone() const override;
};

enum class VarScope { kDefault, kSession, kGlobal, kLocal };

// @name (user variable, system=false) or @@[scope.]name (system=true).
struct Variable : Expr {
  Variable() : Expr(ExprKind::kVariable) {}
  bool system = false;
  VarScope scope = VarScope::kDefault;
  std::string name;
  ExprPtr Clone() const override;
};

// DEFAULT, or DEFAULT(column) when `column` is non-empty.
struct DefaultExpr : Expr {
  DefaultExpr() : Expr(ExprKind::kDefault) {}
  std::string column;
  ExprPtr Clone() const override;
};

// VALUES(column) inside ON DUPLICATE KEY UPDATE.
struct ValuesFunc : Expr {
  ValuesFunc() : Expr(ExprKind::kValues) {}
  std::string column;
  ExprPtr Clone() const override;
};

struct TupleExpr : Expr {
  TupleExpr() : Expr(ExprKind::kTuple) {}
  std::vector<ExprPtr> items;
  ExprPtr Clone() const override;
};

struct CollateExpr : Expr {
  CollateExpr() : Expr(ExprKind::kCollate) {}
  ExprPtr operand;
  std::string collation;
  ExprPtr Clone() const override;
};

// @name := value (a user variable assigned inside an expression).
struct AssignExpr : Expr {
  AssignExpr() : Expr(ExprKind::kAssign) {}
  std::string name;  // without the @
  ExprPtr value;
  ExprPtr Clone() const override;
};

// left op ANY|SOME|ALL (subquery); `op` is a comparison.
struct QuantifiedExpr : Expr {
  QuantifiedExpr() : Expr(ExprKind::kQuantified) {}
  ~QuantifiedExpr() override;
  BinaryOp op = BinaryOp::kEq;
  std::string quantifier;  // "ANY", "SOME" or "ALL"
  ExprPtr left;
  std::unique_ptr<Subquery> subquery;
  ExprPtr Clone() const override;
};

// Deep copy helpers that accept null.
ExprPtr CloneExpr(const ExprPtr& e);
std::vector<ExprPtr> CloneExprs(const std::vector<ExprPtr>& v);
std::vector<OrderItem> CloneOrder(const std::vector<OrderItem>& v);
std::unique_ptr<WindowSpec> CloneWindow(const WindowSpec& w);

}  // namespace tessera::sql::ast
