#include "vttablet/onlineddl/table_info.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "sqlparser/format.h"
#include "vttablet/onlineddl/binlog_tail.h"

namespace tessera::vttablet::onlineddl {

bool ColumnInfo::is_string() const {
  static const std::set<std::string> kTypes = {"char",     "varchar", "binary",     "varbinary",
                                               "tinytext", "text",    "mediumtext", "longtext",
                                               "tinyblob", "blob",    "mediumblob", "longblob"};
  return kTypes.count(data_type) > 0;
}

bool ColumnInfo::is_numeric() const {
  static const std::set<std::string> kTypes = {"tinyint", "smallint", "mediumint", "int", "bigint",
                                               "decimal", "float",    "double",    "year"};
  return kTypes.count(data_type) > 0;
}

bool ColumnInfo::is_integer() const {
  static const std::set<std::string> kTypes = {"tinyint", "smallint", "mediumint", "int", "bigint"};
  return kTypes.count(data_type) > 0;
}

const ColumnInfo* TableInfo::Find(const std::string& name) const {
  for (const auto& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

std::optional<size_t> TableInfo::Ordinal(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return std::nullopt;
}

Result<TableInfo> LoadTableInfo(BlockingConnection& connection, const std::string& database,
                                const std::string& table) {
  TableInfo info;
  info.database = database;
  info.table = table;
  std::string where = fmt::format("TABLE_SCHEMA = {} AND TABLE_NAME = {}",
                                  sql::QuoteString(database), sql::QuoteString(table));
  auto columns = connection.Query(
      "SELECT COLUMN_NAME, LOWER(DATA_TYPE), COLUMN_TYPE, IFNULL(CHARACTER_SET_NAME, ''), "
      "IS_NULLABLE, IS_GENERATED FROM information_schema.COLUMNS WHERE " +
      where + " ORDER BY ORDINAL_POSITION");
  if (!columns.ok()) return std::move(columns).error();
  if (columns.value().empty())
    return Error::Make(1146, fmt::format("Table '{}.{}' doesn't exist", database, table));
  for (const auto& row : columns.value()) {
    ColumnInfo c;
    c.name = row[0].value_or("");
    c.data_type = row[1].value_or("");
    c.column_type = row[2].value_or("");
    c.charset = row[3].value_or("");
    c.nullable = row[4].value_or("") == "YES";
    c.generated = row[5].value_or("NEVER") != "NEVER";
    info.columns.push_back(std::move(c));
  }
  auto keys = connection.Query(
      "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE " + where +
      " AND NON_UNIQUE = 0 AND SUB_PART IS NULL ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, "
      "SEQ_IN_INDEX");
  if (!keys.ok()) return std::move(keys).error();
  for (const auto& row : keys.value()) {
    std::string name = row[0].value_or("");
    if (info.unique_keys.empty() || info.unique_keys.back().name != name)
      info.unique_keys.push_back(UniqueKey{name, {}});
    info.unique_keys.back().columns.push_back(row[1].value_or(""));
  }
  // A key with a prefix part was filtered column by column above; drop keys
  // that lost columns that way (their remaining columns are not unique).
  auto prefixed =
      connection.Query("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE " +
                       where + " AND NON_UNIQUE = 0 AND SUB_PART IS NOT NULL");
  if (!prefixed.ok()) return std::move(prefixed).error();
  for (const auto& row : prefixed.value()) {
    std::string name = row[0].value_or("");
    std::erase_if(info.unique_keys, [&](const UniqueKey& k) { return k.name == name; });
  }
  return info;
}

namespace {

bool AllNotNull(const TableInfo& table, const std::vector<std::string>& columns) {
  for (const auto& name : columns) {
    const ColumnInfo* c = table.Find(name);
    if (c == nullptr || c->nullable) return false;
  }
  return true;
}

bool HasUniqueKeyOn(const TableInfo& table, std::vector<std::string> columns) {
  std::sort(columns.begin(), columns.end());
  for (const auto& key : table.unique_keys) {
    std::vector<std::string> k = key.columns;
    std::sort(k.begin(), k.end());
    if (k == columns && AllNotNull(table, key.columns)) return true;
  }
  return false;
}

}  // namespace

Result<CopyPlan> PlanCopy(const TableInfo& source, const TableInfo& target,
                          const std::map<std::string, std::string>& renames) {
  CopyPlan plan;
  auto mapped = [&](const std::string& name) {
    auto it = renames.find(name);
    return it == renames.end() ? name : it->second;
  };
  for (const auto& c : source.columns) {
    if (c.generated) continue;
    std::string to = mapped(c.name);
    const ColumnInfo* t = target.Find(to);
    if (t == nullptr || t->generated) continue;
    plan.source_columns.push_back(c.name);
    plan.target_columns.push_back(to);
  }
  if (plan.source_columns.empty())
    return Error::Internal(
        fmt::format("`{}` and `{}` share no columns", source.table, target.table));
  for (const auto& key : source.unique_keys) {
    if (!AllNotNull(source, key.columns)) continue;
    std::vector<std::string> target_key;
    bool shared = true;
    for (const auto& name : key.columns) {
      std::string to = mapped(name);
      const ColumnInfo* sc = source.Find(name);
      if (sc == nullptr || sc->generated ||
          std::find(plan.source_columns.begin(), plan.source_columns.end(), name) ==
              plan.source_columns.end()) {
        shared = false;
        break;
      }
      target_key.push_back(to);
    }
    if (!shared || !HasUniqueKeyOn(target, target_key)) continue;
    plan.key_name = key.name;
    plan.source_key = key.columns;
    plan.target_key = std::move(target_key);
    return plan;
  }
  return Error::Internal(fmt::format(
      "`{}` and its new version share no non-null unique key (a PRIMARY KEY or a UNIQUE key on "
      "NOT NULL columns present in both); the table cannot be changed online",
      source.table));
}

CopyPlan ReversePlan(const CopyPlan& plan) {
  CopyPlan r;
  r.source_columns = plan.target_columns;
  r.target_columns = plan.source_columns;
  r.key_name = "";
  r.source_key = plan.target_key;
  r.target_key = plan.source_key;
  return r;
}

Result<WatchedTable> WatchKey(const TableInfo& source, const std::vector<std::string>& key) {
  WatchedTable watched;
  watched.database = source.database;
  watched.table = source.table;
  for (const auto& name : key) {
    auto ordinal = source.Ordinal(name);
    if (!ordinal)
      return Error::Internal(fmt::format("key column `{}` is not in `{}`", name, source.table));
    const ColumnInfo& c = source.columns[*ordinal];
    watched.key_columns.push_back(*ordinal);
    watched.key_formats.push_back(KeyColumnFormat{c.is_unsigned(), c.charset});
  }
  return watched;
}

}  // namespace tessera::vttablet::onlineddl
