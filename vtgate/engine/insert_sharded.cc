#include "vtgate/engine/insert_sharded.h"

#include <charconv>

#include <fmt/format.h>

#include "common/sequence_table.h"
#include "common/sql_string.h"
#include "vtgate/engine/lookup_entries.h"

namespace tessera::vtgate {

bool InsertSharded::NeedsValue(const RowPlan& row, const BindValues& binds) {
  if (!row.auto_value) return false;
  if (row.auto_value->absent) return true;
  if (!row.auto_value->ref) return false;
  const VindexValue& value = row.auto_value->ref->Resolve(binds);
  // MariaDB's default sql_mode generates on NULL and on 0 alike.
  return value.kind == VindexValue::Kind::kNull ||
         (value.kind == VindexValue::Kind::kInteger && (value.text == "0" || value.text == "-0"));
}

boost::asio::awaitable<Result<uint64_t>> InsertSharded::NextValues(VCursor& cursor,
                                                                   uint64_t count) const {
  ShardQuery query{&sequence_->keyspace->shards.front(),
                   NextValuesStatement(sequence_->table, count)};
  auto result = co_await cursor.ExecuteInternal(std::move(query));
  if (!result.ok()) {
    Error error = result.error();
    error.message = "could not take values from sequence " + sequence_->keyspace->name + "." +
                    sequence_->table + ": " + error.message;
    co_return error;
  }
  uint64_t first = 0;
  const std::optional<std::string>* cell =
      result->rows.empty() || result->rows[0].empty() ? nullptr : &result->rows[0][0];
  if (cell == nullptr || !cell->has_value() ||
      std::from_chars((*cell)->data(), (*cell)->data() + (*cell)->size(), first).ec !=
          std::errc()) {
    co_return Error::Internal("sequence " + sequence_->table + " answered without a value");
  }
  co_return first;
}

boost::asio::awaitable<Result<ResultSet>> InsertSharded::Execute(VCursor& cursor,
                                                                 const BindValues& binds) const {
  // Values for the rows that need one, handed out in row order.
  uint64_t next_generated = 0;
  uint64_t first_generated = 0;
  if (sequence_) {
    uint64_t wanted = 0;
    for (const auto& row : rows_) wanted += NeedsValue(row, binds) ? 1 : 0;
    if (wanted > 0) {
      auto first = co_await NextValues(cursor, wanted);
      if (!first.ok()) co_return first.error();
      first_generated = next_generated = *first;
    }
  }

  std::vector<std::string> per_shard(keyspace_->shards.size());
  std::vector<LookupEntries> lookup_entries(lookups_.size());
  for (size_t r = 0; r < rows_.size(); ++r) {
    const RowPlan& row = rows_[r];
    std::optional<uint64_t> generated;
    if (NeedsValue(row, binds)) generated = next_generated++;
    VindexValue routed;
    const VindexValue* value = &row.vindex_value.Resolve(binds);
    if (generated && sequence_->is_vindex_column) {
      routed = {VindexValue::Kind::kInteger, std::to_string(*generated)};
      value = &routed;
    }
    auto keyspace_id = vindex_->Map(*value);
    if (!keyspace_id.ok()) {
      co_return Error::Make(mysql_errno::kUnknown,
                            "could not choose a shard for the row: " + keyspace_id.error().message);
    }
    const ShardInfo* shard = keyspace_->ShardForKeyspaceId(*keyspace_id);
    if (shard == nullptr) co_return Error::Internal("no shard owns value " + value->text);
    for (size_t l = 0; l < lookups_.size(); ++l) {
      const auto& ref = lookups_[l].values[r];
      if (!ref) continue;
      const VindexValue& looked_up = ref->Resolve(binds);
      if (looked_up.kind == VindexValue::Kind::kNull) continue;  // NULL has no entry
      lookup_entries[l].emplace(looked_up.kind == VindexValue::Kind::kString
                                    ? QuoteSqlString(looked_up.text)
                                    : looked_up.text,
                                *keyspace_id);
    }
    std::string& sql = per_shard[shard->index];
    if (sql.empty()) {
      sql = prefix_;
    } else {
      sql += ',';
    }
    sql += row.values.Render(binds);
    if (row.auto_value) {
      sql += generated ? std::to_string(*generated) : row.auto_value->given.Render(binds);
      sql += row.auto_value->tail.Render(binds);
    }
  }
  // The lookup entries first: a unique lookup refuses a duplicate value
  // before any row is written.
  for (size_t l = 0; l < lookups_.size(); ++l) {
    if (lookup_entries[l].empty()) continue;
    cursor.WriteInOneTransaction();
    Status added = co_await AddLookupEntries(cursor, *lookups_[l].vindex, lookup_entries[l]);
    if (!added.ok()) co_return added.error();
  }
  std::vector<ShardQuery> queries;
  std::string suffix = suffix_.Render(binds);
  for (size_t i = 0; i < per_shard.size(); ++i) {
    if (per_shard[i].empty()) continue;
    per_shard[i] += suffix;
    queries.push_back({&keyspace_->shards[i], std::move(per_shard[i])});
  }
  Result<ResultSet> result = Error::Internal("no rows to insert");
  if (queries.size() == 1) {
    result = co_await cursor.ExecuteOne(std::move(queries.front()));
  } else {
    result = ConcatenateResults(co_await cursor.ExecuteMulti(std::move(queries)));
  }
  if (result.ok() && first_generated != 0) result->last_insert_id = first_generated;
  co_return result;
}

std::string InsertSharded::Describe(int indent) const {
  std::string out = fmt::format("{}InsertSharded keyspace={} vindex={} rows={}",
                                std::string(static_cast<size_t>(indent), ' '), keyspace_->name,
                                vindex_->type(), rows_.size());
  if (sequence_) out += fmt::format(" sequence={}.{}", sequence_->keyspace->name, sequence_->table);
  for (const auto& lookup : lookups_)
    out += fmt::format(" lookup={}.{}", lookup.vindex->keyspace(), lookup.vindex->table());
  return out + "\n";
}

}  // namespace tessera::vtgate
