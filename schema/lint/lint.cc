// LintChange: runs the per-table rules over the typed diff.
#include "schema/lint/lint.h"

#include "schema/diff/table_diff.h"
#include "schema/lint/instant_alter.h"
#include "schema/lint/type_narrowing.h"
#include "schema/lint/unique_keys.h"

namespace tessera::schema {

namespace {
class Linter {
 public:
  Linter(const Schema& from, const Schema& to) : from_(from), to_(to) {}

  std::vector<LintFinding> Run();

 private:
  void Add(const char* code, Severity severity, const std::string& table, std::string message,
           std::string subject = "", std::vector<std::string> columns = {}) {
    findings_.push_back(LintFinding{code, severity, table, std::move(message), std::move(subject),
                                    std::move(columns)});
  }
  void LintAltered(const Table& from, const Table& to, const std::vector<TableChange>& changes);
  void LintUniqueKeys(const Table& from, const Table& to);
  void LintForeignKeys(const Table& from, const Table& to);
  void LintChangeOf(const Table& from, const Table& to, const TableChange& change);
  bool Referenced(const std::string& table) const;

  const Schema& from_;
  const Schema& to_;
  std::vector<LintFinding> findings_;
};

std::string Quoted(const std::string& name) {
  return "`" + name + "`";
}

std::string ColumnList(const Index& index) {
  std::string out;
  for (const auto& c : index.ColumnNames()) out += (out.empty() ? "" : ", ") + c;
  return "(" + out + ")";
}

std::vector<LintFinding> Linter::Run() {
  for (const auto& [name, table] : from_.tables) {
    if (!to_.tables.count(name)) {
      Add("drop_table", Severity::kWarning, name,
          "DROP TABLE " + Quoted(name) + " deletes all of its rows");
    }
  }
  for (const auto& [name, table] : to_.tables) {
    if (!from_.tables.count(name) && !table.foreign_keys.empty()) {
      Add("foreign_key", Severity::kWarning, name,
          "new table " + Quoted(name) +
              " has foreign keys; tables with foreign keys cannot be changed online later",
          table.foreign_keys.front().name);
    }
  }
  for (const auto& [name, to] : to_.tables) {
    auto it = from_.tables.find(name);
    if (it == from_.tables.end()) continue;
    const auto changes = DiffTableChanges(it->second, to);
    if (!changes.empty()) LintAltered(it->second, to, changes);
  }
  return std::move(findings_);
}

void Linter::LintAltered(const Table& from, const Table& to,
                         const std::vector<TableChange>& changes) {
  LintUniqueKeys(from, to);
  LintForeignKeys(from, to);
  for (const auto& change : changes) LintChangeOf(from, to, change);
  if (IsInstantAlter(from, to, changes)) {
    Add("instant", Severity::kInfo, to.name,
        "MariaDB can apply this change to " + Quoted(to.name) +
            " with ALGORITHM=INSTANT (metadata only, no table copy)");
  }
}

void Linter::LintUniqueKeys(const Table& from, const Table& to) {
  const auto old_keys = RowIdentifyingKeys(from);
  const auto new_keys = RowIdentifyingKeys(to);
  if (old_keys.empty() || new_keys.empty()) {
    const char* which = old_keys.empty() && new_keys.empty() ? "before or after the change"
                        : old_keys.empty()                   ? "before the change"
                                                             : "after the change";
    Add("no_unique_key", Severity::kError, to.name,
        "table " + Quoted(to.name) + " has no PRIMARY KEY or UNIQUE key on NOT NULL columns " +
            which + "; it cannot be copied online");
    return;
  }
  for (const Index* a : old_keys) {
    for (const Index* b : new_keys) {
      if (SameKeyColumns(*a, *b)) return;
    }
  }
  Add("no_shared_unique_key", Severity::kError, to.name,
      "the old and new " + Quoted(to.name) +
          " share no PRIMARY KEY or NOT NULL UNIQUE key on the same columns; rows cannot be "
          "matched during an online copy");
}

void Linter::LintForeignKeys(const Table& from, const Table& to) {
  if (!from.foreign_keys.empty() || !to.foreign_keys.empty()) {
    const auto& fks = to.foreign_keys.empty() ? from.foreign_keys : to.foreign_keys;
    Add("foreign_key", Severity::kWarning, to.name,
        "table " + Quoted(to.name) +
            " has foreign keys; an online copy cannot preserve foreign key constraints",
        fks.front().name);
  } else if (Referenced(from.name)) {
    Add("foreign_key", Severity::kWarning, to.name,
        "table " + Quoted(to.name) +
            " is referenced by foreign keys of other tables; an online copy would break them");
  }
}

bool Linter::Referenced(const std::string& table) const {
  for (const auto& [name, t] : from_.tables) {
    if (name == table) continue;
    for (const auto& fk : t.foreign_keys) {
      if (fk.ref_table == table && fk.ref_schema.empty()) return true;
    }
  }
  return false;
}

void Linter::LintChangeOf(const Table& from, const Table& to, const TableChange& change) {
  switch (change.kind) {
    case ChangeKind::kDropColumn:
      Add("drop_column", Severity::kWarning, to.name,
          "dropping column " + Quoted(change.name) + " of " + Quoted(to.name) + " deletes its data",
          change.name);
      return;
    case ChangeKind::kAddIndex: {
      const Index& index = *change.index;
      if (!index.is_unique()) return;
      for (const auto& existing : from.indexes) {
        if (existing.is_unique() && UniquenessImplied(existing, index)) return;
      }
      Add("add_unique_key", Severity::kWarning, to.name,
          "adding " +
              std::string(index.is_primary() ? "PRIMARY KEY" : "UNIQUE key " + Quoted(index.name)) +
              " " + ColumnList(index) + " on " + Quoted(to.name) +
              " fails if existing rows have duplicate values",
          index.name, index.ColumnNames());
      return;
    }
    case ChangeKind::kModifyColumn: {
      const Column& old_column = *change.old_column;
      const Column& new_column = *change.column;
      if (auto reason = NarrowingReason(old_column, new_column)) {
        Add("narrowing_type", Severity::kWarning, to.name,
            "column " + Quoted(new_column.name) + " of " + Quoted(to.name) + ": " + *reason +
                "; existing values may not fit",
            new_column.name);
      }
      if (old_column.IsTextual() && new_column.IsTextual() &&
          (old_column.charset != new_column.charset ||
           old_column.collation != new_column.collation)) {
        Add("charset_change", Severity::kWarning, to.name,
            "column " + Quoted(new_column.name) + " of " + Quoted(to.name) + " changes from " +
                old_column.collation + " to " + new_column.collation +
                "; values are converted and comparisons and unique keys may behave differently",
            new_column.name);
      }
      return;
    }
    case ChangeKind::kTableCharset:
      Add("charset_change", Severity::kWarning, to.name,
          "default charset of " + Quoted(to.name) + " changes from " +
              (from.collation.empty() ? std::string("the server default") : from.collation) +
              " to " + to.collation + "; it applies to columns added later");
      return;
    default:
      return;
  }
}
}  // namespace

std::vector<LintFinding> LintChange(const Schema& from, const Schema& to) {
  return Linter(from, to).Run();
}

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "info";
}

}  // namespace tessera::schema
