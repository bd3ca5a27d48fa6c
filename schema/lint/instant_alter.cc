#include "schema/lint/instant_alter.h"

#include <algorithm>

#include "common/ascii.h"
#include "schema/model/charset.h"

namespace tessera::schema {

namespace {
bool IsInnoDb(const Table& t) {
  auto it = t.options.find("ENGINE");
  return it == t.options.end() || it->second.value == "InnoDB";
}

bool HasFulltext(const Table& t) {
  return std::any_of(t.indexes.begin(), t.indexes.end(),
                     [](const Index& i) { return i.kind == IndexKind::kFulltext; });
}

bool Indexed(const Table& t, const std::string& column) {
  for (const auto& i : t.indexes) {
    for (const auto& p : i.parts) {
      if (EqualsIgnoreCase(p.column, column)) return true;
    }
  }
  return false;
}

// VARCHAR lengths are stored in 1 byte up to 255 bytes, in 2 bytes above.
bool SameLengthBytes(const Column& a, const Column& b) {
  const uint64_t width = static_cast<uint64_t>(std::max(1, MaxBytesPerChar(a.charset)));
  return (*a.length * width <= 255) == (*b.length * width <= 255);
}

// True when only the type changes between `from` and `to`, in an instant way.
bool InstantTypeChange(const Column& from, const Column& to) {
  if (from.type == "varchar" && to.type == "varchar" && from.charset == to.charset &&
      from.collation == to.collation) {
    return *to.length >= *from.length && SameLengthBytes(from, to);
  }
  static const std::vector<std::string> kRanks = {"tinyint", "smallint", "mediumint", "int",
                                                  "bigint"};
  auto rank = [&](const std::string& t) { return std::find(kRanks.begin(), kRanks.end(), t); };
  if (IsIntegerType(from.type) && IsIntegerType(to.type)) {
    return from.is_unsigned == to.is_unsigned && rank(to.type) >= rank(from.type) &&
           from.zerofill == to.zerofill;
  }
  if (from.type == "enum" && to.type == "enum" && to.values.size() <= 255 &&
      to.values.size() >= from.values.size()) {
    return std::equal(from.values.begin(), from.values.end(), to.values.begin()) &&
           from.charset == to.charset && from.collation == to.collation;
  }
  return false;
}

bool InstantModify(const Column& from, const Column& to) {
  // Name (case), default, comment and position are metadata; compare the rest.
  Column a = from;
  Column b = to;
  a.name = b.name;
  a.default_value = b.default_value;
  a.comment = b.comment;
  if (a == b) return true;
  if (a.nullable != b.nullable || a.auto_increment != b.auto_increment ||
      a.generated != b.generated || a.on_update != b.on_update) {
    return false;
  }
  return InstantTypeChange(a, b);
}

bool InstantChange(const Table& from, const TableChange& c) {
  switch (c.kind) {
    case ChangeKind::kAddColumn:
      return !c.column->auto_increment && !(c.column->generated && c.column->generated_stored) &&
             !HasFulltext(from);
    case ChangeKind::kDropColumn:
      return !Indexed(from, c.name) && !HasFulltext(from);
    case ChangeKind::kModifyColumn:
      return InstantModify(*c.old_column, *c.column);
    case ChangeKind::kRenameIndex:
    case ChangeKind::kDropCheck:
      return true;
    case ChangeKind::kTableOption:
      return c.name == "COMMENT";
    default:
      return false;
  }
}
}  // namespace

bool IsInstantAlter(const Table& from, const Table& to, const std::vector<TableChange>& changes) {
  if (changes.empty() || !IsInnoDb(from) || !IsInnoDb(to)) return false;
  return std::all_of(changes.begin(), changes.end(),
                     [&](const TableChange& c) { return InstantChange(from, c); });
}

}  // namespace tessera::schema
