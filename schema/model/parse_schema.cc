#include "schema/model/errors.h"
#include "schema/model/from_ast.h"
#include "schema/model/schema.h"
#include "sqlparser/parser.h"

namespace tessera::schema {

namespace ast = sql::ast;

namespace {
Error WithContext(const Error& e, const std::string& context) {
  return Error{e.code, e.sql_state, context + ": " + e.message};
}

Result<std::unique_ptr<ast::Statement>> ParseCreate(sql::Parser& parser, std::string_view text) {
  auto parsed = parser.Parse(text);
  if (!parsed.ok()) return std::move(parsed).error();
  if ((*parsed)->kind() != ast::StatementKind::kCreateTable) {
    return Error::Make(mysql_errno::kParse, "not a CREATE TABLE statement");
  }
  return parsed;
}
}  // namespace

const Table* Schema::FindTable(std::string_view name) const {
  auto it = tables.find(std::string(name));
  return it == tables.end() ? nullptr : &it->second;
}

Result<Table> ParseTable(std::string_view create_statement) {
  sql::Parser parser;
  auto parsed = ParseCreate(parser, create_statement);
  if (!parsed.ok()) return std::move(parsed).error();
  const auto& create = (*parsed)->As<ast::CreateTableStatement>();
  if (create.like) {
    return WithContext(
        Error::Make(mysql_errno::kNotSupportedYet, "CREATE TABLE ... LIKE needs a schema"),
        "table `" + create.table.name + "`");
  }
  auto table = from_ast::TableFromCreate(create);
  if (!table.ok()) return WithContext(table.error(), "table `" + create.table.name + "`");
  return table;
}

Result<Schema> ParseSchema(const std::vector<std::string>& create_statements) {
  sql::Parser parser;
  Schema schema;
  for (size_t i = 0; i < create_statements.size(); ++i) {
    const std::string where = "statement " + std::to_string(i + 1);
    auto parsed = ParseCreate(parser, create_statements[i]);
    if (!parsed.ok()) return WithContext(parsed.error(), where);
    const auto& create = (*parsed)->As<ast::CreateTableStatement>();
    const std::string context = where + " (table `" + create.table.name + "`)";
    if (schema.tables.count(create.table.name)) {
      return WithContext(SchemaError(schema_errno::kTableExists,
                                     "Table '" + create.table.name + "' already exists"),
                         context);
    }
    if (create.like) {
      // LIKE copies a table defined earlier in the list.
      Status s = ApplyDdl(schema, create_statements[i]);
      if (!s.ok()) return WithContext(s.error(), context);
      continue;
    }
    auto table = from_ast::TableFromCreate(create);
    if (!table.ok()) return WithContext(table.error(), context);
    schema.tables.emplace(create.table.name, std::move(table).value());
  }
  return schema;
}

}  // namespace tessera::schema
