// CREATE/DROP/ALTER TABLE, CREATE/DROP INDEX, TRUNCATE, RENAME, databases.
#include <memory>

#include "sqlparser/transform/raw_bytes.h"
#include "sqlparser/transform/transformer.h"

namespace tessera::sql::transform {

namespace {
uint32_t Number(antlr4::tree::TerminalNode* n) {
  try {
    return static_cast<uint32_t>(std::stoul(n->getText()));
  } catch (const std::exception&) {
    throw Unsupported("length " + n->getText());
  }
}

ast::DataType DataType(P::DataTypeContext* ctx) {
  ast::DataType t;
  auto* name = ctx->typeName();
  if (name->LONG()) {
    // LONG and LONG VARCHAR are MEDIUMTEXT, LONG VARBINARY is MEDIUMBLOB.
    const std::string word =
        name->identifier() ? Transformer::Upper(Transformer::Identifier(name->identifier())) : "";
    if (!word.empty() && word != "VARCHAR" && word != "VARBINARY")
      throw Unsupported("type LONG " + word);
    t.name = word == "VARBINARY" ? "MEDIUMBLOB" : "MEDIUMTEXT";
  } else if (auto* id = name->identifier()) {
    t.name = Transformer::Upper(Transformer::Identifier(id));
  } else {
    t.name = name->CHARACTER() ? "CHAR" : Transformer::Upper(name->getText());
  }
  // CHARACTER VARYING, DOUBLE PRECISION and NATIONAL CHAR are spelled the
  // way MariaDB shows them.
  if (name->VARYING() && t.name == "CHAR") t.name = "VARCHAR";
  if (name->NATIONAL()) t.charset = "utf8mb3";
  auto nums = ctx->INT_NUM();
  if (!nums.empty()) t.length = Number(nums[0]);
  if (nums.size() > 1) t.scale = Number(nums[1]);
  for (auto* s : ctx->textString()) t.values.push_back(Transformer::TextString(s));
  for (auto* m : ctx->typeModifier()) {
    if (m->UNSIGNED()) t.is_unsigned = true;
    if (m->ZEROFILL()) t.zerofill = true;
    if (m->BINARY()) t.collation = "binary";  // CHAR(n) BINARY: the binary collation of the charset
  }
  return t;
}

std::vector<ast::IndexColumn> IndexParts(const std::vector<P::IndexPartContext*>& parts) {
  std::vector<ast::IndexColumn> out;
  for (auto* p : parts) {
    ast::IndexColumn c;
    c.name = Transformer::Identifier(p->identifier());
    if (p->INT_NUM()) c.length = Number(p->INT_NUM());
    c.desc = p->DESC() != nullptr;
    out.push_back(std::move(c));
  }
  return out;
}

void IndexOptions(ast::IndexDef& idx, P::IndexTypeContext* type,
                  const std::vector<P::IndexOptionContext*>& opts) {
  if (type) idx.using_type = Transformer::Upper(type->children.at(1)->getText());
  for (auto* o : opts) {
    if (o->indexType())
      idx.using_type = Transformer::Upper(o->indexType()->children.at(1)->getText());
    if (o->textString()) idx.comment = Transformer::TextString(o->textString());
  }
}

std::string ReferenceOption(P::ReferenceOptionContext* r) {
  if (r->RESTRICT()) return "RESTRICT";
  if (r->CASCADE()) return "CASCADE";
  if (r->NULL_()) return "SET NULL";
  if (r->ACTION()) return "NO ACTION";
  return "SET DEFAULT";
}

ast::TableOption TableOption(P::TableOptionContext* ctx) {
  ast::TableOption o;
  if (auto* c = Alt<P::OptCharsetContext>(ctx)) {
    o.name = "CHARSET";
    o.value = Transformer::CharsetName(c->charsetName());
  } else if (auto* c = Alt<P::OptCollateContext>(ctx)) {
    o.name = "COLLATE";
    o.value = Transformer::CharsetName(c->charsetName());
  } else if (auto* c = Alt<P::OptCommentContext>(ctx)) {
    o.name = "COMMENT";
    o.value = Transformer::TextString(c->textString());
    o.quoted = true;
  } else {
    auto* g = static_cast<P::OptGenericContext*>(ctx);
    o.name = Transformer::Upper(Transformer::Identifier(g->optionName()->identifier()));
    auto* v = g->optionValue();
    if (v->textString()) {
      o.value = Transformer::TextString(v->textString());
      o.quoted = true;
    } else if (v->identifier()) {
      o.value = Transformer::Identifier(v->identifier());
    } else {
      o.value = v->getText();
    }
  }
  return o;
}
}  // namespace

namespace {
ast::ColumnDef Column(Transformer& t, P::ColumnDefinitionContext* ctx) {
  ast::ColumnDef col;
  col.name = Transformer::Identifier(ctx->identifier());
  col.type = DataType(ctx->dataType());
  for (auto* attr : ctx->columnAttribute()) {
    if (auto* c = Alt<P::AttrNullContext>(attr)) {
      col.nullable = c->NOT() == nullptr;
    } else if (auto* c = Alt<P::AttrDefaultContext>(attr)) {
      col.default_value = t.SimpleExpr(c->simpleExpr());
    } else if (auto* c = Alt<P::AttrOnUpdateContext>(attr)) {
      col.on_update = t.SimpleExpr(c->simpleExpr());
    } else if (Alt<P::AttrAutoIncrementContext>(attr)) {
      col.auto_increment = true;
    } else if (Alt<P::AttrPrimaryKeyContext>(attr)) {
      col.key = ast::ColumnKey::kPrimary;
    } else if (Alt<P::AttrUniqueContext>(attr)) {
      col.key = ast::ColumnKey::kUnique;
    } else if (auto* c = Alt<P::AttrCommentContext>(attr)) {
      col.comment = Transformer::TextString(c->textString());
    } else if (auto* c = Alt<P::AttrCharsetContext>(attr)) {
      col.type.charset = Transformer::CharsetName(c->charsetName());
    } else if (auto* c = Alt<P::AttrCollateContext>(attr)) {
      col.type.collation = Transformer::CharsetName(c->charsetName());
    } else if (auto* c = Alt<P::AttrGeneratedContext>(attr)) {
      col.generated = t.Expr(c->expr());
      col.generated_stored = c->gen && c->gen->getType() != P::VIRTUAL;
    } else if (Alt<P::AttrInvisibleContext>(attr)) {
      col.invisible = true;
    } else if (auto* c = Alt<P::AttrCheckContext>(attr)) {
      col.check = t.Expr(c->expr());
      if (auto* n = c->constraintName(); n && n->identifier())
        col.check_name = Transformer::Identifier(n->identifier());
    }
  }
  return col;
}

// ADD {INDEX | KEY | UNIQUE ...} IF NOT EXISTS
bool IndexIfNotExists(P::IndexDefinitionContext* ctx) {
  if (auto* c = Alt<P::UniqueKeyDefContext>(ctx)) return c->ifNotExists() != nullptr;
  if (auto* c = Alt<P::PlainKeyDefContext>(ctx)) return c->ifNotExists() != nullptr;
  return false;
}

// Adds an index/foreign key/check definition to `table`, or to `spec` (ALTER TABLE ADD).
void IndexDefinition(Transformer& t, P::IndexDefinitionContext* ctx,
                     ast::CreateTableStatement& table, ast::AlterSpec* spec) {
  auto constraint = [](P::ConstraintNameContext* c) {
    return c && c->identifier() ? Transformer::Identifier(c->identifier()) : std::string();
  };
  ast::IndexDef idx;
  if (auto* c = Alt<P::PrimaryKeyDefContext>(ctx)) {
    idx.kind = ast::IndexKind::kPrimary;
    idx.columns = IndexParts(c->indexPart());
    IndexOptions(idx, c->indexType(), c->indexOption());
  } else if (auto* c = Alt<P::UniqueKeyDefContext>(ctx)) {
    idx.kind = ast::IndexKind::kUnique;
    idx.name = c->identifier() ? Transformer::Identifier(c->identifier())
                               : constraint(c->constraintName());
    idx.columns = IndexParts(c->indexPart());
    IndexOptions(idx, c->indexType(), c->indexOption());
  } else if (auto* c = Alt<P::PlainKeyDefContext>(ctx)) {
    idx.kind = ast::IndexKind::kIndex;
    if (c->identifier()) idx.name = Transformer::Identifier(c->identifier());
    idx.columns = IndexParts(c->indexPart());
    IndexOptions(idx, c->indexType(), c->indexOption());
  } else if (auto* c = Alt<P::SpecialKeyDefContext>(ctx)) {
    idx.kind =
        c->kind->getType() == P::FULLTEXT ? ast::IndexKind::kFulltext : ast::IndexKind::kSpatial;
    if (c->identifier()) idx.name = Transformer::Identifier(c->identifier());
    idx.columns = IndexParts(c->indexPart());
    IndexOptions(idx, nullptr, c->indexOption());
  } else if (auto* c = Alt<P::ForeignKeyDefContext>(ctx)) {
    ast::ForeignKeyDef fk;
    fk.constraint_name = constraint(c->constraintName());
    if (c->identifier()) fk.index_name = Transformer::Identifier(c->identifier());
    fk.columns = Transformer::IdentifierList(c->identifierList(0));
    fk.ref_table = Transformer::TableName(c->tableName());
    fk.ref_columns = Transformer::IdentifierList(c->identifierList(1));
    for (auto* a : c->referenceAction()) {
      (a->DELETE() ? fk.on_delete : fk.on_update) = ReferenceOption(a->referenceOption());
    }
    if (spec) {
      spec->kind = ast::AlterSpecKind::kAddForeignKey;
      spec->foreign_key = std::move(fk);
    } else {
      table.foreign_keys.push_back(std::move(fk));
    }
    return;
  } else {
    auto* k = static_cast<P::CheckDefContext*>(ctx);
    if (spec) {
      spec->kind = ast::AlterSpecKind::kAddCheck;
      spec->name = constraint(k->constraintName());
      spec->check = t.Expr(k->expr());
      return;
    }
    table.checks.push_back(ast::CheckDef{constraint(k->constraintName()), t.Expr(k->expr())});
    return;
  }
  if (spec) {
    spec->kind = ast::AlterSpecKind::kAddIndex;
    spec->index = std::move(idx);
  } else {
    table.indexes.push_back(std::move(idx));
  }
}
}  // namespace

ast::StatementPtr Transformer::CreateTable(P::CreateTableStatementContext* ctx) {
  auto s = std::make_unique<ast::CreateTableStatement>();
  s->or_replace = ctx->OR() != nullptr;
  s->temporary = ctx->TEMPORARY() != nullptr;
  s->if_not_exists = ctx->ifNotExists() != nullptr;
  s->table = TableName(ctx->tableName());
  auto* body = ctx->createTableBody();
  if (auto* c = Alt<P::CreateTableLikeContext>(body)) {
    s->like = TableName(c->tableName());
  } else if (auto* c = Alt<P::CreateTableParenLikeContext>(body)) {
    s->like = TableName(c->tableName());
  } else if (auto* c = Alt<P::CreateTableSelectContext>(body)) {
    for (auto* el : c->tableElement()) {
      if (el->columnDefinition()) {
        s->columns.push_back(Column(*this, el->columnDefinition()));
      } else {
        IndexDefinition(*this, el->indexDefinition(), *s, nullptr);
      }
    }
    for (auto* o : c->tableOption()) s->options.push_back(TableOption(o));
    s->select = Select(c->selectStatement());
  } else {
    auto* cols = static_cast<P::CreateTableColumnsContext*>(body);
    for (auto* el : cols->tableElement()) {
      if (el->columnDefinition()) {
        s->columns.push_back(Column(*this, el->columnDefinition()));
      } else {
        IndexDefinition(*this, el->indexDefinition(), *s, nullptr);
      }
    }
    for (auto* o : cols->tableOption()) s->options.push_back(TableOption(o));
    if (auto* p = cols->partitionOptions()) {
      s->partitioning = p->getStart()->getInputStream()->getText(
          antlr4::misc::Interval(p->getStart()->getStartIndex(), p->getStop()->getStopIndex()));
      RestoreRawBytes(s->partitioning);  // kept as written, bytes that are not UTF-8 too
      // Dashes at its end (minus signs here) would open a line comment
      // before whatever follows in the formatted text: keep them apart.
      std::string& text = s->partitioning;
      size_t dashes = 0;
      while (dashes < text.size() && text[text.size() - 1 - dashes] == '-') ++dashes;
      if (dashes >= 2) {
        text.resize(text.size() - dashes);
        for (size_t i = 0; i < dashes; ++i) text += i == 0 ? "-" : " -";
      }
    }
  }
  return s;
}

ast::StatementPtr Transformer::DropTable(P::DropTableStatementContext* ctx) {
  auto s = std::make_unique<ast::DropTableStatement>();
  s->temporary = ctx->TEMPORARY() != nullptr;
  s->if_exists = ctx->ifExists() != nullptr;
  for (auto* t : ctx->tableName()) s->tables.push_back(TableName(t));
  return s;
}

ast::StatementPtr Transformer::AlterTable(P::AlterTableStatementContext* ctx) {
  if (ctx->IGNORE()) throw Unsupported("ALTER IGNORE TABLE");
  auto s = std::make_unique<ast::AlterTableStatement>();
  s->table = TableName(ctx->tableName());
  ast::CreateTableStatement scratch;
  // Options are one run however they were separated (`A=1 B=2`, `A=1, B=2`
  // or `A=1,, B=2`): adjacent runs join, so the text formats one way.
  auto push = [&s](ast::AlterSpec spec) {
    if (spec.kind == ast::AlterSpecKind::kTableOptions && !s->specs.empty() &&
        s->specs.back().kind == ast::AlterSpecKind::kTableOptions) {
      auto& options = s->specs.back().options;
      for (auto& o : spec.options) options.push_back(std::move(o));
      return;
    }
    s->specs.push_back(std::move(spec));
  };
  for (auto* spec_ctx : ctx->alterSpec()) {
    ast::AlterSpec spec;
    auto position = [&](P::ColumnPositionContext* p) {
      if (!p) return;
      if (p->FIRST())
        spec.first = true;
      else
        spec.after = Identifier(p->identifier());
    };
    using K = ast::AlterSpecKind;
    if (auto* c = Alt<P::AlterAddColumnContext>(spec_ctx)) {
      spec.kind = K::kAddColumn;
      spec.if_not_exists = c->ifNotExists() != nullptr;
      spec.column = Column(*this, c->columnDefinition());
      position(c->columnPosition());
    } else if (auto* c = Alt<P::AlterAddColumnsContext>(spec_ctx)) {
      auto columns = c->columnDefinition();
      for (size_t i = 0; i + 1 < columns.size(); ++i) {
        ast::AlterSpec add;
        add.kind = K::kAddColumn;
        add.column = Column(*this, columns[i]);
        s->specs.push_back(std::move(add));
      }
      spec.kind = K::kAddColumn;
      spec.column = Column(*this, columns.back());
    } else if (auto* c = Alt<P::AlterAddIndexContext>(spec_ctx)) {
      IndexDefinition(*this, c->indexDefinition(), scratch, &spec);
      spec.if_not_exists = IndexIfNotExists(c->indexDefinition());
    } else if (auto* c = Alt<P::AlterDropColumnContext>(spec_ctx)) {
      spec.kind = K::kDropColumn;
      spec.if_exists = c->ifExists() != nullptr;
      spec.name = Identifier(c->identifier());
    } else if (auto* c = Alt<P::AlterDropIndexContext>(spec_ctx)) {
      spec.kind = K::kDropIndex;
      spec.if_exists = c->ifExists() != nullptr;
      spec.name = Identifier(c->identifier());
    } else if (Alt<P::AlterDropPrimaryContext>(spec_ctx)) {
      spec.kind = K::kDropPrimaryKey;
    } else if (auto* c = Alt<P::AlterDropForeignKeyContext>(spec_ctx)) {
      spec.kind = K::kDropForeignKey;
      spec.if_exists = c->ifExists() != nullptr;
      spec.name = Identifier(c->identifier());
    } else if (auto* c = Alt<P::AlterModifyColumnContext>(spec_ctx)) {
      spec.kind = K::kModifyColumn;
      spec.if_exists = c->ifExists() != nullptr;
      spec.column = Column(*this, c->columnDefinition());
      position(c->columnPosition());
    } else if (auto* c = Alt<P::AlterChangeColumnContext>(spec_ctx)) {
      spec.kind = K::kChangeColumn;
      spec.if_exists = c->ifExists() != nullptr;
      spec.name = Identifier(c->identifier());
      spec.column = Column(*this, c->columnDefinition());
      position(c->columnPosition());
    } else if (auto* c = Alt<P::AlterRenameColumnContext>(spec_ctx)) {
      spec.kind = K::kRenameColumn;
      spec.name = Identifier(c->identifier(0));
      spec.new_name = Identifier(c->identifier(1));
    } else if (auto* c = Alt<P::AlterRenameIndexContext>(spec_ctx)) {
      spec.kind = K::kRenameIndex;
      spec.name = Identifier(c->identifier(0));
      spec.new_name = Identifier(c->identifier(1));
    } else if (auto* c = Alt<P::AlterRenameTableContext>(spec_ctx)) {
      spec.kind = K::kRenameTable;
      spec.new_table = TableName(c->tableName());
    } else if (auto* c = Alt<P::AlterColumnDefaultContext>(spec_ctx)) {
      spec.kind = K::kAlterColumnDefault;
      spec.name = Identifier(c->identifier());
      if (c->simpleExpr()) spec.default_value = SimpleExpr(c->simpleExpr());
    } else if (auto* c = Alt<P::AlterConvertContext>(spec_ctx)) {
      spec.kind = K::kConvertCharset;
      spec.name = CharsetName(c->charsetName(0));
      if (c->COLLATE()) spec.new_name = CharsetName(c->charsetName(1));
    } else if (auto* c = Alt<P::AlterAlgorithmContext>(spec_ctx)) {
      spec.kind = K::kAlgorithm;
      spec.name = Upper(c->identifier() ? Identifier(c->identifier()) : "DEFAULT");
    } else if (auto* c = Alt<P::AlterLockContext>(spec_ctx)) {
      spec.kind = K::kLock;
      spec.name = Upper(c->identifier() ? Identifier(c->identifier()) : "DEFAULT");
    } else if (Alt<P::AlterForceContext>(spec_ctx)) {
      spec.kind = K::kForce;
    } else if (auto* c = Alt<P::AlterDropConstraintContext>(spec_ctx)) {
      spec.kind = K::kDropConstraint;
      spec.if_exists = c->ifExists() != nullptr;
      spec.name = Identifier(c->identifier());
    } else if (auto* c = Alt<P::AlterKeysContext>(spec_ctx)) {
      spec.kind = c->DISABLE() ? K::kDisableKeys : K::kEnableKeys;
    } else {
      // A run of options may swallow ", ALGORITHM=x" / ", LOCK=x"; split them out.
      spec.kind = K::kTableOptions;
      for (auto* o : static_cast<P::AlterOptionsContext*>(spec_ctx)->tableOption()) {
        auto opt = TableOption(o);
        if (!opt.quoted && (opt.name == "ALGORITHM" || opt.name == "LOCK")) {
          if (!spec.options.empty()) push(std::move(spec));
          ast::AlterSpec mode;
          mode.kind = opt.name == "ALGORITHM" ? K::kAlgorithm : K::kLock;
          mode.name = Upper(opt.value);
          s->specs.push_back(std::move(mode));
          spec = ast::AlterSpec();
          spec.kind = K::kTableOptions;
          continue;
        }
        spec.options.push_back(std::move(opt));
      }
      if (spec.options.empty()) continue;
    }
    push(std::move(spec));
  }
  return s;
}

ast::StatementPtr Transformer::CreateIndex(P::CreateIndexStatementContext* ctx) {
  auto s = std::make_unique<ast::CreateIndexStatement>();
  s->if_not_exists = ctx->ifNotExists() != nullptr;
  s->table = TableName(ctx->tableName());
  s->index.name = Identifier(ctx->identifier());
  s->index.kind = ast::IndexKind::kIndex;
  if (ctx->kind) {
    switch (ctx->kind->getType()) {
      case P::UNIQUE:
        s->index.kind = ast::IndexKind::kUnique;
        break;
      case P::FULLTEXT:
        s->index.kind = ast::IndexKind::kFulltext;
        break;
      default:
        s->index.kind = ast::IndexKind::kSpatial;
        break;
    }
  }
  s->index.columns = IndexParts(ctx->indexPart());
  IndexOptions(s->index, ctx->indexType(), ctx->indexOption());
  return s;
}

ast::StatementPtr Transformer::DropIndex(P::DropIndexStatementContext* ctx) {
  auto s = std::make_unique<ast::DropIndexStatement>();
  s->if_exists = ctx->ifExists() != nullptr;
  s->name = Identifier(ctx->identifier());
  s->table = TableName(ctx->tableName());
  return s;
}

ast::StatementPtr Transformer::Truncate(P::TruncateStatementContext* ctx) {
  auto s = std::make_unique<ast::TruncateTableStatement>();
  s->table = TableName(ctx->tableName());
  return s;
}

ast::StatementPtr Transformer::RenameTable(P::RenameTableStatementContext* ctx) {
  auto s = std::make_unique<ast::RenameTableStatement>();
  for (auto* p : ctx->renamePair())
    s->renames.emplace_back(TableName(p->tableName(0)), TableName(p->tableName(1)));
  return s;
}

ast::TableOption Transformer::DatabaseOption(P::CreateDatabaseOptionContext* o) {
  if (o->COMMENT()) return ast::TableOption{"COMMENT", TextString(o->textString()), true};
  return ast::TableOption{o->COLLATE() ? "COLLATE" : "CHARSET", CharsetName(o->charsetName()),
                          false};
}

ast::StatementPtr Transformer::CreateDatabase(P::CreateDatabaseStatementContext* ctx) {
  auto s = std::make_unique<ast::CreateDatabaseStatement>();
  s->or_replace = ctx->OR() != nullptr;
  s->if_not_exists = ctx->ifNotExists() != nullptr;
  s->name = Identifier(ctx->identifier());
  for (auto* o : ctx->createDatabaseOption()) s->options.push_back(DatabaseOption(o));
  return s;
}

ast::StatementPtr Transformer::AlterDatabase(P::AlterDatabaseStatementContext* ctx) {
  auto s = std::make_unique<ast::AlterDatabaseStatement>();
  if (ctx->identifier()) s->name = Identifier(ctx->identifier());
  for (auto* o : ctx->createDatabaseOption()) s->options.push_back(DatabaseOption(o));
  return s;
}

ast::StatementPtr Transformer::DropDatabase(P::DropDatabaseStatementContext* ctx) {
  auto s = std::make_unique<ast::DropDatabaseStatement>();
  s->if_exists = ctx->ifExists() != nullptr;
  s->name = Identifier(ctx->identifier());
  return s;
}

}  // namespace tessera::sql::transform
