// Expressions, parenthesised by MySQL precedence.
#include <cctype>

#include "sqlparser/format/sql_writer.h"

namespace tessera::sql::format {

namespace {
struct BinaryInfo {
  const char* text;
  int prec;
};

BinaryInfo Info(ast::BinaryOp op) {
  using B = ast::BinaryOp;
  switch (op) {
    case B::kOr:
      return {" OR ", kPrecOr};
    case B::kXor:
      return {" XOR ", kPrecXor};
    case B::kAnd:
      return {" AND ", kPrecAnd};
    case B::kEq:
      return {" = ", kPrecCompare};
    case B::kNullSafeEq:
      return {" <=> ", kPrecCompare};
    case B::kNe:
      return {" != ", kPrecCompare};
    case B::kLt:
      return {" < ", kPrecCompare};
    case B::kLe:
      return {" <= ", kPrecCompare};
    case B::kGt:
      return {" > ", kPrecCompare};
    case B::kGe:
      return {" >= ", kPrecCompare};
    case B::kLike:
      return {" LIKE ", kPrecCompare};
    case B::kNotLike:
      return {" NOT LIKE ", kPrecCompare};
    case B::kRegexp:
      return {" REGEXP ", kPrecCompare};
    case B::kNotRegexp:
      return {" NOT REGEXP ", kPrecCompare};
    case B::kBitOr:
      return {" | ", kPrecBitOr};
    case B::kBitAnd:
      return {" & ", kPrecBitAnd};
    case B::kBitXor:
      return {" ^ ", kPrecBitXor};
    case B::kShiftLeft:
      return {" << ", kPrecShift};
    case B::kShiftRight:
      return {" >> ", kPrecShift};
    case B::kAdd:
      return {" + ", kPrecAdd};
    case B::kSub:
      return {" - ", kPrecAdd};
    case B::kMul:
      return {" * ", kPrecMul};
    case B::kDiv:
      return {" / ", kPrecMul};
    case B::kIntDiv:
      return {" DIV ", kPrecMul};
    case B::kMod:
      return {" % ", kPrecMul};
    case B::kJsonExtract:
      return {"->", kPrecCollate};
    case B::kJsonUnquoteExtract:
      return {"->>", kPrecCollate};
  }
  return {" ? ", kPrecAtom};
}

bool IsPredicateOp(ast::BinaryOp op) {
  using B = ast::BinaryOp;
  return op == B::kLike || op == B::kNotLike || op == B::kRegexp || op == B::kNotRegexp;
}

const char* ScopePrefix(ast::VarScope s) {
  switch (s) {
    case ast::VarScope::kGlobal:
      return "GLOBAL.";
    case ast::VarScope::kSession:
      return "SESSION.";
    case ast::VarScope::kLocal:
      return "LOCAL.";
    default:
      return "";
  }
}
}  // namespace

int SqlWriter::PrecedenceOf(const ast::Expr& e) {
  switch (e.kind()) {
    case ast::ExprKind::kBinary:
      return Info(e.As<ast::BinaryExpr>().op).prec;
    case ast::ExprKind::kUnary:
      return e.As<ast::UnaryExpr>().op == ast::UnaryOp::kNot ? kPrecNot : kPrecUnary;
    case ast::ExprKind::kIs:
    case ast::ExprKind::kBetween:
    case ast::ExprKind::kIn:
    case ast::ExprKind::kQuantified:
      return kPrecCompare;
    case ast::ExprKind::kAssign:
      return 0;  // := binds loosest of all
    case ast::ExprKind::kCollate:
      return kPrecCollate;
    default:
      return kPrecAtom;
  }
}

void SqlWriter::Expr(const ast::Expr& e, int min_prec) {
  if (PrecedenceOf(e) < min_prec) {
    out_ += '(';
    ExprBody(e);
    out_ += ')';
  } else {
    ExprBody(e);
  }
}

void SqlWriter::Exprs(const std::vector<ast::ExprPtr>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out_ += ", ";
    Expr(*list[i]);
  }
}

void SqlWriter::ExprBody(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind()) {
    case K::kColumn: {
      const auto& c = e.As<ast::ColumnRef>();
      if (!c.table.name.empty()) {
        Table(c.table);
        out_ += '.';
      }
      Ident(c.name);
      return;
    }
    case K::kLiteral: {
      const auto& l = e.As<ast::Literal>();
      using L = ast::LiteralKind;
      switch (l.type) {
        case L::kInt:
        case L::kDecimal:
        case L::kFloat:
          out_ += l.text;
          return;
        case L::kString:
          if (!l.charset.empty()) out_ += '_' + l.charset;
          out_ += QuoteString(l.text);
          return;
        case L::kHexString:
          if (!l.charset.empty()) out_ += '_' + l.charset + ' ';
          out_ += "X'" + l.text + "'";
          return;
        case L::kHexNum:
          out_ += "0x" + l.text;
          return;
        case L::kBit:
          if (!l.charset.empty()) out_ += '_' + l.charset + ' ';
          out_ += "b'" + l.text + "'";
          return;
        case L::kNull:
          out_ += "NULL";
          return;
        case L::kTrue:
          out_ += "TRUE";
          return;
        case L::kFalse:
          out_ += "FALSE";
          return;
        case L::kDate:
          out_ += "DATE " + QuoteString(l.text);
          return;
        case L::kTime:
          out_ += "TIME " + QuoteString(l.text);
          return;
        case L::kTimestamp:
          out_ += "TIMESTAMP " + QuoteString(l.text);
          return;
      }
      return;
    }
    case K::kPlaceholder:
      out_ += options_.placeholder ? options_.placeholder(e.As<ast::Placeholder>()) : "?";
      return;
    case K::kBindVar: {
      const auto& b = e.As<ast::BindVar>();
      out_ += options_.bind_var ? options_.bind_var(b) : ":" + b.name;
      return;
    }
    case K::kUnary: {
      const auto& u = e.As<ast::UnaryExpr>();
      switch (u.op) {
        case ast::UnaryOp::kNot:
          out_ += "NOT ";
          Expr(*u.operand, kPrecNot);
          return;
        case ast::UnaryOp::kLogicalNot:
          out_ += '!';
          break;
        case ast::UnaryOp::kMinus:
          out_ += '-';
          break;
        case ast::UnaryOp::kPlus:
          out_ += '+';
          break;
        case ast::UnaryOp::kBitInvert:
          out_ += '~';
          break;
        case ast::UnaryOp::kBinary:
          out_ += "BINARY ";
          break;
      }
      // Keep "- -x" apart: "--" could start a comment.
      const size_t mark = out_.size();
      Expr(*u.operand, kPrecUnary);
      if (out_.size() > mark && (out_[mark] == '-' || out_[mark] == '+')) out_.insert(mark, " ");
      return;
    }
    case K::kBinary: {
      const auto& b = e.As<ast::BinaryExpr>();
      const auto info = Info(b.op);
      if (IsPredicateOp(b.op)) {
        Expr(*b.left, kPrecBitOr);
        out_ += info.text;
        Expr(*b.right, kPrecBitOr);
        if (b.escape) {
          out_ += " ESCAPE ";
          Expr(*b.escape, kPrecAtom);
        }
        return;
      }
      Expr(*b.left, info.prec);
      out_ += info.text;
      Expr(*b.right, info.prec + 1);
      return;
    }
    case K::kIs: {
      const auto& is = e.As<ast::IsExpr>();
      Expr(*is.operand, kPrecCompare);
      out_ += is.negated ? " IS NOT " : " IS ";
      static const char* const kTests[] = {"NULL", "TRUE", "FALSE", "UNKNOWN"};
      out_ += kTests[static_cast<int>(is.test)];
      return;
    }
    case K::kBetween: {
      const auto& b = e.As<ast::BetweenExpr>();
      Expr(*b.operand, kPrecBitOr);
      out_ += b.negated ? " NOT BETWEEN " : " BETWEEN ";
      Expr(*b.low, kPrecBitOr);
      out_ += " AND ";
      Expr(*b.high, kPrecBitOr);
      return;
    }
    case K::kIn: {
      const auto& in = e.As<ast::InExpr>();
      Expr(*in.operand, kPrecBitOr);
      out_ += in.negated ? " NOT IN (" : " IN (";
      if (in.subquery) {
        Query(*in.subquery->query);
      } else {
        Exprs(in.list);
      }
      out_ += ')';
      return;
    }
    case K::kFuncCall: {
      const auto& f = e.As<ast::FuncCall>();
      if (!f.qualifier.empty()) {
        Ident(f.qualifier);
        out_ += '.';
      }
      // Function names are written as given; keyword-named functions (IF,
      // LEFT, ...) are accepted by the grammar in call position.
      bool plain = !f.name.empty();
      for (char ch : f.name)
        plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '$');
      out_ += plain ? f.name : QuoteIdentifier(f.name);
      out_ += '(';
      if (f.form != ast::CallForm::kPlain) {
        SpecialCallArgs(f);
        out_ += ')';
        return;
      }
      if (f.distinct) out_ += "DISTINCT ";
      if (f.star) out_ += '*';
      Exprs(f.args);
      if (!f.order_by.empty()) {
        out_ += ' ';
        OrderBy(f.order_by);
      }
      if (f.has_separator) out_ += " SEPARATOR " + QuoteString(f.separator);
      out_ += ')';
      if (f.over) {
        out_ += " OVER ";
        if (!f.over->name.empty()) {
          Ident(f.over->name);
        } else {
          out_ += '(';
          Window(*f.over);
          out_ += ')';
        }
      }
      return;
    }
    case K::kCase: {
      const auto& c = e.As<ast::CaseExpr>();
      out_ += "CASE";
      if (c.operand) {
        out_ += ' ';
        Expr(*c.operand);
      }
      for (const auto& w : c.whens) {
        out_ += " WHEN ";
        Expr(*w.condition);
        out_ += " THEN ";
        Expr(*w.result);
      }
      if (c.else_result) {
        out_ += " ELSE ";
        Expr(*c.else_result);
      }
      out_ += " END";
      return;
    }
    case K::kSubquery:
      out_ += '(';
      Query(*e.As<ast::Subquery>().query);
      out_ += ')';
      return;
    case K::kExists:
      out_ += "EXISTS (";
      Query(*e.As<ast::ExistsExpr>().subquery->query);
      out_ += ')';
      return;
    case K::kInterval: {
      const auto& i = e.As<ast::IntervalExpr>();
      out_ += "INTERVAL ";
      Expr(*i.value, kPrecAtom);
      out_ += ' ' + i.unit;
      return;
    }
    case K::kCast: {
      const auto& c = e.As<ast::CastExpr>();
      out_ += c.convert_syntax ? "CONVERT(" : "CAST(";
      Expr(*c.operand);
      if (!c.charset.empty()) {
        out_ += " USING ";
        Ident(c.charset);
      } else {
        out_ += c.convert_syntax ? ", " : " AS ";
        out_ += c.type;
      }
      out_ += ')';
      return;
    }
    case K::kVariable: {
      const auto& v = e.As<ast::Variable>();
      if (v.system && options_.system_var) {
        std::string value = options_.system_var(v);
        if (!value.empty()) {
          out_ += value;
          return;
        }
      }
      if (v.system) {
        out_ += "@@";
        out_ += ScopePrefix(v.scope);
        out_ += v.name;
      } else if (options_.user_var) {
        out_ += options_.user_var(v);
      } else {
        UserVariable(v.name);
      }
      return;
    }
    case K::kDefault: {
      const auto& d = e.As<ast::DefaultExpr>();
      out_ += "DEFAULT";
      if (!d.column.empty()) {
        out_ += '(';
        Ident(d.column);
        out_ += ')';
      }
      return;
    }
    case K::kValues:
      out_ += "VALUES(";
      Ident(e.As<ast::ValuesFunc>().column);
      out_ += ')';
      return;
    case K::kTuple:
      out_ += '(';
      Exprs(e.As<ast::TupleExpr>().items);
      out_ += ')';
      return;
    case K::kCollate: {
      const auto& c = e.As<ast::CollateExpr>();
      Expr(*c.operand, kPrecCollate);
      out_ += " COLLATE ";
      Ident(c.collation);
      return;
    }
    case K::kAssign: {
      const auto& a = e.As<ast::AssignExpr>();
      UserVariable(a.name);
      out_ += " := ";
      Expr(*a.value);
      return;
    }
    case K::kQuantified: {
      const auto& q = e.As<ast::QuantifiedExpr>();
      Expr(*q.left, kPrecCompare);
      out_ += Info(q.op).text;  // spaced: " > "
      out_ += q.quantifier + " (";
      Query(*q.subquery->query);
      out_ += ')';
      return;
    }
  }
}

void SqlWriter::Window(const ast::WindowSpec& w) {
  const char* sep = "";
  if (!w.partition_by.empty()) {
    out_ += "PARTITION BY ";
    Exprs(w.partition_by);
    sep = " ";
  }
  if (!w.order_by.empty()) {
    out_ += sep;
    OrderBy(w.order_by);
    sep = " ";
  }
  if (!w.frame.empty()) {
    out_ += sep;
    out_ += w.frame;
  }
}

void SqlWriter::SpecialCallArgs(const ast::FuncCall& f) {
  using F = ast::CallForm;
  switch (f.form) {
    case F::kPlain:
      return;
    case F::kExtract:
      out_ += f.keyword + " FROM ";
      Expr(*f.args[0]);
      return;
    case F::kTrim:
      if (!f.keyword.empty()) out_ += f.keyword + ' ';
      if (f.args.size() > 1) {
        Expr(*f.args[0]);
        out_ += ' ';
      }
      out_ += "FROM ";
      Expr(*f.args.back());
      return;
    case F::kSubstringFrom:
      Expr(*f.args[0]);
      out_ += " FROM ";
      Expr(*f.args[1]);
      if (f.args.size() > 2) {
        out_ += " FOR ";
        Expr(*f.args[2]);
      }
      return;
    case F::kPosition:
      Expr(*f.args[0], kPrecBitOr);
      out_ += " IN ";
      Expr(*f.args[1]);
      return;
    case F::kMatch:
      for (size_t i = 0; i + 1 < f.args.size(); ++i) {
        if (i) out_ += ", ";
        Expr(*f.args[i]);
      }
      out_ += ") AGAINST (";
      Expr(*f.args.back(), kPrecBitOr);
      if (!f.keyword.empty()) out_ += ' ' + f.keyword;
      return;
    case F::kCharUsing:
      Exprs(f.args);
      out_ += " USING " + f.keyword;
      return;
  }
}

}  // namespace tessera::sql::format
