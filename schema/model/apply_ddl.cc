// ApplyDdl: statement dispatch; ALTER TABLE itself lives in alter_table.cc.
#include "schema/model/alter_table.h"
#include "schema/model/errors.h"
#include "schema/model/from_ast.h"
#include "schema/model/schema.h"
#include "sqlparser/parser.h"

namespace tessera::schema {

namespace ast = sql::ast;

namespace {
Error NoSuchTable(const std::string& name) {
  return SchemaError(mysql_errno::kNoSuchTable, "Table '" + name + "' doesn't exist");
}

Status CreateTable(Schema& schema, const ast::CreateTableStatement& stmt) {
  const std::string& name = stmt.table.name;
  if (stmt.temporary) return Status::Ok();  // temporary tables are not part of the schema
  const bool exists = schema.tables.count(name) > 0;
  if (exists && stmt.if_not_exists) return Status::Ok();
  if (exists && !stmt.or_replace) {
    return SchemaError(schema_errno::kTableExists, "Table '" + name + "' already exists");
  }
  Table table;
  if (stmt.like) {
    const Table* source = schema.FindTable(stmt.like->name);
    if (!source) return NoSuchTable(stmt.like->name);
    table = *source;
    table.name = name;
    table.foreign_keys.clear();  // LIKE copies keys but not foreign keys
  } else {
    auto built = from_ast::TableFromCreate(stmt);
    if (!built.ok()) return std::move(built).error();
    table = std::move(built).value();
  }
  schema.tables[name] = std::move(table);
  return Status::Ok();
}

Status DropTable(Schema& schema, const ast::DropTableStatement& stmt) {
  if (stmt.temporary) return Status::Ok();
  for (const auto& t : stmt.tables) {
    if (!schema.tables.count(t.name) && !stmt.if_exists) {
      return SchemaError(schema_errno::kBadTable, "Unknown table '" + t.name + "'");
    }
  }
  for (const auto& t : stmt.tables) schema.tables.erase(t.name);
  return Status::Ok();
}

Status RenameTables(Schema& schema, const ast::RenameTableStatement& stmt) {
  Schema result = schema;
  for (const auto& [from, to] : stmt.renames) {
    if (Status s = alter::RenameTable(result, from.name, to.name); !s.ok()) return s;
  }
  schema = std::move(result);
  return Status::Ok();
}

Status CreateIndex(Schema& schema, const ast::CreateIndexStatement& stmt) {
  const Table* table = schema.FindTable(stmt.table.name);
  if (!table) return NoSuchTable(stmt.table.name);
  if (stmt.if_not_exists && table->FindIndex(stmt.index.name)) return Status::Ok();
  ast::AlterTableStatement alter;
  alter.table = stmt.table;
  ast::AlterSpec spec;
  spec.kind = ast::AlterSpecKind::kAddIndex;
  spec.index = stmt.index;
  alter.specs.push_back(std::move(spec));
  return alter::ApplyAlterTable(schema, alter);
}

Status DropIndex(Schema& schema, const ast::DropIndexStatement& stmt) {
  ast::AlterTableStatement alter;
  alter.table = stmt.table;
  ast::AlterSpec spec;
  spec.kind = ast::AlterSpecKind::kDropIndex;
  spec.if_exists = stmt.if_exists;
  spec.name = stmt.name;
  alter.specs.push_back(std::move(spec));
  return alter::ApplyAlterTable(schema, alter);
}
}  // namespace

Status ApplyDdl(Schema& schema, std::string_view ddl) {
  sql::Parser parser;
  auto parsed = parser.Parse(ddl);
  if (!parsed.ok()) return std::move(parsed).error();
  const ast::Statement& stmt = **parsed;
  switch (stmt.kind()) {
    case ast::StatementKind::kCreateTable:
      return CreateTable(schema, stmt.As<ast::CreateTableStatement>());
    case ast::StatementKind::kDropTable:
      return DropTable(schema, stmt.As<ast::DropTableStatement>());
    case ast::StatementKind::kAlterTable:
      return alter::ApplyAlterTable(schema, stmt.As<ast::AlterTableStatement>());
    case ast::StatementKind::kCreateIndex:
      return CreateIndex(schema, stmt.As<ast::CreateIndexStatement>());
    case ast::StatementKind::kDropIndex:
      return DropIndex(schema, stmt.As<ast::DropIndexStatement>());
    case ast::StatementKind::kRenameTable:
      return RenameTables(schema, stmt.As<ast::RenameTableStatement>());
    case ast::StatementKind::kTruncateTable: {
      const auto& name = stmt.As<ast::TruncateTableStatement>().table.name;
      return schema.FindTable(name) ? Status::Ok() : Status(NoSuchTable(name));
    }
    default:
      return Error::Make(mysql_errno::kNotSupportedYet,
                         "This version of Tessera doesn't yet support this statement in a schema "
                         "change: " +
                             std::string(ddl.substr(0, 80)));
  }
}

}  // namespace tessera::schema
