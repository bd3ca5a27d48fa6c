// The ALTER TABLE text of typed changes.
#include "schema/diff/table_diff.h"

namespace tessera::schema {

namespace {
std::string Position(const TableChange& c) {
  if (c.first) return " FIRST";
  if (!c.after.empty()) return " AFTER " + QuoteName(c.after);
  return "";
}

std::string ResetOption(const std::string& name) {
  if (name == "COMMENT") return "COMMENT=''";
  if (name == "KEY_BLOCK_SIZE") return "KEY_BLOCK_SIZE=0";
  return name + "=DEFAULT";
}
}  // namespace

std::string TableChange::Sql(const Table& to) const {
  switch (kind) {
    case ChangeKind::kDropForeignKey:
      return "DROP FOREIGN KEY " + QuoteName(name);
    case ChangeKind::kDropCheck:
      return "DROP CONSTRAINT " + QuoteName(name);
    case ChangeKind::kDropIndex:
      return index && index->is_primary() ? "DROP PRIMARY KEY" : "DROP KEY " + QuoteName(name);
    case ChangeKind::kDropColumn:
      return "DROP COLUMN " + QuoteName(name);
    case ChangeKind::kAddColumn:
      return "ADD COLUMN " + ColumnSql(to, *column) + Position(*this);
    case ChangeKind::kModifyColumn:
      if (name == column->name) return "MODIFY COLUMN " + ColumnSql(to, *column) + Position(*this);
      return "CHANGE COLUMN " + QuoteName(name) + ' ' + ColumnSql(to, *column) + Position(*this);
    case ChangeKind::kRenameIndex:
      return "RENAME KEY " + QuoteName(name) + " TO " + QuoteName(new_name);
    case ChangeKind::kAddIndex:
      return "ADD " + IndexSql(*index);
    case ChangeKind::kAddForeignKey:
      return "ADD " + ForeignKeySql(*foreign_key);
    case ChangeKind::kAddCheck:
      return "ADD " + CheckSql(*check);
    case ChangeKind::kTableCharset:
      return "DEFAULT CHARSET=" + to.charset + " COLLATE=" + to.collation;
    case ChangeKind::kTableOption:
      return option ? TableOptionSql(name, *option) : ResetOption(name);
  }
  return "";
}

std::string TableDiff::AlterStatement(const Table& to) const {
  std::string out = "ALTER TABLE " + QuoteName(table);
  for (size_t i = 0; i < changes.size(); ++i) {
    out += i ? ", " : " ";
    out += changes[i].Sql(to);
  }
  return out;
}

}  // namespace tessera::schema
