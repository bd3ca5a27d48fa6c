// DiffTableChanges: compares two tables element by element.
#include <algorithm>
#include <map>

#include "common/ascii.h"
#include "schema/diff/column_order.h"
#include "schema/diff/table_diff.h"

namespace tessera::schema {

namespace {
TableChange Change(ChangeKind kind, std::string name) {
  TableChange c;
  c.kind = kind;
  c.name = std::move(name);
  return c;
}

template <class T, class Name>
std::map<std::string, const T*> ByName(const std::vector<T>& items, Name name) {
  std::map<std::string, const T*> out;
  for (const auto& item : items) out[AsciiLower(name(item))] = &item;
  return out;
}

bool SameKeyExceptName(const Index& a, const Index& b) {
  return a.kind == b.kind && a.parts == b.parts && a.using_type == b.using_type &&
         a.comment == b.comment;
}

void DiffColumns(const Table& from, const Table& to, std::vector<TableChange>& out) {
  auto column_name = [](const Column& c) { return c.name; };
  const auto from_columns = ByName(from.columns, column_name);
  const auto to_columns = ByName(to.columns, column_name);
  for (const auto& c : from.columns) {
    if (!to_columns.count(AsciiLower(c.name))) {
      TableChange drop = Change(ChangeKind::kDropColumn, c.name);
      drop.old_column = c;
      out.push_back(std::move(drop));
    }
  }
  std::vector<std::string> from_order;
  std::vector<std::string> to_order;
  for (const auto& c : from.columns) {
    if (to_columns.count(AsciiLower(c.name))) from_order.push_back(AsciiLower(c.name));
  }
  for (const auto& c : to.columns) {
    if (from_columns.count(AsciiLower(c.name))) to_order.push_back(AsciiLower(c.name));
  }
  const auto stable = StableColumns(from_order, to_order);
  // New columns at the very end are appended without a position.
  size_t appended_from = to.columns.size();
  while (appended_from > 0 && !from_columns.count(AsciiLower(to.columns[appended_from - 1].name))) {
    --appended_from;
  }
  for (size_t k = 0; k < to.columns.size(); ++k) {
    const Column& c = to.columns[k];
    const std::string key = AsciiLower(c.name);
    TableChange change;
    change.column = c;
    auto it = from_columns.find(key);
    if (it == from_columns.end()) {
      change.kind = ChangeKind::kAddColumn;
      change.name = c.name;
      if (k >= appended_from) {
        out.push_back(std::move(change));
        continue;
      }
    } else {
      const bool moved = !stable.count(key);
      if (!moved && *it->second == c) continue;
      change.kind = ChangeKind::kModifyColumn;
      change.name = it->second->name;
      change.old_column = *it->second;
      if (!moved) {
        out.push_back(std::move(change));
        continue;
      }
    }
    if (k == 0) {
      change.first = true;
    } else {
      change.after = to.columns[k - 1].name;
    }
    out.push_back(std::move(change));
  }
}

void DiffIndexes(const Table& from, const Table& to, std::vector<TableChange>& drops,
                 std::vector<TableChange>& adds) {
  auto index_name = [](const Index& i) { return i.name; };
  const auto from_indexes = ByName(from.indexes, index_name);
  const auto to_indexes = ByName(to.indexes, index_name);
  std::vector<const Index*> removed;
  std::vector<const Index*> added;
  for (const auto& i : from.indexes) {
    auto it = to_indexes.find(AsciiLower(i.name));
    if (it == to_indexes.end()) {
      removed.push_back(&i);
    } else if (!(*it->second == i)) {
      if (SameKeyExceptName(i, *it->second)) {  // only the spelling of the name differs
        drops.push_back(Change(ChangeKind::kRenameIndex, i.name));
        drops.back().new_name = it->second->name;
        drops.back().index = *it->second;
        continue;
      }
      removed.push_back(&i);
      added.push_back(it->second);
    }
  }
  for (const auto& i : to.indexes) {
    if (!from_indexes.count(AsciiLower(i.name))) added.push_back(&i);
  }
  std::vector<TableChange> renames;
  for (const Index* r : removed) {
    auto match = std::find_if(added.begin(), added.end(), [&](const Index* a) {
      return !a->is_primary() && !r->is_primary() && SameKeyExceptName(*r, *a) &&
             !from.FindIndex(a->name);
    });
    if (match != added.end()) {
      TableChange rename = Change(ChangeKind::kRenameIndex, r->name);
      rename.new_name = (*match)->name;
      rename.index = **match;
      renames.push_back(std::move(rename));
      added.erase(match);
      continue;
    }
    TableChange drop = Change(ChangeKind::kDropIndex, r->name);
    drop.index = *r;
    drops.push_back(std::move(drop));
  }
  // Renames go with the adds (after the column changes); case-only renames
  // were put in `drops` above and are moved there too.
  std::vector<TableChange> kept_drops;
  for (auto& d : drops) {
    (d.kind == ChangeKind::kRenameIndex ? renames : kept_drops).push_back(std::move(d));
  }
  drops = std::move(kept_drops);
  for (auto& r : renames) adds.push_back(std::move(r));
  std::sort(added.begin(), added.end(), [](const Index* a, const Index* b) {
    if (a->is_primary() != b->is_primary()) return a->is_primary();
    return AsciiLower(a->name) < AsciiLower(b->name);
  });
  for (const Index* a : added) {
    TableChange add = Change(ChangeKind::kAddIndex, a->name);
    add.index = *a;
    adds.push_back(std::move(add));
  }
  // The primary key first among the adds, so later keys see it (MariaDB lists it first too).
  std::stable_partition(adds.begin(), adds.end(), [](const TableChange& c) {
    return c.kind == ChangeKind::kAddIndex && c.index->is_primary();
  });
}

template <class T>
void DiffNamed(const std::vector<T>& from, const std::vector<T>& to, ChangeKind drop_kind,
               ChangeKind add_kind, std::optional<T> TableChange::*field,
               std::vector<TableChange>& drops, std::vector<TableChange>& adds) {
  auto name = [](const T& t) { return t.name; };
  const auto from_items = ByName(from, name);
  const auto to_items = ByName(to, name);
  for (const auto& f : from) {
    auto it = to_items.find(AsciiLower(f.name));
    if (it == to_items.end() || !(*it->second == f)) {
      TableChange drop = Change(drop_kind, f.name);
      drop.*field = f;
      drops.push_back(std::move(drop));
    }
  }
  for (const auto& t : to) {
    auto it = from_items.find(AsciiLower(t.name));
    if (it == from_items.end() || !(*it->second == t)) {
      TableChange add = Change(add_kind, t.name);
      add.*field = t;
      adds.push_back(std::move(add));
    }
  }
}

void DiffOptions(const Table& from, const Table& to, std::vector<TableChange>& out) {
  if ((from.charset != to.charset || from.collation != to.collation) && !to.charset.empty()) {
    out.push_back(Change(ChangeKind::kTableCharset, "CHARSET"));
  }
  for (const auto& [name, value] : to.options) {
    auto it = from.options.find(name);
    if (it == from.options.end() || !(it->second == value)) {
      TableChange set = Change(ChangeKind::kTableOption, name);
      set.option = value;
      out.push_back(std::move(set));
    }
  }
  for (const auto& [name, value] : from.options) {
    if (!to.options.count(name)) {
      out.push_back(Change(ChangeKind::kTableOption, name));
    }
  }
}
}  // namespace

std::vector<TableChange> DiffTableChanges(const Table& from, const Table& to) {
  std::vector<TableChange> fk_drops, fk_adds, check_drops, check_adds, index_drops, index_adds;
  std::vector<TableChange> columns, options;
  DiffNamed(from.foreign_keys, to.foreign_keys, ChangeKind::kDropForeignKey,
            ChangeKind::kAddForeignKey, &TableChange::foreign_key, fk_drops, fk_adds);
  DiffNamed(from.checks, to.checks, ChangeKind::kDropCheck, ChangeKind::kAddCheck,
            &TableChange::check, check_drops, check_adds);
  DiffIndexes(from, to, index_drops, index_adds);
  DiffColumns(from, to, columns);
  DiffOptions(from, to, options);
  std::vector<TableChange> out;
  for (auto* group : {&fk_drops, &check_drops, &index_drops, &columns, &index_adds, &fk_adds,
                      &check_adds, &options}) {
    for (auto& c : *group) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace tessera::schema
