// Queries: SELECT, UNION/EXCEPT/INTERSECT and the FROM-clause table refs.
#pragma once

#include <string>
#include <vector>

#include "sqlparser/ast/expr.h"
#include "sqlparser/ast/statement.h"

namespace tessera::sql::ast {

enum class TableRefKind { kTable, kJoin, kDerived };

struct TableRef {
  explicit TableRef(TableRefKind k) : kind_(k) {}
  virtual ~TableRef() = default;
  TableRefKind kind() const { return kind_; }
  virtual std::unique_ptr<TableRef> Clone() const = 0;
  template <class T>
  T& As() {
    return static_cast<T&>(*this);
  }
  template <class T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

 private:
  TableRefKind kind_;
};
using TableRefPtr = std::unique_ptr<TableRef>;

// USE|IGNORE|FORCE INDEX [FOR JOIN|ORDER BY|GROUP BY] (names)
struct IndexHint {
  std::string type;        // "USE", "IGNORE", "FORCE"
  std::string for_clause;  // "", "JOIN", "ORDER BY", "GROUP BY"
  std::vector<std::string> indexes;
};

// A named table in FROM: `db`.`t` [AS] alias [index hints].
struct AliasedTable : TableRef {
  AliasedTable() : TableRef(TableRefKind::kTable) {}
  TableName name;
  std::string alias;  // empty when none
  std::vector<IndexHint> hints;
  std::vector<std::string> partitions;  // PARTITION (p0, p1)
  TableRefPtr Clone() const override;
};

enum class JoinKind {
  kComma,     // a, b
  kInner,     // a [INNER] JOIN b
  kCross,     // a CROSS JOIN b
  kStraight,  // a STRAIGHT_JOIN b
  kLeft,      // a LEFT [OUTER] JOIN b
  kRight,     // a RIGHT [OUTER] JOIN b
  kNatural,   // a NATURAL JOIN b
  kNaturalLeft,
  kNaturalRight,
};

// left JOIN right [ON on | USING (using_columns)].
struct JoinTableRef : TableRef {
  JoinTableRef() : TableRef(TableRefKind::kJoin) {}
  JoinKind join = JoinKind::kInner;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr on;  // null when none
  std::vector<std::string> using_columns;
  TableRefPtr Clone() const override;
};

// (SELECT ...) [AS] alias
struct DerivedTable : TableRef {
  DerivedTable() : TableRef(TableRefKind::kDerived) {}
  ~DerivedTable() override;
  StatementPtr query;  // SelectStatement or UnionStatement
  std::string alias;
  std::vector<std::string> columns;  // optional column aliases: alias(c1, c2)
  TableRefPtr Clone() const override;
};

// One entry of the select list. `expr` is null for `*` / `t.*`; then
// `star_table` holds the optional qualifier.
struct SelectItem {
  ExprPtr expr;
  std::string alias;
  TableName star_table;
  bool is_star() const { return expr == nullptr; }
};

// LIMIT count [OFFSET offset]; absent when count is null.
struct Limit {
  ExprPtr count;
  ExprPtr offset;  // null when none
};

enum class LockMode { kNone, kForUpdate, kShareMode /* LOCK IN SHARE MODE */, kForShare };

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;
  StatementPtr query;
};

// WINDOW name AS (spec) of a query.
struct NamedWindow {
  std::string name;
  WindowSpec spec;
};

struct SelectStatement : Statement {
  StatementKind kind() const override { return StatementKind::kSelect; }
  StatementPtr Clone() const override;

  bool with_recursive = false;
  std::vector<CommonTableExpr> with;  // WITH name AS (...), ...
  bool distinct = false;
  // Other select options in upper case, e.g. SQL_CALC_FOUND_ROWS, SQL_NO_CACHE,
  // STRAIGHT_JOIN, HIGH_PRIORITY.
  std::vector<std::string> options;
  std::vector<SelectItem> items;
  std::vector<TableRefPtr> from;  // comma-separated entries; empty without FROM
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  bool with_rollup = false;
  ExprPtr having;
  std::vector<NamedWindow> windows;  // WINDOW w AS (...), ...
  std::vector<OrderItem> order_by;
  Limit limit;
  LockMode lock = LockMode::kNone;
  std::string lock_wait;  // "NOWAIT", "SKIP LOCKED", "WAIT n" or ""
};

enum class SetOp { kUnion, kExcept, kIntersect };

// parts[0] op1 [ALL] parts[1] ... [ORDER BY] [LIMIT]. Each part's query is a
// SelectStatement or a parenthesised UnionStatement; parts[0].op/all unused.
struct UnionPart {
  SetOp op = SetOp::kUnion;
  bool all = false;
  StatementPtr query;
};

struct UnionStatement : Statement {
  StatementKind kind() const override { return StatementKind::kUnion; }
  StatementPtr Clone() const override;

  std::vector<UnionPart> parts;
  std::vector<OrderItem> order_by;
  Limit limit;
  LockMode lock = LockMode::kNone;
  std::string lock_wait;
};

Limit CloneLimit(const Limit& l);

}  // namespace tessera::sql::ast
