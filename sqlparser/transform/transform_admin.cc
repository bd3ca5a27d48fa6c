// Views, routines, EXPLAIN, table maintenance, FLUSH, KILL, table locks,
// savepoints, SQL-level prepared statements, and Tessera's own statements.
#include <memory>

#include "sqlparser/format.h"
#include "sqlparser/transform/raw_bytes.h"
#include "sqlparser/transform/transformer.h"

namespace tessera::sql::transform {

std::string Transformer::UserName(P::UserNameContext* ctx) {
  if (ctx->CURRENT_USER()) return "CURRENT_USER";
  std::string user =
      ctx->identifier() ? Identifier(ctx->identifier()) : TextString(ctx->textString());
  std::string out = QuoteString(user);
  if (auto* host = ctx->USER_VAR()) out += "@" + QuoteString(UserVariableName(host->getText()));
  return out;
}

ast::StatementPtr Transformer::CreateView(P::CreateViewStatementContext* ctx) {
  auto s = std::make_unique<ast::CreateViewStatement>();
  s->or_replace = ctx->OR() != nullptr;
  s->if_not_exists = ctx->ifNotExists() != nullptr;
  ViewBody(*s, ctx->viewAttribute(), ctx->tableName(), ctx->identifierList(),
           ctx->selectStatement(), ctx->viewCheckOption());
  return s;
}

ast::StatementPtr Transformer::AlterView(P::AlterViewStatementContext* ctx) {
  auto s = std::make_unique<ast::CreateViewStatement>();
  s->alter = true;
  ViewBody(*s, ctx->viewAttribute(), ctx->tableName(), ctx->identifierList(),
           ctx->selectStatement(), ctx->viewCheckOption());
  return s;
}

void Transformer::ViewBody(ast::CreateViewStatement& s,
                           const std::vector<P::ViewAttributeContext*>& attributes,
                           P::TableNameContext* name, P::IdentifierListContext* columns,
                           P::SelectStatementContext* select, P::ViewCheckOptionContext* check) {
  for (auto* a : attributes) {
    if (a->algorithm) s.algorithm = Upper(a->algorithm->getText());
    if (a->userName()) s.definer = UserName(a->userName());
    if (a->security) s.security = Upper(a->security->getText());
  }
  s.name = TableName(name);
  s.columns = IdentifierList(columns);
  s.select = Select(select);
  if (check) {
    s.check_option = true;
    if (check->scope) s.check_scope = Upper(check->scope->getText());
  }
}

ast::StatementPtr Transformer::DropView(P::DropViewStatementContext* ctx) {
  auto s = std::make_unique<ast::DropViewStatement>();
  s->if_exists = ctx->ifExists() != nullptr;
  for (auto* t : ctx->tableName()) s->views.push_back(TableName(t));
  return s;
}

ast::StatementPtr Transformer::Call(P::CallStatementContext* ctx) {
  auto s = std::make_unique<ast::CallStatement>();
  s->procedure = TableName(ctx->tableName());
  s->args = Exprs(ctx->expr());
  return s;
}

ast::StatementPtr Transformer::Do(P::DoStatementContext* ctx) {
  auto s = std::make_unique<ast::DoStatement>();
  s->exprs = Exprs(ctx->expr());
  return s;
}

ast::StatementPtr Transformer::Explain(P::ExplainStatementContext* ctx) {
  auto s = std::make_unique<ast::ExplainStatement>();
  if (auto* o = ctx->explainOption()) {
    s->option = o->FORMAT() ? "FORMAT=" + Upper(Identifier(o->identifier())) : Upper(o->getText());
  }
  if (auto* c = ctx->selectStatement()) s->statement = Select(c);
  if (auto* c = ctx->insertStatement()) s->statement = Insert(c);
  if (auto* c = ctx->updateStatement()) s->statement = Update(c);
  if (auto* c = ctx->deleteStatement()) s->statement = Delete(c);
  return s;
}

ast::StatementPtr Transformer::Describe(P::DescribeStatementContext* ctx) {
  // DESCRIBE t [column | 'pattern'] is SHOW COLUMNS FROM t [LIKE pattern].
  auto s = std::make_unique<ast::ShowStatement>();
  s->what = ast::ShowKind::kColumns;
  s->describe = true;
  s->table = TableName(ctx->tableName());
  if (ctx->identifier()) {
    s->has_like = true;
    s->like = Identifier(ctx->identifier());
  } else if (ctx->textString()) {
    s->has_like = true;
    s->like = TextString(ctx->textString());
  }
  return s;
}

ast::StatementPtr Transformer::TableMaintenance(P::TableMaintenanceStatementContext* ctx) {
  auto s = std::make_unique<ast::TableMaintenanceStatement>();
  s->verb = Upper(ctx->verb->getText());
  s->no_write_to_binlog = ctx->NO_WRITE_TO_BINLOG() != nullptr || ctx->LOCAL() != nullptr;
  for (auto* t : ctx->tableName()) s->tables.push_back(TableName(t));
  for (auto* o : ctx->maintenanceOption()) {
    s->options.push_back(o->FOR() ? "FOR " + Upper(Identifier(o->identifier()))
                                  : Upper(o->getText()));
  }
  return s;
}

ast::StatementPtr Transformer::Flush(P::FlushStatementContext* ctx) {
  auto s = std::make_unique<ast::FlushStatement>();
  s->no_write_to_binlog = ctx->NO_WRITE_TO_BINLOG() != nullptr || ctx->LOCAL() != nullptr;
  for (auto* o : ctx->flushOption()) {
    ast::FlushOption option;
    if (auto* t = Alt<P::FlushTablesContext>(o)) {
      option.tables = true;
      for (auto* name : t->tableName()) option.names.push_back(TableName(name));
      if (t->READ()) option.lock = "WITH READ LOCK";
      if (t->FOR()) option.lock = "FOR " + Upper(Identifier(t->identifier()));
    } else {
      for (auto* child : o->children) {
        if (!option.words.empty()) option.words += ' ';
        std::string word = child->getText();
        RestoreRawBytes(word);  // a quoted word keeps bytes that are not UTF-8
        option.words += Upper(word);
      }
    }
    s->options.push_back(std::move(option));
  }
  return s;
}

ast::StatementPtr Transformer::Kill(P::KillStatementContext* ctx) {
  auto s = std::make_unique<ast::KillStatement>();
  if (ctx->HARD()) s->modifier = "HARD";
  if (ctx->SOFT()) s->modifier = "SOFT";
  s->query = ctx->QUERY() != nullptr;
  s->id = Expr(ctx->expr());
  return s;
}

ast::StatementPtr Transformer::LockTables(P::LockTablesStatementContext* ctx) {
  auto s = std::make_unique<ast::LockTablesStatement>();
  for (auto* item : ctx->lockItem()) {
    ast::LockItem out;
    out.table = TableName(item->tableName());
    if (item->identifier()) out.alias = Identifier(item->identifier());
    for (auto* child : item->lockType()->children) {
      if (!out.mode.empty()) out.mode += ' ';
      out.mode += Upper(child->getText());
    }
    s->items.push_back(std::move(out));
  }
  s->wait = LockWait(ctx->lockWait());
  return s;
}

ast::StatementPtr Transformer::Savepoint(P::SavepointStatementContext* ctx) {
  auto s = std::make_unique<ast::SavepointStatement>();
  s->name = Identifier(ctx->identifier());
  return s;
}

ast::StatementPtr Transformer::ReleaseSavepoint(P::ReleaseSavepointStatementContext* ctx) {
  auto s = std::make_unique<ast::SavepointStatement>();
  s->release = true;
  s->name = Identifier(ctx->identifier());
  return s;
}

ast::StatementPtr Transformer::Prepare(P::PrepareStatementContext* ctx) {
  auto s = std::make_unique<ast::PrepareStatement>();
  s->name = Identifier(ctx->identifier());
  if (ctx->textString()) {
    s->text = TextString(ctx->textString());
  } else {
    s->variable = UserVariableName(ctx->USER_VAR()->getText());
  }
  return s;
}

ast::StatementPtr Transformer::Execute(P::ExecuteStatementContext* ctx) {
  auto s = std::make_unique<ast::ExecuteStatement>();
  s->name = Identifier(ctx->identifier());
  s->params = Exprs(ctx->expr());
  return s;
}

ast::StatementPtr Transformer::Deallocate(P::DeallocateStatementContext* ctx) {
  auto s = std::make_unique<ast::DeallocateStatement>();
  s->name = Identifier(ctx->identifier());
  return s;
}

ast::StatementPtr Transformer::AlterMigration(P::AlterMigrationStatementContext* ctx) {
  auto s = std::make_unique<ast::AlterMigrationStatement>();
  s->uuid = TextString(ctx->textString());
  s->action = Upper(ctx->action->getText());
  if (ctx->ratio != nullptr) s->ratio = ctx->ratio->getText();
  return s;
}

ast::StatementPtr Transformer::RevertMigration(P::RevertMigrationStatementContext* ctx) {
  auto s = std::make_unique<ast::RevertMigrationStatement>();
  s->uuid = TextString(ctx->textString());
  return s;
}

ast::StatementPtr Transformer::Vexplain(P::VexplainStatementContext* ctx) {
  auto s = std::make_unique<ast::VexplainStatement>();
  s->statement = Statement(ctx->statement());
  return s;
}

}  // namespace tessera::sql::transform
