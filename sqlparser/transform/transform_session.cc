// USE, SET, BEGIN/START TRANSACTION, COMMIT, ROLLBACK, SHOW.
#include <memory>

#include "sqlparser/transform/raw_bytes.h"
#include "sqlparser/transform/transformer.h"

namespace tessera::sql::transform {

namespace {
ast::VarScope Scope(antlr4::Token* t) {
  if (!t) return ast::VarScope::kDefault;
  switch (t->getType()) {
    case P::GLOBAL:
      return ast::VarScope::kGlobal;
    case P::SESSION:
      return ast::VarScope::kSession;
    default:
      return ast::VarScope::kLocal;
  }
}

std::string Words(antlr4::ParserRuleContext* ctx) {
  std::string out;
  for (auto* child : ctx->children) {
    if (!out.empty()) out += ' ';
    out += Transformer::Upper(child->getText());
  }
  return out;
}
}  // namespace

ast::StatementPtr Transformer::Use(P::UseStatementContext* ctx) {
  auto s = std::make_unique<ast::UseStatement>();
  s->db = Identifier(ctx->identifier());
  return s;
}

ast::StatementPtr Transformer::Set(P::SetStatementContext* ctx) {
  auto s = std::make_unique<ast::SetStatement>();
  if (auto* t = Alt<P::SetTransactionContext>(ctx)) {
    for (auto* ch : t->transactionCharacteristic()) {
      ast::SetAssignment a;
      a.target = ast::SetTarget::kTransaction;
      a.scope = Scope(t->scope);
      a.name = ch->isolationLevel() ? "ISOLATION LEVEL " + Words(ch->isolationLevel()) : Words(ch);
      s->assignments.push_back(std::move(a));
    }
    return s;
  }
  auto set_value = [this](P::SetValueContext* v) -> ast::ExprPtr {
    if (v->expr()) return Expr(v->expr());
    return std::make_unique<ast::Literal>(ast::LiteralKind::kString, Upper(v->getText()));
  };
  for (auto* item : static_cast<P::SetVariablesContext*>(ctx)->setAssignment()) {
    ast::SetAssignment a;
    if (auto* c = Alt<P::SetUserVarContext>(item)) {
      a.target = ast::SetTarget::kUserVar;
      std::string name = c->USER_VAR()->getText().substr(1);
      if (!name.empty() && (name[0] == '\'' || name[0] == '"' || name[0] == '`'))
        name = name.substr(1, name.size() - 2);
      a.name = name;
      a.value = Expr(c->expr());
    } else if (auto* c = Alt<P::SetSystemVarAtContext>(item)) {
      a.target = ast::SetTarget::kSystemVar;
      std::string name = c->SYSTEM_VAR()->getText().substr(2);
      RestoreRawBytes(name);
      if (auto dot = name.find('.'); dot != std::string::npos) {
        const std::string scope = Upper(name.substr(0, dot));
        if (scope == "GLOBAL") a.scope = ast::VarScope::kGlobal;
        if (scope == "SESSION") a.scope = ast::VarScope::kSession;
        if (scope == "LOCAL") a.scope = ast::VarScope::kLocal;
        if (a.scope != ast::VarScope::kDefault) name = name.substr(dot + 1);
      } else {
        a.scope = ast::VarScope::kSession;  // @@x = v sets the session value
      }
      a.name = name;
      a.value = set_value(c->setValue());
    } else if (auto* c = Alt<P::SetScopedVarContext>(item)) {
      a.target = ast::SetTarget::kSystemVar;
      a.scope = Scope(c->scope);
      a.name = Identifier(c->identifier());
      a.value = set_value(c->setValue());
    } else if (auto* c = Alt<P::SetNamesContext>(item)) {
      a.target = ast::SetTarget::kNames;
      a.name = "NAMES";
      if (c->DEFAULT()) {
        a.value = std::make_unique<ast::DefaultExpr>();
      } else {
        a.value = std::make_unique<ast::Literal>(ast::LiteralKind::kString,
                                                 CharsetName(c->charsetName(0)));
      }
      if (c->COLLATE()) a.collation = CharsetName(c->charsetName(c->DEFAULT() ? 0 : 1));
    } else if (auto* c = Alt<P::SetCharsetContext>(item)) {
      a.target = ast::SetTarget::kCharset;
      a.name = "CHARACTER SET";
      if (c->DEFAULT()) {
        a.value = std::make_unique<ast::DefaultExpr>();
      } else {
        a.value = std::make_unique<ast::Literal>(ast::LiteralKind::kString,
                                                 CharsetName(c->charsetName()));
      }
    } else {
      auto* p = static_cast<P::SetPlainVarContext*>(item);
      a.target = ast::SetTarget::kSystemVar;
      a.name = Identifier(p->identifier());
      a.value = set_value(p->setValue());
    }
    s->assignments.push_back(std::move(a));
  }
  return s;
}

ast::StatementPtr Transformer::Begin(P::BeginStatementContext* ctx) {
  auto s = std::make_unique<ast::BeginStatement>();
  for (auto* o : ctx->startTransactionOption()) {
    if (o->SNAPSHOT()) s->consistent_snapshot = true;
    if (o->ONLY()) s->read_only = true;
    if (o->WRITE()) s->read_write = true;
  }
  return s;
}

namespace {
// AND NO CHAIN and NO RELEASE are what COMMIT and ROLLBACK do anyway.
void CheckCompletion(P::CompletionContext* c, const char* verb) {
  if (!c) return;
  auto is_no_before = [&](antlr4::tree::TerminalNode* word) {
    for (auto* no : c->NO()) {
      if (no->getSymbol()->getTokenIndex() + 1 == word->getSymbol()->getTokenIndex()) return true;
    }
    return false;
  };
  if (c->CHAIN() && !is_no_before(c->CHAIN())) throw Unsupported(std::string(verb) + " AND CHAIN");
  if (c->RELEASE() && !is_no_before(c->RELEASE()))
    throw Unsupported(std::string(verb) + " RELEASE");
}
}  // namespace

ast::StatementPtr Transformer::Commit(P::CommitStatementContext* ctx) {
  CheckCompletion(ctx->completion(), "COMMIT");
  return std::make_unique<ast::CommitStatement>();
}

ast::StatementPtr Transformer::Rollback(P::RollbackStatementContext* ctx) {
  CheckCompletion(ctx->completion(), "ROLLBACK");
  auto s = std::make_unique<ast::RollbackStatement>();
  if (ctx->identifier()) s->savepoint = Identifier(ctx->identifier());
  return s;
}

ast::StatementPtr Transformer::Show(P::ShowStatementContext* ctx) {
  auto s = std::make_unique<ast::ShowStatement>();
  auto filter = [&](P::ShowFilterContext* f) {
    if (!f) return;
    if (f->LIKE()) {
      s->has_like = true;
      s->like = TextString(f->textString());
    } else {
      s->where = Expr(f->expr());
    }
  };
  using K = ast::ShowKind;
  if (auto* c = Alt<P::ShowTablesContext>(ctx)) {
    s->what = K::kTables;
    s->full = c->FULL() != nullptr;
    if (c->identifier()) s->db = Identifier(c->identifier());
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowDatabasesContext>(ctx)) {
    s->what = K::kDatabases;
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowTableStatusContext>(ctx)) {
    s->what = K::kTableStatus;
    if (c->identifier()) s->db = Identifier(c->identifier());
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowColumnsContext>(ctx)) {
    s->what = K::kColumns;
    s->full = c->FULL() != nullptr;
    s->table = TableName(c->tableName());
    if (c->identifier()) s->table.qualifier = Identifier(c->identifier());
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowIndexContext>(ctx)) {
    s->what = K::kIndex;
    s->table = TableName(c->tableName());
    if (c->identifier()) s->table.qualifier = Identifier(c->identifier());
    if (c->expr()) s->where = Expr(c->expr());
  } else if (auto* c = Alt<P::ShowCreateTableContext>(ctx)) {
    s->what = K::kCreateTable;
    s->table = TableName(c->tableName());
  } else if (auto* c = Alt<P::ShowCreateDatabaseContext>(ctx)) {
    s->what = K::kCreateDatabase;
    s->db = Identifier(c->identifier());
    if (c->ifNotExists()) s->detail = "IF NOT EXISTS";
  } else if (auto* c = Alt<P::ShowVariablesContext>(ctx)) {
    s->what = K::kVariables;
    s->scope = Scope(c->scope);
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowStatusContext>(ctx)) {
    s->what = K::kStatus;
    s->scope = Scope(c->scope);
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowWarningsContext>(ctx)) {
    s->what = K::kWarnings;
    if (c->limitClause()) s->limit = LimitClause(c->limitClause());
  } else if (auto* c = Alt<P::ShowErrorsContext>(ctx)) {
    s->what = K::kErrors;
    if (c->limitClause()) s->limit = LimitClause(c->limitClause());
  } else if (auto* c = Alt<P::ShowProcesslistContext>(ctx)) {
    s->what = K::kProcesslist;
    s->full = c->FULL() != nullptr;
  } else if (Alt<P::ShowEnginesContext>(ctx)) {
    s->what = K::kEngines;
  } else if (auto* c = Alt<P::ShowCharsetContext>(ctx)) {
    s->what = K::kCharset;
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowCreateViewContext>(ctx)) {
    s->what = K::kCreateView;
    s->table = TableName(c->tableName());
  } else if (auto* c = Alt<P::ShowCreateRoutineContext>(ctx)) {
    s->what = c->routine->getType() == P::PROCEDURE ? K::kCreateProcedure : K::kCreateFunction;
    s->table = TableName(c->tableName());
  } else if (auto* c = Alt<P::ShowGrantsContext>(ctx)) {
    s->what = K::kGrants;
    if (c->userName()) s->detail = UserName(c->userName());
  } else if (auto* c = Alt<P::ShowTriggersContext>(ctx)) {
    s->what = c->what->getType() == P::TRIGGERS ? K::kTriggers : K::kEvents;
    if (c->identifier()) s->db = Identifier(c->identifier());
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowOpenTablesContext>(ctx)) {
    s->what = K::kOpenTables;
    if (c->identifier()) s->db = Identifier(c->identifier());
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowRoutineStatusContext>(ctx)) {
    s->what = c->routine->getType() == P::PROCEDURE ? K::kProcedureStatus : K::kFunctionStatus;
    filter(c->showFilter());
  } else if (auto* c = Alt<P::ShowPluginsContext>(ctx)) {
    s->what = c->what->getType() == P::PLUGINS ? K::kPlugins : K::kPrivileges;
  } else if (auto* c = Alt<P::ShowReplicationContext>(ctx)) {
    s->what = K::kReplicationStatus;
    s->detail = Upper(c->server->getText());
  } else if (Alt<P::ShowBinaryLogsContext>(ctx)) {
    s->what = K::kBinaryLogs;
  } else if (auto* c = Alt<P::ShowCountContext>(ctx)) {
    if (Upper(Identifier(c->identifier())) != "COUNT")
      throw Unsupported("SHOW " + Identifier(c->identifier()) + "(*)");
    s->what = c->what->getType() == P::WARNINGS ? K::kWarningCount : K::kErrorCount;
  } else if (auto* c = Alt<P::ShowClusterContext>(ctx)) {
    switch (c->what->getType()) {
      case P::KEYSPACES:
        s->what = K::kKeyspaces;
        break;
      case P::SHARDS:
        s->what = K::kShards;
        break;
      case P::TABLETS:
        s->what = K::kTablets;
        break;
      default:
        s->what = K::kBranches;
        break;
    }
  } else if (Alt<P::ShowVschemaTablesContext>(ctx)) {
    s->what = K::kVschemaTables;
  } else if (auto* c = Alt<P::ShowUnresolvedTransactionsContext>(ctx)) {
    s->what = K::kUnresolvedTransactions;
    if (c->identifier()) s->db = Identifier(c->identifier());
  } else if (auto* c = Alt<P::ShowMigrationsContext>(ctx)) {
    s->what = K::kMigrations;
    filter(c->showFilter());
  } else {
    s->what = K::kCollation;
    filter(static_cast<P::ShowCollationContext*>(ctx)->showFilter());
  }
  return s;
}

}  // namespace tessera::sql::transform
