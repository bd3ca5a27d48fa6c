// Statement dispatch and the name/string helpers shared by all transforms.
#include "sqlparser/transform/transformer.h"

#include <cctype>

#include "sqlparser/transform/raw_bytes.h"

namespace tessera::sql::transform {

ast::StatementPtr Transformer::Statement(P::StatementContext* ctx) {
  if (auto* c = ctx->selectStatement()) return Select(c);
  if (auto* c = ctx->insertStatement()) return Insert(c);
  if (auto* c = ctx->updateStatement()) return Update(c);
  if (auto* c = ctx->deleteStatement()) return Delete(c);
  if (auto* c = ctx->createTableStatement()) return CreateTable(c);
  if (auto* c = ctx->dropTableStatement()) return DropTable(c);
  if (auto* c = ctx->alterTableStatement()) return AlterTable(c);
  if (auto* c = ctx->createIndexStatement()) return CreateIndex(c);
  if (auto* c = ctx->dropIndexStatement()) return DropIndex(c);
  if (auto* c = ctx->truncateStatement()) return Truncate(c);
  if (auto* c = ctx->renameTableStatement()) return RenameTable(c);
  if (auto* c = ctx->createDatabaseStatement()) return CreateDatabase(c);
  if (auto* c = ctx->dropDatabaseStatement()) return DropDatabase(c);
  if (auto* c = ctx->useStatement()) return Use(c);
  if (auto* c = ctx->setStatement()) return Set(c);
  if (auto* c = ctx->beginStatement()) return Begin(c);
  if (auto* c = ctx->commitStatement()) return Commit(c);
  if (auto* c = ctx->rollbackStatement()) return Rollback(c);
  if (auto* c = ctx->showStatement()) return Show(c);
  if (auto* c = ctx->createViewStatement()) return CreateView(c);
  if (auto* c = ctx->alterViewStatement()) return AlterView(c);
  if (auto* c = ctx->dropViewStatement()) return DropView(c);
  if (auto* c = ctx->callStatement()) return Call(c);
  if (auto* c = ctx->doStatement()) return Do(c);
  if (auto* c = ctx->explainStatement()) return Explain(c);
  if (auto* c = ctx->describeStatement()) return Describe(c);
  if (auto* c = ctx->tableMaintenanceStatement()) return TableMaintenance(c);
  if (auto* c = ctx->flushStatement()) return Flush(c);
  if (auto* c = ctx->killStatement()) return Kill(c);
  if (auto* c = ctx->lockTablesStatement()) return LockTables(c);
  if (ctx->unlockTablesStatement()) return std::make_unique<ast::UnlockTablesStatement>();
  if (auto* c = ctx->savepointStatement()) return Savepoint(c);
  if (auto* c = ctx->releaseSavepointStatement()) return ReleaseSavepoint(c);
  if (auto* c = ctx->prepareStatement()) return Prepare(c);
  if (auto* c = ctx->executeStatement()) return Execute(c);
  if (auto* c = ctx->deallocateStatement()) return Deallocate(c);
  if (auto* c = ctx->alterDatabaseStatement()) return AlterDatabase(c);
  if (auto* c = ctx->alterMigrationStatement()) return AlterMigration(c);
  if (auto* c = ctx->revertMigrationStatement()) return RevertMigration(c);
  if (auto* c = ctx->vexplainStatement()) return Vexplain(c);
  throw Unsupported("statement");
}

std::string Transformer::Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Transformer::Identifier(P::IdentifierContext* ctx) {
  // An identifier is one token: its text, without RuleContext::getText()'s
  // walk over the subtree.
  // Bytes that are not UTF-8 cross the lexer mapped to reserved code points
  // (raw_bytes.h); a name gets its bytes back, as string values do.
  if (ctx->getStart() == ctx->getStop() && ctx->getStart()->getType() != P::BQ_ID) {
    std::string out = ctx->getStart()->getText();
    RestoreRawBytes(out);
    return out;
  }
  if (auto* bq = ctx->BQ_ID()) {
    const std::string text = bq->getText();
    std::string out;
    out.reserve(text.size());
    for (size_t i = 1; i + 1 < text.size(); ++i) {
      out.push_back(text[i]);
      if (text[i] == '`') ++i;  // `` inside backquotes is one backquote
    }
    RestoreRawBytes(out);
    return out;
  }
  std::string out = ctx->getText();
  RestoreRawBytes(out);
  return out;
}

std::string Transformer::DotIdentifier(P::DotIdentifierContext* ctx) {
  if (auto* id = ctx->identifier()) return Identifier(id);
  return ctx->getText();
}

ast::TableName Transformer::TableName(P::TableNameContext* ctx) {
  ast::TableName t;
  if (auto* dot = ctx->dotIdentifier()) {
    t.qualifier = Identifier(ctx->identifier());
    t.name = DotIdentifier(dot);
  } else {
    t.name = Identifier(ctx->identifier());
  }
  return t;
}

std::vector<std::string> Transformer::IdentifierList(P::IdentifierListContext* ctx) {
  std::vector<std::string> out;
  if (!ctx) return out;
  for (auto* id : ctx->identifier()) out.push_back(Identifier(id));
  return out;
}

namespace {
// Appends the value of one quoted string token (with its quotes).
void AppendUnescaped(const std::string& token, std::string& out) {
  const char quote = token.front();
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    char c = token[i];
    if (c == quote && i + 2 < token.size() && token[i + 1] == quote) {
      out.push_back(quote);
      ++i;
      continue;
    }
    if (c != '\\' || i + 2 >= token.size()) {
      out.push_back(c);
      continue;
    }
    char e = token[++i];
    switch (e) {
      case '0':
        out.push_back('\0');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'Z':
        out.push_back('\x1a');
        break;
      case '%':
      case '_':
        out.push_back('\\');  // kept for LIKE patterns
        out.push_back(e);
        break;
      default:
        out.push_back(e);
        break;
    }
  }
}
}  // namespace

std::string Transformer::TextString(P::TextStringContext* ctx, std::string* charset) {
  std::string out;
  for (auto* child : ctx->children) {
    auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child);
    if (!term) continue;
    const size_t type = term->getSymbol()->getType();
    if (type == P::INTRODUCER) {
      if (charset) *charset = term->getText().substr(1);
      continue;
    }
    if (type == P::NATIONAL_STRING) {
      if (charset) *charset = "utf8mb3";
      AppendUnescaped(term->getText().substr(1), out);
      continue;
    }
    AppendUnescaped(term->getText(), out);
  }
  RestoreRawBytes(out);
  return out;
}

std::string Transformer::UserVariableName(const std::string& token) {
  std::string name;
  const std::string quoted = token.substr(1);
  if (!quoted.empty() && (quoted[0] == '\'' || quoted[0] == '"')) {
    AppendUnescaped(quoted, name);  // a quoted name follows the string rules
  } else if (!quoted.empty() && quoted[0] == '`') {
    for (size_t i = 1; i + 1 < quoted.size(); ++i) {
      name.push_back(quoted[i]);
      if (quoted[i] == '`' && quoted[i + 1] == '`') ++i;
    }
  } else {
    name = quoted;
  }
  // Bytes that are not UTF-8 crossed the lexer mapped (raw_bytes.h).
  RestoreRawBytes(name);
  return name;
}

std::string Transformer::CharsetName(P::CharsetNameContext* ctx) {
  if (auto* id = ctx->identifier()) return Identifier(id);
  if (auto* s = ctx->textString()) return TextString(s);
  return ctx->getText();
}

}  // namespace tessera::sql::transform
