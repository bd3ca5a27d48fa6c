#include "schema/model/table.h"

#include "common/ascii.h"
#include "schema/model/charset.h"

namespace tessera::schema {

std::vector<std::string> Index::ColumnNames() const {
  std::vector<std::string> out;
  out.reserve(parts.size());
  for (const auto& p : parts) out.push_back(p.column);
  return out;
}

const Column* Table::FindColumn(std::string_view name) const {
  const int pos = ColumnPosition(name);
  return pos < 0 ? nullptr : &columns[static_cast<size_t>(pos)];
}

Column* Table::FindColumn(std::string_view name) {
  const int pos = ColumnPosition(name);
  return pos < 0 ? nullptr : &columns[static_cast<size_t>(pos)];
}

int Table::ColumnPosition(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (EqualsIgnoreCase(columns[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

const Index* Table::FindIndex(std::string_view name) const {
  for (const auto& i : indexes) {
    if (EqualsIgnoreCase(i.name, name)) return &i;
  }
  return nullptr;
}

const Index* Table::PrimaryKey() const {
  for (const auto& i : indexes) {
    if (i.is_primary()) return &i;
  }
  return nullptr;
}

const ForeignKey* Table::FindForeignKey(std::string_view name) const {
  for (const auto& fk : foreign_keys) {
    if (EqualsIgnoreCase(fk.name, name)) return &fk;
  }
  return nullptr;
}

std::string Table::CreateStatement() const {
  std::string out = "CREATE TABLE " + QuoteName(name) + " (\n";
  std::vector<std::string> lines;
  for (const auto& c : columns) lines.push_back(ColumnSql(*this, c));
  for (const auto& i : indexes) lines.push_back(IndexSql(i));
  for (const auto& fk : foreign_keys) lines.push_back(ForeignKeySql(fk));
  for (const auto& chk : checks) lines.push_back(CheckSql(chk));
  for (size_t i = 0; i < lines.size(); ++i) {
    out += "  " + lines[i];
    out += i + 1 < lines.size() ? ",\n" : "\n";
  }
  out += ")";
  const std::string options = TableOptionsSql(*this);
  if (!options.empty()) out += ' ' + options;
  return out;
}

}  // namespace tessera::schema
