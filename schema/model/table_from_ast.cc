// Whole tables: table options, canonical order, CREATE TABLE.
#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "common/ascii.h"
#include "schema/model/charset.h"
#include "schema/model/errors.h"
#include "schema/model/from_ast.h"

namespace tessera::schema::from_ast {

namespace ast = sql::ast;

namespace {
constexpr std::array<std::string_view, 10> kEngines = {
    "InnoDB",  "MyISAM",    "Aria",    "MEMORY",     "CSV",
    "ARCHIVE", "BLACKHOLE", "ROCKSDB", "MRG_MyISAM", "SEQUENCE"};

std::string CanonicalEngine(std::string_view engine) {
  for (auto e : kEngines) {
    if (EqualsIgnoreCase(e, engine)) return std::string(e);
  }
  return std::string(engine);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool NameLess(const std::string& a, const std::string& b) {
  return AsciiLower(a) < AsciiLower(b);
}
}  // namespace

void ApplyTableOptions(Table& table, const std::vector<ast::TableOption>& options) {
  std::string charset;
  std::string collation;
  for (const auto& o : options) {
    const std::string name = Upper(o.name);
    const bool reset = !o.quoted && EqualsIgnoreCase(o.value, "DEFAULT");
    if (name == "CHARSET" || name == "CHARACTER SET") {
      if (!reset) charset = CanonicalCharset(o.value);
    } else if (name == "COLLATE") {
      if (!reset) collation = CanonicalCollation(o.value);
    } else if (name == "AUTO_INCREMENT") {
      continue;
    } else if (name == "ENGINE") {
      if (!reset) table.options[name] = TableOptionValue{CanonicalEngine(o.value), false};
    } else if (reset || (o.quoted && o.value.empty()) ||
               (name == "KEY_BLOCK_SIZE" && o.value == "0")) {
      table.options.erase(name);
    } else {
      table.options[name] = TableOptionValue{o.quoted ? o.value : Upper(o.value), o.quoted};
    }
  }
  if (!collation.empty()) {
    table.collation = collation;
    table.charset = charset.empty() ? CharsetOfCollation(collation) : charset;
  } else if (!charset.empty()) {
    table.charset = charset;
    table.collation = DefaultCollation(charset);
  }
}

void Canonicalize(Table& table) {
  if (const Index* pk = table.PrimaryKey()) {
    for (const auto& part : pk->parts) {
      if (Column* c = table.FindColumn(part.column)) c->nullable = false;
    }
  }
  std::stable_sort(table.indexes.begin(), table.indexes.end(), [](const Index& a, const Index& b) {
    if (a.is_primary() != b.is_primary()) return a.is_primary();
    return NameLess(a.name, b.name);
  });
  std::stable_sort(
      table.foreign_keys.begin(), table.foreign_keys.end(),
      [](const ForeignKey& a, const ForeignKey& b) { return NameLess(a.name, b.name); });
  std::stable_sort(table.checks.begin(), table.checks.end(),
                   [](const Check& a, const Check& b) { return NameLess(a.name, b.name); });
}

Result<Table> TableFromCreate(const ast::CreateTableStatement& stmt) {
  Table table;
  table.name = stmt.table.name;
  if (stmt.columns.empty()) {
    return SchemaError(schema_errno::kTableMustHaveColumns, "A table must have at least 1 column");
  }
  ApplyTableOptions(table, stmt.options);
  if (!table.options.count("ENGINE")) table.options["ENGINE"] = TableOptionValue{"InnoDB", false};
  const CharsetDefaults defaults{table.charset, table.collation};
  for (const auto& def : stmt.columns) {
    if (table.FindColumn(def.name)) {
      return SchemaError(schema_errno::kDupFieldName, "Duplicate column name '" + def.name + "'");
    }
    auto column = ColumnFromAst(def, defaults);
    if (!column.ok()) return std::move(column).error();
    table.columns.push_back(std::move(column).value());
  }
  // Named keys first so generated names never take a name the statement spells out.
  for (const auto& def : stmt.indexes) {
    if (def.name.empty() && def.kind != ast::IndexKind::kPrimary) continue;
    if (Status s = AddIndex(table, def); !s.ok()) return s.error();
  }
  for (const auto& def : stmt.columns) {
    if (def.key == ast::ColumnKey::kNone) continue;
    if (Status s = AddIndex(table, InlineIndex(def)); !s.ok()) return s.error();
  }
  for (const auto& def : stmt.indexes) {
    if (!def.name.empty() || def.kind == ast::IndexKind::kPrimary) continue;
    if (Status s = AddIndex(table, def); !s.ok()) return s.error();
  }
  std::vector<std::string> implicit_names;
  for (const auto& def : stmt.foreign_keys) {
    std::string implicit;
    if (Status s = AddForeignKey(table, def, &implicit); !s.ok()) return s.error();
    implicit_names.push_back(std::move(implicit));
  }
  for (size_t i = 0; i < implicit_names.size(); ++i) {
    AddImplicitForeignKeyIndex(table, table.foreign_keys[i], implicit_names[i]);
  }
  for (const auto& def : stmt.checks) {
    if (Status s = AddCheck(table, def); !s.ok()) return s.error();
  }
  Canonicalize(table);
  return table;
}

}  // namespace tessera::schema::from_ast
