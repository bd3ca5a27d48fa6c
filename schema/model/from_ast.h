// From the parser's AST to the model: the one place that turns
// sqlparser/ast/ddl.h types into Column, Index, ForeignKey, Check and table
// options, applying the normalizations documented in column.h and table.h.
// Used by ParseTable/ParseSchema and ApplyDdl; not part of the public API.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "schema/model/table.h"
#include "sqlparser/ast/ddl.h"

namespace tessera::schema::from_ast {

// Table defaults a new column inherits its charset and collation from.
struct CharsetDefaults {
  std::string charset;
  std::string collation;
};

Result<Column> ColumnFromAst(const sql::ast::ColumnDef& def, const CharsetDefaults& defaults);
// DEFAULT / ON UPDATE expression as canonical SQL text for `column`;
// nullopt for DEFAULT NULL (an error on a NOT NULL column).
Result<std::optional<std::string>> DefaultText(const sql::ast::Expr& expr, const Column& column);

// Adds a key to `table`: resolves column names, names an unnamed key after
// its first column (first free of col, col_2, col_3 ...).
Status AddIndex(Table& table, const sql::ast::IndexDef& def);
// The key a column's inline PRIMARY KEY / UNIQUE attribute declares.
sql::ast::IndexDef InlineIndex(const sql::ast::ColumnDef& def);
// Adds a foreign key (unnamed: `<table>_ibfk_<n>`). `implicit_index_name` is
// set to the name the implicit supporting key should get.
Status AddForeignKey(Table& table, const sql::ast::ForeignKeyDef& def,
                     std::string* implicit_index_name);
// Adds the key InnoDB creates for a foreign key when no key starts with its columns.
void AddImplicitForeignKeyIndex(Table& table, const ForeignKey& fk, const std::string& name);
Status AddCheck(Table& table, const sql::ast::CheckDef& def);

// Applies table options (ENGINE, [DEFAULT] CHARSET, COLLATE, COMMENT, ...).
// AUTO_INCREMENT is ignored; `=DEFAULT` and empty COMMENT remove an option.
void ApplyTableOptions(Table& table, const std::vector<sql::ast::TableOption>& options);

// Restores the Table invariants: primary key columns NOT NULL, keys, foreign
// keys and checks in canonical order.
void Canonicalize(Table& table);

// A table from CREATE TABLE (not the LIKE form).
Result<Table> TableFromCreate(const sql::ast::CreateTableStatement& stmt);

}  // namespace tessera::schema::from_ast
