// DDL text of table elements: the one place that decides how the model is
// spelled in SQL (SHOW CREATE TABLE layout, identifiers always backquoted).
#include "schema/model/charset.h"
#include "schema/model/table.h"
#include "sqlparser/format.h"

namespace tessera::schema {

namespace {
std::string PartsSql(const std::vector<IndexPart>& parts) {
  std::string out = "(";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ',';
    out += QuoteName(parts[i].column);
    if (parts[i].length) out += '(' + std::to_string(*parts[i].length) + ')';
    if (parts[i].desc) out += " DESC";
  }
  return out + ')';
}

std::string NameListSql(const std::vector<std::string>& names) {
  std::string out = "(";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    out += QuoteName(names[i]);
  }
  return out + ')';
}

const char* IndexKeyword(IndexKind kind) {
  switch (kind) {
    case IndexKind::kPrimary:
      return "PRIMARY KEY";
    case IndexKind::kUnique:
      return "UNIQUE KEY";
    case IndexKind::kIndex:
      return "KEY";
    case IndexKind::kFulltext:
      return "FULLTEXT KEY";
    case IndexKind::kSpatial:
      return "SPATIAL KEY";
  }
  return "KEY";
}
}  // namespace

std::string QuoteName(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + '`';
}

std::string ColumnSql(const Table& table, const Column& c) {
  std::string out = QuoteName(c.name) + ' ' + c.TypeSql();
  if (c.IsTextual() && !c.charset.empty()) {
    std::string expected = table.collation;
    if (c.charset != table.charset) {
      out += " CHARACTER SET " + c.charset;
      expected = DefaultCollation(c.charset);
    }
    if (c.collation != expected) out += " COLLATE " + c.collation;
  }
  if (c.generated) {
    out += " GENERATED ALWAYS AS (" + *c.generated + ')';
    out += c.generated_stored ? " STORED" : " VIRTUAL";
  }
  if (!c.nullable) out += " NOT NULL";
  if (c.default_value) {
    out += " DEFAULT " + *c.default_value;
  } else if (c.nullable && !c.generated && !c.auto_increment) {
    out += " DEFAULT NULL";
  }
  if (c.on_update) out += " ON UPDATE " + *c.on_update;
  if (c.auto_increment) out += " AUTO_INCREMENT";
  if (!c.comment.empty()) out += " COMMENT " + sql::QuoteString(c.comment);
  return out;
}

std::string IndexSql(const Index& index) {
  std::string out = IndexKeyword(index.kind);
  if (!index.is_primary()) out += ' ' + QuoteName(index.name);
  out += ' ' + PartsSql(index.parts);
  if (!index.using_type.empty()) out += " USING " + index.using_type;
  if (!index.comment.empty()) out += " COMMENT " + sql::QuoteString(index.comment);
  return out;
}

std::string ForeignKeySql(const ForeignKey& fk) {
  std::string out = "CONSTRAINT " + QuoteName(fk.name) + " FOREIGN KEY " + NameListSql(fk.columns);
  out += " REFERENCES ";
  if (!fk.ref_schema.empty()) out += QuoteName(fk.ref_schema) + '.';
  out += QuoteName(fk.ref_table) + ' ' + NameListSql(fk.ref_columns);
  if (!fk.on_delete.empty()) out += " ON DELETE " + fk.on_delete;
  if (!fk.on_update.empty()) out += " ON UPDATE " + fk.on_update;
  return out;
}

std::string CheckSql(const Check& check) {
  return "CONSTRAINT " + QuoteName(check.name) + " CHECK (" + check.expr + ')';
}

std::string TableOptionSql(std::string_view name, const TableOptionValue& value) {
  std::string out = name == "CHARSET" ? "DEFAULT CHARSET" : std::string(name);
  return out + '=' + (value.quoted ? sql::QuoteString(value.value) : value.value);
}

std::string TableOptionsSql(const Table& table) {
  std::vector<std::string> parts;
  if (auto it = table.options.find("ENGINE"); it != table.options.end()) {
    parts.push_back(TableOptionSql("ENGINE", it->second));
  }
  if (!table.charset.empty()) parts.push_back("DEFAULT CHARSET=" + table.charset);
  if (!table.collation.empty()) parts.push_back("COLLATE=" + table.collation);
  for (const auto& [name, value] : table.options) {
    if (name != "ENGINE" && name != "COMMENT") parts.push_back(TableOptionSql(name, value));
  }
  if (auto it = table.options.find("COMMENT"); it != table.options.end()) {
    parts.push_back(TableOptionSql("COMMENT", it->second));
  }
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

}  // namespace tessera::schema
