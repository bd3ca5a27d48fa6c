// Transformer: ANTLR parse tree (generated MySqlParser contexts) -> our AST.
// Internal to sqlparser/transform/: the only place that sees generated types.
// One transform_*.cc file per statement family implements its methods.
// Recognised but unsupported constructs throw Unsupported, which the parse
// driver turns into error 1235.
#pragma once

#include <stdexcept>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include "MySqlParser.h"
#include "sqlparser/ast/ast.h"

namespace tessera::sql::transform {

using P = tessera_sql::MySqlParser;

// The labelled alternative `ctx` is, when it is a T, else null. Labelled
// alternatives are leaf classes, so an exact type test is enough; it is much
// cheaper than dynamic_cast on the transform's hot path (a chain of failed
// dynamic_casts walked the class hierarchy comparing type names).
template <class T, class C>
T* Alt(C* ctx) {
  return ctx != nullptr && typeid(*ctx) == typeid(T) ? static_cast<T*>(ctx) : nullptr;
}

// The rule (P::RuleXxx) that made parse-tree node `t`, or -1 for a token.
// A virtual call and a type-name test instead of the generated accessors'
// dynamic_cast of every child (a fifth of a cold parse when they were used).
inline long RuleOf(antlr4::tree::ParseTree* t) {
  const std::type_info& type = typeid(*t);
  if (type == typeid(antlr4::tree::TerminalNodeImpl) || type == typeid(antlr4::tree::ErrorNodeImpl))
    return -1;
  return static_cast<long>(static_cast<antlr4::RuleContext*>(t)->getRuleIndex());
}

// The `n`-th child of `ctx` made by `rule`, as its context class T (the
// rule's context, which its labelled alternatives derive from); null when
// there is none. `rule` must be T's rule.
template <class T>
T* Sub(antlr4::ParserRuleContext* ctx, size_t rule, size_t n = 0) {
  for (auto* child : ctx->children) {
    if (RuleOf(child) == static_cast<long>(rule) && n-- == 0) return static_cast<T*>(child);
  }
  return nullptr;
}

// Every child of `ctx` made by `rule`, in order.
template <class T>
std::vector<T*> Subs(antlr4::ParserRuleContext* ctx, size_t rule) {
  std::vector<T*> out;
  for (auto* child : ctx->children) {
    if (RuleOf(child) == static_cast<long>(rule)) out.push_back(static_cast<T*>(child));
  }
  return out;
}

class Unsupported : public std::runtime_error {
 public:
  explicit Unsupported(const std::string& construct) : std::runtime_error(construct) {}
};

class Transformer {
 public:
  // `placeholder_index` maps the token index of each `?` to its ordinal.
  explicit Transformer(const std::unordered_map<size_t, int>& placeholder_index)
      : placeholder_index_(placeholder_index) {}

  ast::StatementPtr Statement(P::StatementContext* ctx);

  // transform_select.cc
  ast::StatementPtr Select(P::SelectStatementContext* ctx);
  std::vector<ast::TableRefPtr> TableReferences(P::TableReferencesContext* ctx);
  std::vector<ast::OrderItem> OrderBy(P::OrderByClauseContext* ctx);
  ast::Limit LimitClause(P::LimitClauseContext* ctx);
  ast::SelectItem SelectItem(P::SelectItemContext* ctx);
  // "NOWAIT", "SKIP LOCKED", "WAIT n" or "" (null).
  static std::string LockWait(P::LockWaitContext* ctx);

  // transform_dml.cc
  ast::StatementPtr Insert(P::InsertStatementContext* ctx);
  ast::StatementPtr Update(P::UpdateStatementContext* ctx);
  ast::StatementPtr Delete(P::DeleteStatementContext* ctx);

  // transform_ddl.cc
  ast::StatementPtr CreateTable(P::CreateTableStatementContext* ctx);
  ast::StatementPtr DropTable(P::DropTableStatementContext* ctx);
  ast::StatementPtr AlterTable(P::AlterTableStatementContext* ctx);
  ast::StatementPtr CreateIndex(P::CreateIndexStatementContext* ctx);
  ast::StatementPtr DropIndex(P::DropIndexStatementContext* ctx);
  ast::StatementPtr Truncate(P::TruncateStatementContext* ctx);
  ast::StatementPtr RenameTable(P::RenameTableStatementContext* ctx);
  ast::StatementPtr CreateDatabase(P::CreateDatabaseStatementContext* ctx);
  ast::StatementPtr DropDatabase(P::DropDatabaseStatementContext* ctx);
  ast::StatementPtr AlterDatabase(P::AlterDatabaseStatementContext* ctx);
  static ast::TableOption DatabaseOption(P::CreateDatabaseOptionContext* ctx);

  // transform_admin.cc
  ast::StatementPtr CreateView(P::CreateViewStatementContext* ctx);
  ast::StatementPtr AlterView(P::AlterViewStatementContext* ctx);
  void ViewBody(ast::CreateViewStatement& s,
                const std::vector<P::ViewAttributeContext*>& attributes, P::TableNameContext* name,
                P::IdentifierListContext* columns, P::SelectStatementContext* select,
                P::ViewCheckOptionContext* check);
  ast::StatementPtr DropView(P::DropViewStatementContext* ctx);
  ast::StatementPtr Call(P::CallStatementContext* ctx);
  ast::StatementPtr Do(P::DoStatementContext* ctx);
  ast::StatementPtr Explain(P::ExplainStatementContext* ctx);
  ast::StatementPtr Describe(P::DescribeStatementContext* ctx);
  ast::StatementPtr TableMaintenance(P::TableMaintenanceStatementContext* ctx);
  ast::StatementPtr Flush(P::FlushStatementContext* ctx);
  ast::StatementPtr Kill(P::KillStatementContext* ctx);
  ast::StatementPtr LockTables(P::LockTablesStatementContext* ctx);
  ast::StatementPtr Savepoint(P::SavepointStatementContext* ctx);
  ast::StatementPtr ReleaseSavepoint(P::ReleaseSavepointStatementContext* ctx);
  ast::StatementPtr Prepare(P::PrepareStatementContext* ctx);
  ast::StatementPtr Execute(P::ExecuteStatementContext* ctx);
  ast::StatementPtr Deallocate(P::DeallocateStatementContext* ctx);
  ast::StatementPtr AlterMigration(P::AlterMigrationStatementContext* ctx);
  ast::StatementPtr RevertMigration(P::RevertMigrationStatementContext* ctx);
  ast::StatementPtr Vexplain(P::VexplainStatementContext* ctx);
  // 'user'@'host' as SQL text.
  std::string UserName(P::UserNameContext* ctx);

  // transform_session.cc
  ast::StatementPtr Use(P::UseStatementContext* ctx);
  ast::StatementPtr Set(P::SetStatementContext* ctx);
  ast::StatementPtr Begin(P::BeginStatementContext* ctx);
  ast::StatementPtr Commit(P::CommitStatementContext* ctx);
  ast::StatementPtr Rollback(P::RollbackStatementContext* ctx);
  ast::StatementPtr Show(P::ShowStatementContext* ctx);

  // transform_expr.cc
  ast::ExprPtr Expr(P::ExprContext* ctx);
  ast::ExprPtr BoolPrimary(P::BoolPrimaryContext* ctx);
  ast::ExprPtr Predicate(P::PredicateContext* ctx);
  ast::ExprPtr BitExpr(P::BitExprContext* ctx);
  ast::ExprPtr SimpleExpr(P::SimpleExprContext* ctx);
  ast::ExprPtr FunctionCall(P::FunctionCallContext* ctx);
  // EXTRACT, TRIM, SUBSTRING ... FROM, POSITION, MATCH ... AGAINST.
  ast::ExprPtr SpecialCall(P::SimpleExprContext* ctx);
  ast::WindowSpec Window(P::WindowSpecContext* ctx);
  // The name of a USER_VAR token (@x, @'x', @"x", @`x`), without @ and quotes, unescaped.
  static std::string UserVariableName(const std::string& token);
  ast::ExprPtr Literal(P::LiteralContext* ctx);
  std::unique_ptr<ast::ColumnRef> ColumnRef(P::ColumnRefContext* ctx);
  std::vector<ast::ExprPtr> Exprs(const std::vector<P::ExprContext*>& list);
  std::unique_ptr<ast::Subquery> Subquery(P::SelectStatementContext* ctx);

  // transformer.cc: names and strings
  static std::string Identifier(P::IdentifierContext* ctx);
  static std::string DotIdentifier(P::DotIdentifierContext* ctx);
  static ast::TableName TableName(P::TableNameContext* ctx);
  static std::vector<std::string> IdentifierList(P::IdentifierListContext* ctx);
  // Unescaped, concatenated value of a textString; `charset` gets the introducer.
  static std::string TextString(P::TextStringContext* ctx, std::string* charset = nullptr);
  static std::string CharsetName(P::CharsetNameContext* ctx);
  static std::string Upper(std::string s);

 private:
  const std::unordered_map<size_t, int>& placeholder_index_;
};

}  // namespace tessera::sql::transform
