#include "schema/model/alter_table.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "common/ascii.h"
#include "schema/model/charset.h"
#include "schema/model/errors.h"
#include "schema/model/from_ast.h"

namespace tessera::schema::alter {

namespace ast = sql::ast;
using K = ast::AlterSpecKind;

namespace {
Error UnknownColumn(const std::string& column, const std::string& table) {
  return SchemaError(schema_errno::kBadField, "Unknown column '" + column + "' in '" + table + "'");
}

Error CantDrop(const std::string& what, const std::string& name) {
  return SchemaError(schema_errno::kCantDropFieldOrKey,
                     "Can't DROP " + what + " `" + name + "`; check that it exists");
}

void RenameInList(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  for (auto& n : names) {
    if (EqualsIgnoreCase(n, from)) n = to;
  }
}

// One ALTER TABLE in progress: a working copy of the table, committed at the end.
class Alteration {
 public:
  Alteration(Schema& schema, Table table) : schema_(schema), table_(std::move(table)) {}

  Status Run(const ast::AlterTableStatement& stmt);

 private:
  Status Apply(const ast::AlterSpec& spec);
  Status AddColumn(const ast::AlterSpec& spec);
  Status ChangeColumn(const ast::AlterSpec& spec, const std::string& old_name);
  Status DropColumn(const ast::AlterSpec& spec);
  Status RenameColumn(const std::string& from, const std::string& to);
  Status AlterDefault(const ast::AlterSpec& spec);
  Status DropIndex(const std::string& name, bool if_exists);
  Status RenameIndex(const std::string& from, const std::string& to);
  Status DropForeignKey(const ast::AlterSpec& spec);
  Status DropConstraint(const ast::AlterSpec& spec);
  Status Place(Column column, int old_position, const ast::AlterSpec& spec);
  void RenameColumnReferences(const std::string& from, const std::string& to);

  Schema& schema_;
  Table table_;
  std::string new_name_;
  from_ast::CharsetDefaults defaults_;
  std::vector<std::pair<std::string, std::string>> added_foreign_keys_;  // name, implicit key name
};

Status Alteration::Run(const ast::AlterTableStatement& stmt) {
  const std::string old_name = table_.name;
  // Table defaults first: column definitions in the same statement inherit them.
  for (const auto& spec : stmt.specs) {
    if (spec.kind == K::kTableOptions) from_ast::ApplyTableOptions(table_, spec.options);
    if (spec.kind == K::kConvertCharset && !EqualsIgnoreCase(spec.name, "DEFAULT")) {
      const std::string charset = CanonicalCharset(spec.name);
      ConvertCharset(
          table_, charset,
          spec.new_name.empty() ? DefaultCollation(charset) : CanonicalCollation(spec.new_name));
    }
  }
  defaults_ = {table_.charset, table_.collation};
  for (const auto& spec : stmt.specs) {
    if (Status s = Apply(spec); !s.ok()) return s;
  }
  for (const auto& [fk_name, index_name] : added_foreign_keys_) {
    if (const ForeignKey* fk = table_.FindForeignKey(fk_name)) {
      const ForeignKey copy = *fk;
      from_ast::AddImplicitForeignKeyIndex(table_, copy, index_name);
    }
  }
  if (table_.columns.empty()) {
    return SchemaError(schema_errno::kCantRemoveAllColumns,
                       "You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
  }
  from_ast::Canonicalize(table_);
  Schema result = schema_;
  result.tables[old_name] = std::move(table_);
  if (!new_name_.empty() && new_name_ != old_name) {
    if (Status s = RenameTable(result, old_name, new_name_); !s.ok()) return s;
  }
  schema_ = std::move(result);
  return Status::Ok();
}

Status Alteration::Apply(const ast::AlterSpec& spec) {
  switch (spec.kind) {
    case K::kAddColumn:
      return AddColumn(spec);
    case K::kDropColumn:
      return DropColumn(spec);
    case K::kModifyColumn:
      return ChangeColumn(spec, spec.column->name);
    case K::kChangeColumn:
      return ChangeColumn(spec, spec.name);
    case K::kRenameColumn:
      return RenameColumn(spec.name, spec.new_name);
    case K::kAlterColumnDefault:
      return AlterDefault(spec);
    case K::kAddIndex: {
      if (spec.if_not_exists && table_.FindIndex(spec.index->name)) return Status::Ok();
      return from_ast::AddIndex(table_, *spec.index);
    }
    case K::kDropIndex:
      return DropIndex(spec.name, spec.if_exists);
    case K::kDropPrimaryKey:
      return DropIndex(kPrimaryKeyName, false);
    case K::kRenameIndex:
      return RenameIndex(spec.name, spec.new_name);
    case K::kAddForeignKey: {
      std::string implicit;
      if (Status s = from_ast::AddForeignKey(table_, *spec.foreign_key, &implicit); !s.ok()) {
        return s;
      }
      added_foreign_keys_.emplace_back(table_.foreign_keys.back().name, implicit);
      return Status::Ok();
    }
    case K::kDropForeignKey:
      return DropForeignKey(spec);
    case K::kRenameTable:
      new_name_ = spec.new_table.name;
      return Status::Ok();
    case K::kAddCheck:
      return from_ast::AddCheck(table_, ast::CheckDef{spec.name, ast::CloneExpr(spec.check)});
    case K::kDropConstraint:
      return DropConstraint(spec);
    case K::kTableOptions:
    case K::kConvertCharset:  // applied before the other specs
    case K::kAlgorithm:
    case K::kLock:
    case K::kForce:
    case K::kDisableKeys:  // InnoDB has no disabled keys
    case K::kEnableKeys:
      return Status::Ok();
  }
  return Status::Ok();
}

Status Alteration::Place(Column column, int old_position, const ast::AlterSpec& spec) {
  auto& cols = table_.columns;
  if (old_position >= 0 && !spec.first && spec.after.empty()) {
    cols[static_cast<size_t>(old_position)] = std::move(column);
    return Status::Ok();
  }
  if (old_position >= 0) cols.erase(cols.begin() + old_position);
  if (spec.first) {
    cols.insert(cols.begin(), std::move(column));
  } else if (!spec.after.empty()) {
    const int after = table_.ColumnPosition(spec.after);
    if (after < 0) return UnknownColumn(spec.after, table_.name);
    cols.insert(cols.begin() + after + 1, std::move(column));
  } else {
    cols.push_back(std::move(column));
  }
  return Status::Ok();
}

Status Alteration::AddColumn(const ast::AlterSpec& spec) {
  const auto& def = *spec.column;
  if (table_.FindColumn(def.name)) {
    if (spec.if_not_exists) return Status::Ok();
    return SchemaError(schema_errno::kDupFieldName, "Duplicate column name '" + def.name + "'");
  }
  auto column = from_ast::ColumnFromAst(def, defaults_);
  if (!column.ok()) return std::move(column).error();
  if (Status s = Place(std::move(column).value(), -1, spec); !s.ok()) return s;
  if (def.key != ast::ColumnKey::kNone)
    return from_ast::AddIndex(table_, from_ast::InlineIndex(def));
  return Status::Ok();
}

Status Alteration::ChangeColumn(const ast::AlterSpec& spec, const std::string& old_name) {
  const auto& def = *spec.column;
  const int position = table_.ColumnPosition(old_name);
  if (position < 0) {
    if (spec.if_exists) return Status::Ok();
    return UnknownColumn(old_name, table_.name);
  }
  const std::string spelled = table_.columns[static_cast<size_t>(position)].name;
  if (!EqualsIgnoreCase(def.name, old_name) && table_.FindColumn(def.name)) {
    return SchemaError(schema_errno::kDupFieldName, "Duplicate column name '" + def.name + "'");
  }
  auto column = from_ast::ColumnFromAst(def, defaults_);
  if (!column.ok()) return std::move(column).error();
  if (Status s = Place(std::move(column).value(), position, spec); !s.ok()) return s;
  if (spelled != def.name) RenameColumnReferences(spelled, def.name);
  if (def.key != ast::ColumnKey::kNone)
    return from_ast::AddIndex(table_, from_ast::InlineIndex(def));
  return Status::Ok();
}

Status Alteration::DropColumn(const ast::AlterSpec& spec) {
  const int position = table_.ColumnPosition(spec.name);
  if (position < 0) {
    if (spec.if_exists) return Status::Ok();
    return CantDrop("COLUMN", spec.name);
  }
  for (const auto& fk : table_.foreign_keys) {
    for (const auto& c : fk.columns) {
      if (EqualsIgnoreCase(c, spec.name)) {
        return SchemaError(schema_errno::kFkColumnCannotDrop,
                           "Cannot drop column '" + spec.name +
                               "': needed in a foreign key constraint '" + fk.name + "'");
      }
    }
  }
  table_.columns.erase(table_.columns.begin() + position);
  // A dropped column leaves every key it was part of; a key left without columns goes too.
  for (auto& index : table_.indexes) {
    std::erase_if(index.parts,
                  [&](const IndexPart& p) { return EqualsIgnoreCase(p.column, spec.name); });
  }
  std::erase_if(table_.indexes, [](const Index& i) { return i.parts.empty(); });
  return Status::Ok();
}

Status Alteration::RenameColumn(const std::string& from, const std::string& to) {
  Column* column = table_.FindColumn(from);
  if (!column) return UnknownColumn(from, table_.name);
  if (!EqualsIgnoreCase(from, to) && table_.FindColumn(to)) {
    return SchemaError(schema_errno::kDupFieldName, "Duplicate column name '" + to + "'");
  }
  const std::string spelled = column->name;
  column->name = to;
  RenameColumnReferences(spelled, to);
  return Status::Ok();
}

void Alteration::RenameColumnReferences(const std::string& from, const std::string& to) {
  for (auto& index : table_.indexes) {
    for (auto& part : index.parts) {
      if (EqualsIgnoreCase(part.column, from)) part.column = to;
    }
  }
  for (auto& fk : table_.foreign_keys) {
    RenameInList(fk.columns, from, to);
    if (fk.ref_table == table_.name && fk.ref_schema.empty())
      RenameInList(fk.ref_columns, from, to);
  }
  for (auto& [name, other] : schema_.tables) {
    if (name == table_.name) continue;
    for (auto& fk : other.foreign_keys) {
      if (fk.ref_table == table_.name && fk.ref_schema.empty())
        RenameInList(fk.ref_columns, from, to);
    }
  }
}

Status Alteration::AlterDefault(const ast::AlterSpec& spec) {
  Column* column = table_.FindColumn(spec.name);
  if (!column) return UnknownColumn(spec.name, table_.name);
  if (!spec.default_value) {
    column->default_value.reset();
    return Status::Ok();
  }
  auto text = from_ast::DefaultText(*spec.default_value, *column);
  if (!text.ok()) return std::move(text).error();
  column->default_value = std::move(text).value();
  return Status::Ok();
}

Status Alteration::DropIndex(const std::string& name, bool if_exists) {
  auto it = std::find_if(table_.indexes.begin(), table_.indexes.end(),
                         [&](const Index& i) { return EqualsIgnoreCase(i.name, name); });
  if (it == table_.indexes.end()) return if_exists ? Status::Ok() : Status(CantDrop("INDEX", name));
  table_.indexes.erase(it);
  return Status::Ok();
}

Status Alteration::RenameIndex(const std::string& from, const std::string& to) {
  auto it = std::find_if(table_.indexes.begin(), table_.indexes.end(),
                         [&](const Index& i) { return EqualsIgnoreCase(i.name, from); });
  if (it == table_.indexes.end() || it->is_primary()) {
    return SchemaError(schema_errno::kKeyColumnMissing,
                       "Key '" + from + "' doesn't exist in table '" + table_.name + "'");
  }
  if (!EqualsIgnoreCase(from, to) &&
      (table_.FindIndex(to) || EqualsIgnoreCase(to, kPrimaryKeyName))) {
    return SchemaError(schema_errno::kDupKeyName, "Duplicate key name '" + to + "'");
  }
  it->name = to;
  return Status::Ok();
}

// DROP CONSTRAINT names a CHECK constraint or, as in MariaDB, a foreign key.
Status Alteration::DropConstraint(const ast::AlterSpec& spec) {
  auto& checks = table_.checks;
  auto it = std::find_if(checks.begin(), checks.end(),
                         [&](const Check& c) { return EqualsIgnoreCase(c.name, spec.name); });
  if (it != checks.end()) {
    checks.erase(it);
    return Status::Ok();
  }
  if (table_.FindForeignKey(spec.name) != nullptr) return DropForeignKey(spec);
  return spec.if_exists ? Status::Ok() : Status(CantDrop("CONSTRAINT", spec.name));
}

Status Alteration::DropForeignKey(const ast::AlterSpec& spec) {
  auto& fks = table_.foreign_keys;
  auto it = std::find_if(fks.begin(), fks.end(), [&](const ForeignKey& fk) {
    return EqualsIgnoreCase(fk.name, spec.name);
  });
  if (it == fks.end()) {
    return spec.if_exists ? Status::Ok() : Status(CantDrop("FOREIGN KEY", spec.name));
  }
  fks.erase(it);
  return Status::Ok();
}

// Byte capacity of the TEXT types, smallest first.
constexpr std::array<std::pair<std::string_view, uint64_t>, 4> kTextCapacity = {{
    {"tinytext", 255},
    {"text", 65535},
    {"mediumtext", 16777215},
    {"longtext", 4294967295ULL},
}};
}  // namespace

void ConvertCharset(Table& table, const std::string& charset, const std::string& collation) {
  const int new_width = MaxBytesPerChar(charset);
  for (auto& c : table.columns) {
    if (!c.IsTextual()) continue;
    const int old_width = MaxBytesPerChar(c.charset);
    for (size_t i = 0; i < kTextCapacity.size() && old_width > 0 && new_width > old_width; ++i) {
      if (kTextCapacity[i].first != c.type) continue;
      const uint64_t needed = kTextCapacity[i].second / static_cast<uint64_t>(old_width) *
                              static_cast<uint64_t>(new_width);
      size_t j = i;
      while (j + 1 < kTextCapacity.size() && kTextCapacity[j].second < needed) ++j;
      c.type = std::string(kTextCapacity[j].first);
      break;
    }
    c.charset = charset;
    c.collation = collation;
  }
  table.charset = charset;
  table.collation = collation;
}

Status RenameTable(Schema& schema, const std::string& from, const std::string& to) {
  auto it = schema.tables.find(from);
  if (it == schema.tables.end()) {
    return SchemaError(mysql_errno::kNoSuchTable, "Table '" + from + "' doesn't exist");
  }
  if (from == to) return Status::Ok();
  if (schema.tables.count(to)) {
    return SchemaError(schema_errno::kTableExists, "Table '" + to + "' already exists");
  }
  Table table = std::move(it->second);
  schema.tables.erase(it);
  table.name = to;
  schema.tables.emplace(to, std::move(table));
  for (auto& [name, t] : schema.tables) {
    for (auto& fk : t.foreign_keys) {
      if (fk.ref_table == from && fk.ref_schema.empty()) fk.ref_table = to;
    }
  }
  return Status::Ok();
}

Status ApplyAlterTable(Schema& schema, const ast::AlterTableStatement& stmt) {
  const Table* table = schema.FindTable(stmt.table.name);
  if (!table) {
    return SchemaError(mysql_errno::kNoSuchTable, "Table '" + stmt.table.name + "' doesn't exist");
  }
  Alteration alteration(schema, *table);
  return alteration.Run(stmt);
}

}  // namespace tessera::schema::alter
