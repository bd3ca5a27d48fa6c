// Keys, foreign keys and checks: name generation and column resolution.
#include <algorithm>
#include <cctype>

#include "common/ascii.h"
#include "schema/model/errors.h"
#include "schema/model/from_ast.h"
#include "sqlparser/format.h"

namespace tessera::schema::from_ast {

namespace ast = sql::ast;

namespace {
// MariaDB's name for an unnamed key on `column`: the column name, else the
// first free of column_2, column_3, ...
std::string UnusedIndexName(const Table& table, const std::string& column) {
  auto taken = [&](const std::string& n) {
    return table.FindIndex(n) != nullptr || EqualsIgnoreCase(n, kPrimaryKeyName);
  };
  if (!taken(column)) return column;
  for (int i = 2;; ++i) {
    std::string candidate = column + "_" + std::to_string(i);
    if (!taken(candidate)) return candidate;
  }
}

IndexKind KindFromAst(ast::IndexKind k) {
  switch (k) {
    case ast::IndexKind::kPrimary:
      return IndexKind::kPrimary;
    case ast::IndexKind::kUnique:
      return IndexKind::kUnique;
    case ast::IndexKind::kIndex:
      return IndexKind::kIndex;
    case ast::IndexKind::kFulltext:
      return IndexKind::kFulltext;
    case ast::IndexKind::kSpatial:
      return IndexKind::kSpatial;
  }
  return IndexKind::kIndex;
}

Result<std::string> ResolveColumn(const Table& table, const std::string& name) {
  const Column* c = table.FindColumn(name);
  if (!c) {
    return SchemaError(schema_errno::kKeyColumnMissing,
                       "Key column '" + name + "' doesn't exist in table");
  }
  return c->name;
}

// The highest n among names `<table>_<infix><n>`.
int HighestGeneratedNumber(const std::vector<std::string>& names, const std::string& prefix) {
  int highest = 0;
  for (const auto& n : names) {
    if (n.size() <= prefix.size() || !EqualsIgnoreCase(n.substr(0, prefix.size()), prefix)) {
      continue;
    }
    const std::string digits = n.substr(prefix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        digits.size() > 9) {
      continue;
    }
    highest = std::max(highest, std::stoi(digits));
  }
  return highest;
}
}  // namespace

ast::IndexDef InlineIndex(const ast::ColumnDef& def) {
  ast::IndexDef idx;
  idx.kind =
      def.key == ast::ColumnKey::kPrimary ? ast::IndexKind::kPrimary : ast::IndexKind::kUnique;
  idx.columns.push_back(ast::IndexColumn{def.name, std::nullopt, false});
  return idx;
}

Status AddIndex(Table& table, const ast::IndexDef& def) {
  Index index;
  index.kind = KindFromAst(def.kind);
  if (def.columns.empty())
    return SchemaError(mysql_errno::kParse, "A key needs at least one column");
  for (const auto& part : def.columns) {
    auto column = ResolveColumn(table, part.name);
    if (!column.ok()) return std::move(column).error();
    index.parts.push_back(IndexPart{std::move(column).value(), part.length, part.desc});
  }
  if (index.is_primary()) {
    if (table.PrimaryKey()) {
      return SchemaError(schema_errno::kMultiplePrimaryKey, "Multiple primary key defined");
    }
    index.name = kPrimaryKeyName;
  } else if (def.name.empty()) {
    index.name = UnusedIndexName(table, index.parts[0].column);
  } else {
    if (table.FindIndex(def.name) || EqualsIgnoreCase(def.name, kPrimaryKeyName)) {
      return SchemaError(schema_errno::kDupKeyName, "Duplicate key name '" + def.name + "'");
    }
    index.name = def.name;
  }
  index.using_type = def.using_type;
  for (char& ch : index.using_type) {
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  index.comment = def.comment.value_or("");
  table.indexes.push_back(std::move(index));
  return Status::Ok();
}

Status AddForeignKey(Table& table, const ast::ForeignKeyDef& def,
                     std::string* implicit_index_name) {
  ForeignKey fk;
  for (const auto& name : def.columns) {
    auto column = ResolveColumn(table, name);
    if (!column.ok()) return std::move(column).error();
    fk.columns.push_back(std::move(column).value());
  }
  fk.ref_schema = def.ref_table.qualifier;
  fk.ref_table = def.ref_table.name;
  fk.ref_columns = def.ref_columns;
  fk.on_delete = def.on_delete == "RESTRICT" ? "" : def.on_delete;
  fk.on_update = def.on_update == "RESTRICT" ? "" : def.on_update;
  if (fk.columns.empty() || fk.columns.size() != fk.ref_columns.size()) {
    return SchemaError(mysql_errno::kParse, "Foreign key column lists differ in length");
  }
  if (!def.constraint_name.empty()) {
    fk.name = def.constraint_name;
  } else {
    std::vector<std::string> names;
    for (const auto& existing : table.foreign_keys) names.push_back(existing.name);
    const std::string prefix = table.name + "_ibfk_";
    fk.name = prefix + std::to_string(HighestGeneratedNumber(names, prefix) + 1);
  }
  if (table.FindForeignKey(fk.name)) {
    return SchemaError(schema_errno::kDupForeignKey,
                       "Duplicate FOREIGN KEY constraint name '" + fk.name + "'");
  }
  if (implicit_index_name) {
    if (!def.constraint_name.empty()) {
      *implicit_index_name = def.constraint_name;
    } else if (!def.index_name.empty()) {
      *implicit_index_name = def.index_name;
    } else {
      implicit_index_name->clear();
    }
  }
  table.foreign_keys.push_back(std::move(fk));
  return Status::Ok();
}

void AddImplicitForeignKeyIndex(Table& table, const ForeignKey& fk, const std::string& name) {
  for (const auto& index : table.indexes) {
    if (index.parts.size() < fk.columns.size()) continue;
    bool covers = true;
    for (size_t i = 0; i < fk.columns.size() && covers; ++i) {
      covers = EqualsIgnoreCase(index.parts[i].column, fk.columns[i]) && !index.parts[i].length;
    }
    if (covers) return;
  }
  Index index;
  index.kind = IndexKind::kIndex;
  index.name = name.empty() || table.FindIndex(name) ? UnusedIndexName(table, fk.columns[0]) : name;
  for (const auto& c : fk.columns) index.parts.push_back(IndexPart{c, std::nullopt, false});
  table.indexes.push_back(std::move(index));
}

Status AddCheck(Table& table, const ast::CheckDef& def) {
  Check check;
  if (def.name.empty()) {
    std::vector<std::string> names;
    for (const auto& existing : table.checks) names.push_back(existing.name);
    check.name = "CONSTRAINT_" + std::to_string(HighestGeneratedNumber(names, "CONSTRAINT_") + 1);
  } else {
    check.name = def.name;
  }
  for (const auto& existing : table.checks) {
    if (EqualsIgnoreCase(existing.name, check.name)) {
      return SchemaError(schema_errno::kDupKeyName,
                         "Duplicate CHECK constraint name '" + check.name + "'");
    }
  }
  check.expr = def.expr ? sql::FormatExpr(*def.expr) : "";
  table.checks.push_back(std::move(check));
  return Status::Ok();
}

}  // namespace tessera::schema::from_ast
