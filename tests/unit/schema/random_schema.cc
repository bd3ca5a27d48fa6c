#include "random_schema.h"

#include <algorithm>
#include <array>
#include <utility>

#include "sqlparser/format.h"

namespace tessera::schema::testing {

namespace {
constexpr std::array<std::pair<const char*, const char*>, 6> kCharsets = {{
    {"latin1", "latin1_swedish_ci"},
    {"latin1", "latin1_bin"},
    {"utf8mb4", "utf8mb4_general_ci"},
    {"utf8mb4", "utf8mb4_bin"},
    {"utf8mb4", "utf8mb4_unicode_ci"},
    {"utf8mb3", "utf8mb3_general_ci"},
}};

bool IsBlobOrText(const Column& c) {
  return c.type.find("text") != std::string::npos || c.type.find("blob") != std::string::npos;
}

bool FulltextCapable(const Column& c) {
  return c.type == "char" || c.type == "varchar" || c.type.find("text") != std::string::npos;
}

void RemoveColumnEverywhere(Table& t, const std::string name) {
  std::erase_if(t.columns, [&](const Column& c) { return c.name == name; });
  for (auto& i : t.indexes) {
    std::erase_if(i.parts, [&](const IndexPart& p) { return p.column == name; });
  }
  std::erase_if(t.indexes, [](const Index& i) { return i.parts.empty(); });
  std::erase_if(t.foreign_keys, [&](const ForeignKey& fk) {
    return std::find(fk.columns.begin(), fk.columns.end(), name) != fk.columns.end();
  });
}
}  // namespace

int RandomSchemaGenerator::Uniform(int low, int high) {
  return std::uniform_int_distribution<int>(low, high)(rng_);
}

bool RandomSchemaGenerator::Chance(int percent) {
  return Uniform(0, 99) < percent;
}

std::string RandomSchemaGenerator::FreshName(const std::string& prefix) {
  return prefix + std::to_string(counter_++);
}

void RandomSchemaGenerator::ChangeColumnType(Column& c, const Table& table) {
  c.length.reset();
  c.scale.reset();
  c.values.clear();
  c.is_unsigned = false;
  c.zerofill = false;
  c.charset.clear();
  c.collation.clear();
  c.default_value.reset();
  c.on_update.reset();
  c.auto_increment = false;
  static const std::array<const char*, 5> kInts = {"tinyint", "smallint", "mediumint", "int",
                                                   "bigint"};
  static const std::array<const char*, 4> kTexts = {"tinytext", "text", "mediumtext", "longtext"};
  switch (Uniform(0, 13)) {
    case 0:
      c.type = kInts[static_cast<size_t>(Uniform(0, 4))];
      c.is_unsigned = Chance(40);
      if (Chance(30)) c.default_value = std::to_string(Uniform(0, 100));
      break;
    case 1:
      c.type = "tinyint";
      c.length = 1;
      if (Chance(40)) c.default_value = Chance(50) ? "1" : "0";
      break;
    case 2:
      c.type = "varchar";
      c.length = static_cast<uint32_t>(Uniform(1, 300));
      if (Chance(30)) c.default_value = sql::QuoteString(Chance(50) ? "it's" : "");
      break;
    case 3:
      c.type = "char";
      c.length = static_cast<uint32_t>(Uniform(1, 40));
      if (Chance(30)) c.default_value = sql::QuoteString("x");
      break;
    case 4:
      c.type = kTexts[static_cast<size_t>(Uniform(0, 3))];
      break;
    case 5:
      c.type = "decimal";
      c.length = static_cast<uint32_t>(Uniform(1, 30));
      c.scale = static_cast<uint32_t>(Uniform(0, std::min<int>(static_cast<int>(*c.length), 10)));
      c.is_unsigned = Chance(20);
      if (Chance(30)) c.default_value = "-" + std::to_string(Uniform(1, 9));
      break;
    case 6:
      c.type = Chance(50) ? "double" : "float";
      if (Chance(30)) c.default_value = "1.5";
      break;
    case 7:
    case 8:
      c.type = Chance(50) ? "datetime" : "timestamp";
      if (Chance(40)) c.length = static_cast<uint32_t>(Uniform(1, 6));
      if (Chance(40)) {
        c.default_value = c.length ? "current_timestamp(" + std::to_string(*c.length) + ")"
                                   : std::string("current_timestamp()");
        if (Chance(50)) c.on_update = c.default_value;
      }
      break;
    case 9: {
      static const std::array<const char*, 3> kOther = {"date", "time", "year"};
      c.type = kOther[static_cast<size_t>(Uniform(0, 2))];
      if (c.type == "date" && Chance(40)) c.default_value = "'2020-01-02'";
      break;
    }
    case 10:
      c.type = "enum";
      c.values = {"a", "b"};
      if (Chance(50)) c.values.push_back("it's");
      if (Chance(40)) c.default_value = "'a'";
      break;
    case 11:
      c.type = "set";
      c.values = {"x", "y", "z"};
      break;
    case 12:
      if (Chance(50)) {
        c.type = "varbinary";
        c.length = static_cast<uint32_t>(Uniform(1, 200));
      } else {
        c.type = Chance(50) ? "blob" : "binary";
        if (c.type == "binary") c.length = static_cast<uint32_t>(Uniform(1, 16));
      }
      break;
    default:
      c.type = "bit";
      c.length = static_cast<uint32_t>(Uniform(1, 64));
      if (Chance(30)) c.default_value = "b'1'";
      break;
  }
  if (c.IsTextual()) {
    if (Chance(60)) {
      c.charset = table.charset;
      c.collation = table.collation;
    } else {
      const auto& cs = kCharsets[static_cast<size_t>(Uniform(0, kCharsets.size() - 1))];
      c.charset = cs.first;
      c.collation = cs.second;
    }
  }
}

Column RandomSchemaGenerator::NewColumn(const std::string& name, const Table& table) {
  Column c;
  c.name = name;
  ChangeColumnType(c, table);
  c.nullable = Chance(60);
  if (Chance(15)) c.comment = Chance(50) ? "it's a note" : "plain";
  return c;
}

void RandomSchemaGenerator::SetPrimaryKey(Table& t) {
  std::erase_if(t.indexes, [](const Index& i) { return i.is_primary(); });
  for (auto& c : t.columns) c.auto_increment = false;
  std::vector<size_t> candidates;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (!IsBlobOrText(t.columns[i])) candidates.push_back(i);
  }
  if (candidates.empty()) return;
  std::shuffle(candidates.begin(), candidates.end(), rng_);
  Index pk;
  pk.name = kPrimaryKeyName;
  pk.kind = IndexKind::kPrimary;
  const size_t parts = std::min<size_t>(candidates.size(), Chance(70) ? 1 : 2);
  for (size_t k = 0; k < parts; ++k) {
    Column& c = t.columns[candidates[k]];
    c.nullable = false;
    pk.parts.push_back(IndexPart{c.name, std::nullopt, false});
  }
  Column& first = t.columns[candidates[0]];
  if (IsIntegerType(first.type) && !(first.type == "tinyint" && first.length) && Chance(50)) {
    first.auto_increment = true;
    first.default_value.reset();
  }
  t.indexes.push_back(std::move(pk));
}

void RandomSchemaGenerator::AddRandomIndex(Table& t) {
  Index index;
  index.name = FreshName("k");
  const int roll = Uniform(0, 99);
  index.kind = roll < 15   ? IndexKind::kFulltext
               : roll < 40 ? IndexKind::kUnique
                           : IndexKind::kIndex;
  std::vector<const Column*> pool;
  for (const auto& c : t.columns) {
    if (index.kind != IndexKind::kFulltext || FulltextCapable(c)) pool.push_back(&c);
  }
  if (pool.empty()) return;
  std::shuffle(pool.begin(), pool.end(), rng_);
  const size_t parts = std::min<size_t>(pool.size(), static_cast<size_t>(Uniform(1, 3)));
  for (size_t k = 0; k < parts; ++k) {
    IndexPart part{pool[k]->name, std::nullopt, false};
    if (index.kind != IndexKind::kFulltext) {
      if (IsBlobOrText(*pool[k]) || (pool[k]->type == "varchar" && Chance(30))) {
        part.length = static_cast<uint32_t>(Uniform(1, 20));
      }
      part.desc = Chance(15);
    }
    index.parts.push_back(std::move(part));
  }
  if (index.kind != IndexKind::kFulltext && Chance(10)) index.using_type = "BTREE";
  if (Chance(10)) index.comment = "key note";
  t.indexes.push_back(std::move(index));
}

void RandomSchemaGenerator::AddRandomForeignKey(Table& t, const std::vector<std::string>& others) {
  if (others.empty() || t.columns.empty()) return;
  ForeignKey fk;
  fk.name = FreshName("fk");
  fk.columns = {t.columns[static_cast<size_t>(Uniform(0, t.columns.size() - 1))].name};
  if (IsBlobOrText(*t.FindColumn(fk.columns[0]))) return;
  fk.ref_table = others[static_cast<size_t>(Uniform(0, others.size() - 1))];
  fk.ref_columns = {"id"};
  static const std::array<const char*, 4> kActions = {"", "CASCADE", "SET NULL", "NO ACTION"};
  fk.on_delete = kActions[static_cast<size_t>(Uniform(0, 3))];
  fk.on_update = kActions[static_cast<size_t>(Uniform(0, 3))];
  t.foreign_keys.push_back(std::move(fk));
}

void RandomSchemaGenerator::RandomOptions(Table& t) {
  static const std::array<const char*, 3> kEngines = {"InnoDB", "MyISAM", "Aria"};
  static const std::array<const char*, 3> kRowFormats = {"DYNAMIC", "COMPACT", "COMPRESSED"};
  t.options.clear();
  t.options["ENGINE"] = {Chance(70) ? "InnoDB" : kEngines[static_cast<size_t>(Uniform(1, 2))],
                         false};
  if (Chance(30))
    t.options["ROW_FORMAT"] = {kRowFormats[static_cast<size_t>(Uniform(0, 2))], false};
  if (Chance(20)) t.options["COMMENT"] = {Chance(50) ? "table's comment" : "t", true};
  if (Chance(10)) t.options["KEY_BLOCK_SIZE"] = {"8", false};
  const auto& cs = kCharsets[static_cast<size_t>(Uniform(0, kCharsets.size() - 1))];
  t.charset = cs.first;
  t.collation = cs.second;
}

Table RandomSchemaGenerator::NewTable(const std::string& name,
                                      const std::vector<std::string>& others) {
  Table t;
  t.name = name;
  RandomOptions(t);
  Column id;
  id.name = "id";
  id.type = Chance(50) ? "int" : "bigint";
  id.nullable = false;
  t.columns.push_back(std::move(id));
  const int columns = Uniform(1, 9);
  for (int i = 0; i < columns; ++i) t.columns.push_back(NewColumn(FreshName("c"), t));
  if (Chance(80)) SetPrimaryKey(t);
  const int indexes = Uniform(0, 3);
  for (int i = 0; i < indexes; ++i) AddRandomIndex(t);
  if (Chance(30)) AddRandomForeignKey(t, others);
  return t;
}

void RandomSchemaGenerator::MutateTable(Table& t, const std::vector<std::string>& others) {
  const int mutations = Uniform(1, 5);
  for (int m = 0; m < mutations; ++m) {
    const size_t n = t.columns.size();
    auto random_column = [&]() -> Column& {
      return t.columns[static_cast<size_t>(Uniform(0, static_cast<int>(n) - 1))];
    };
    switch (Uniform(0, 12)) {
      case 0:
        if (n > 1) RemoveColumnEverywhere(t, std::string(random_column().name));
        break;
      case 1: {
        Column c = NewColumn(FreshName("c"), t);
        t.columns.insert(t.columns.begin() + Uniform(0, static_cast<int>(n)), std::move(c));
        break;
      }
      case 2: {
        Column& c = random_column();
        if (Chance(50)) {
          ChangeColumnType(c, t);
        } else if (Chance(50)) {
          c.nullable = !c.nullable;
        } else {
          c.comment = c.comment.empty() ? "changed" : "";
        }
        break;
      }
      case 3: {
        const size_t from = static_cast<size_t>(Uniform(0, static_cast<int>(n) - 1));
        Column c = std::move(t.columns[from]);
        t.columns.erase(t.columns.begin() + static_cast<long>(from));
        t.columns.insert(t.columns.begin() + Uniform(0, static_cast<int>(n) - 1), std::move(c));
        break;
      }
      case 4:
        AddRandomIndex(t);
        break;
      case 5:
      case 6: {
        std::vector<size_t> secondary;
        for (size_t i = 0; i < t.indexes.size(); ++i) {
          if (!t.indexes[i].is_primary()) secondary.push_back(i);
        }
        if (secondary.empty()) break;
        Index& index = t.indexes[secondary[static_cast<size_t>(Uniform(0, secondary.size() - 1))]];
        if (Chance(40)) {
          t.indexes.erase(t.indexes.begin() + (&index - t.indexes.data()));
        } else if (Chance(50)) {
          index.name = FreshName("k");
        } else if (index.kind != IndexKind::kFulltext) {
          index.kind = index.kind == IndexKind::kUnique ? IndexKind::kIndex : IndexKind::kUnique;
          index.parts[0].desc = !index.parts[0].desc;
        }
        break;
      }
      case 7:
        if (Chance(40)) {
          std::erase_if(t.indexes, [](const Index& i) { return i.is_primary(); });
          for (auto& c : t.columns) c.auto_increment = false;
        } else {
          SetPrimaryKey(t);
        }
        break;
      case 8:
        if (!t.foreign_keys.empty() && Chance(50)) {
          t.foreign_keys.erase(t.foreign_keys.begin() +
                               Uniform(0, static_cast<int>(t.foreign_keys.size()) - 1));
        } else {
          AddRandomForeignKey(t, others);
        }
        break;
      case 9: {
        const std::string charset = t.charset;
        const std::string collation = t.collation;
        RandomOptions(t);
        if (Chance(50)) {  // keep the table defaults, change only the other options
          t.charset = charset;
          t.collation = collation;
        }
        break;
      }
      case 10: {  // rename a column: a drop plus an add for the diff
        Column& c = random_column();
        const std::string old_name = c.name;
        c.name = FreshName("r");
        for (auto& i : t.indexes) {
          for (auto& p : i.parts) {
            if (p.column == old_name) p.column = c.name;
          }
        }
        std::erase_if(t.foreign_keys,
                      [&](const ForeignKey& fk) { return fk.columns[0] == old_name; });
        break;
      }
      case 11: {  // convert the whole table to another charset
        const auto& cs = kCharsets[static_cast<size_t>(Uniform(0, kCharsets.size() - 1))];
        t.charset = cs.first;
        t.collation = cs.second;
        for (auto& c : t.columns) {
          if (c.IsTextual()) {
            c.charset = cs.first;
            c.collation = cs.second;
          }
        }
        break;
      }
      default: {
        Column& c = random_column();
        if (c.default_value) {
          c.default_value.reset();
        } else if (IsIntegerType(c.type) && !c.auto_increment) {
          c.default_value = "42";
        }
        break;
      }
    }
  }
}

Result<Schema> RandomSchemaGenerator::NewSchema() {
  Schema s;
  const int tables = Uniform(1, 5);
  std::vector<std::string> names;
  for (int i = 0; i < tables; ++i) names.push_back(FreshName("t"));
  for (const auto& name : names) s.tables[name] = NewTable(name, names);
  return Canonical(s);
}

Result<Schema> RandomSchemaGenerator::Mutate(const Schema& schema) {
  Schema s = schema;
  std::vector<std::string> names;
  for (const auto& [name, table] : s.tables) names.push_back(name);
  for (const auto& name : names) {
    const int roll = Uniform(0, 99);
    if (roll < 10 && s.tables.size() > 1) {
      s.tables.erase(name);
    } else if (roll < 70) {
      MutateTable(s.tables.at(name), names);
    }
  }
  if (Chance(30)) {
    const std::string name = FreshName("t");
    names.push_back(name);
    s.tables[name] = NewTable(name, names);
  }
  return Canonical(s);
}

Result<Schema> Canonical(const Schema& schema) {
  Schema out;
  for (const auto& [name, table] : schema.tables) {
    const std::string text = table.CreateStatement();
    auto parsed = ParseTable(text);
    if (!parsed.ok()) {
      Error e = parsed.error();
      e.message += "\n" + text;
      return e;
    }
    out.tables.emplace(name, std::move(parsed).value());
  }
  return out;
}

}  // namespace tessera::schema::testing
