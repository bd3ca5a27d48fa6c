#include "vtgate/engine/lookup_dml.h"

#include <fmt/format.h>

#include "common/sql_string.h"
#include "vtgate/engine/cell_bind_value.h"

namespace tessera::vtgate {

boost::asio::awaitable<Result<ResultSet>> LookupDml::Execute(VCursor& cursor,
                                                             const BindValues& binds) const {
  cursor.WriteInOneTransaction();
  auto rows = co_await select_->Execute(cursor, binds);
  if (!rows.ok()) co_return rows.error();
  if (rows->fields.size() != lookups_.size() + 1)
    co_return Error::Internal("lookup maintenance: the row read has the wrong number of columns");
  std::vector<LookupEntries> old_entries(lookups_.size()), new_entries(lookups_.size());
  for (const auto& row : rows->rows) {
    if (!row[0]) continue;  // a NULL primary vindex value has no keyspace id
    auto keyspace_id = owner_.primary->Map(BindValueOfCell(rows->fields[0], row[0]).value);
    if (!keyspace_id.ok()) co_return keyspace_id.error();
    for (size_t l = 0; l < lookups_.size(); ++l) {
      const Lookup& lookup = lookups_[l];
      if (!lookup.changes) continue;
      if (row[l + 1])
        old_entries[l].emplace(BindValueOfCell(rows->fields[l + 1], row[l + 1]).sql, *keyspace_id);
      if (lookup.new_value) {
        const VindexValue& value = lookup.new_value->Resolve(binds);
        if (value.kind == VindexValue::Kind::kNull) continue;  // NULL has no entry
        new_entries[l].emplace(
            value.kind == VindexValue::Kind::kString ? QuoteSqlString(value.text) : value.text,
            *keyspace_id);
      }
    }
  }
  // Entries both old and new stay as they are.
  for (size_t l = 0; l < lookups_.size(); ++l) {
    for (auto it = new_entries[l].begin(); it != new_entries[l].end();) {
      if (old_entries[l].erase(*it) > 0) {
        it = new_entries[l].erase(it);
      } else {
        ++it;
      }
    }
    Status added = co_await AddLookupEntries(cursor, *lookups_[l].vindex, new_entries[l]);
    if (!added.ok()) co_return added.error();
  }
  auto written = co_await write_->Execute(cursor, binds);
  if (!written.ok()) co_return written;
  for (size_t l = 0; l < lookups_.size(); ++l) {
    Status removed = co_await RemoveLookupEntries(cursor, *lookups_[l].vindex, owner_,
                                                  lookups_[l].column, std::move(old_entries[l]));
    if (!removed.ok()) co_return removed.error();
  }
  co_return written;
}

std::string LookupDml::Describe(int indent) const {
  std::string pad(static_cast<size_t>(indent), ' ');
  std::string out = pad + "LookupDml";
  for (const auto& lookup : lookups_) {
    if (lookup.changes)
      out += fmt::format(" lookup={}.{}", lookup.vindex->keyspace(), lookup.vindex->table());
  }
  out += "\n";
  out += select_->Describe(indent + 2);
  out += write_->Describe(indent + 2);
  return out;
}

}  // namespace tessera::vtgate
