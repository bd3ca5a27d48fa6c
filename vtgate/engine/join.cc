#include "vtgate/engine/join.h"

#include <charconv>

#include <fmt/format.h>

#include "vtgate/engine/cell_bind_value.h"

namespace tessera::vtgate {

namespace {

BindValue TagValue(size_t tag) {
  std::string text = std::to_string(tag);
  return MakeBindValue(VindexValue::Kind::kInteger, text, text);
}

}  // namespace

boost::asio::awaitable<Result<ResultSet>> Join::Execute(VCursor& cursor,
                                                        const BindValues& binds) const {
  auto left = co_await left_->Execute(cursor, binds);
  if (!left.ok()) co_return left;
  const ResultSet& l = *left;
  const size_t left_width = l.fields.size();
  if (left_width < spec_.left_hidden)
    co_return Error::Internal("join: the left side returned fewer columns than it hides");
  std::vector<size_t> bind_index;
  for (const auto& column : spec_.bind_columns) {
    size_t index = column.Resolve(left_width);
    if (index >= left_width) co_return Error::Internal("join: a bind column is out of range");
    bind_index.push_back(index);
  }
  const KeyspaceInfo& keyspace = *right_->keyspace();

  std::vector<std::vector<Row>> matches(l.rows.size());
  std::vector<Field> right_fields;
  bool have_right_fields = false;
  size_t joined = 0;
  BindValues row_binds = binds;
  row_binds.resize(spec_.first_extra_bind);
  for (size_t start = 0; start < l.rows.size(); start += kBatchRows) {
    const size_t end = std::min(l.rows.size(), start + kBatchRows);
    std::vector<std::string> union_text(keyspace.shards.size());
    for (size_t i = start; i < end; ++i) {
      row_binds.resize(spec_.first_extra_bind);
      row_binds.push_back(TagValue(i - start));
      for (size_t index : bind_index)
        row_binds.push_back(BindValueOfCell(l.fields[index], l.rows[i][index]));
      auto shards = right_->ResolveShards(row_binds);
      std::vector<const ShardInfo*> targets;
      if (shards.ok()) {
        targets = std::move(shards).value();
      } else {
        // A value the vindex cannot map (a string where it expects a
        // number, ...) may still compare equal on a shard: ask them all.
        for (const auto& shard : keyspace.shards) targets.push_back(&shard);
      }
      std::string sql = right_->query().Render(row_binds);
      for (const ShardInfo* shard : targets) {
        std::string& text = union_text[shard->index];
        if (!text.empty()) text += " UNION ALL ";
        text += sql;
      }
    }
    std::vector<ShardQuery> queries;
    for (size_t s = 0; s < union_text.size(); ++s) {
      if (union_text[s].empty()) continue;
      queries.push_back(ShardQuery{&keyspace.shards[s], std::move(union_text[s])});
    }
    auto results = co_await cursor.ExecuteMulti(std::move(queries));
    for (auto& result : results) {
      if (!result.ok()) co_return result.error();
      if (result->fields.empty())
        co_return Error::Internal("join: the right side returned no columns");
      if (!have_right_fields) {
        right_fields.assign(result->fields.begin() + 1, result->fields.end());
        have_right_fields = true;
      }
      for (auto& row : result->rows) {
        size_t tag = 0;
        const std::string& text = row[0].value_or("");
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), tag);
        if (ec != std::errc() || start + tag >= end)
          co_return Error::Internal("join: a right row carries an unknown tag '" + text + "'");
        row.erase(row.begin());
        matches[start + tag].push_back(std::move(row));
        if (++joined > spec_.max_rows) {
          co_return Error::Make(mysql_errno::kUnknown,
                                fmt::format("a join across shards needs more rows in memory "
                                            "than the limit of {}",
                                            spec_.max_rows));
        }
      }
    }
  }
  if (!have_right_fields) {
    // No left row: the right query still defines the columns. Rendered with
    // NULL values it matches nothing; LIMIT 0 makes sure.
    row_binds.resize(spec_.first_extra_bind);
    row_binds.push_back(TagValue(0));
    for (size_t k = 0; k < bind_index.size(); ++k)
      row_binds.push_back(MakeBindValue(VindexValue::Kind::kNull, "", "NULL"));
    ShardQuery probe{&keyspace.shards.front(), right_->query().Render(row_binds) + " LIMIT 0"};
    auto result = co_await cursor.ExecuteOne(std::move(probe));
    if (!result.ok()) co_return result.error();
    if (result->fields.empty())
      co_return Error::Internal("join: the right side returned no columns");
    right_fields.assign(result->fields.begin() + 1, result->fields.end());
  }
  const size_t right_width = right_fields.size();
  if (right_width < spec_.right_hidden)
    co_return Error::Internal("join: the right side returned fewer columns than it hides");
  const size_t left_visible = left_width - spec_.left_hidden;
  const size_t right_visible = right_width - spec_.right_hidden;

  ResultSet out;
  out.fields.reserve(left_width + right_width);
  auto outer = [&](Field field) {
    if (spec_.kind == Kind::kLeft) field.flags &= static_cast<uint16_t>(~field_flag::kNotNull);
    return field;
  };
  out.fields.insert(out.fields.end(), l.fields.begin(), l.fields.begin() + left_visible);
  for (size_t i = 0; i < right_visible; ++i) out.fields.push_back(outer(right_fields[i]));
  out.fields.insert(out.fields.end(), l.fields.begin() + left_visible, l.fields.end());
  for (size_t i = right_visible; i < right_width; ++i) out.fields.push_back(outer(right_fields[i]));

  const Row no_match(right_width);
  auto emit = [&](const Row& lrow, const Row& rrow) {
    Row row;
    row.reserve(left_width + right_width);
    row.insert(row.end(), lrow.begin(), lrow.begin() + left_visible);
    row.insert(row.end(), rrow.begin(), rrow.begin() + right_visible);
    row.insert(row.end(), lrow.begin() + left_visible, lrow.end());
    row.insert(row.end(), rrow.begin() + right_visible, rrow.end());
    out.rows.push_back(std::move(row));
  };
  for (size_t i = 0; i < l.rows.size(); ++i) {
    if (matches[i].empty()) {
      if (spec_.kind == Kind::kLeft) emit(l.rows[i], no_match);
      continue;
    }
    for (const Row& rrow : matches[i]) emit(l.rows[i], rrow);
  }
  co_return out;
}

std::string Join::Describe(int indent) const {
  std::string binds;
  for (const auto& column : spec_.bind_columns) {
    if (!binds.empty()) binds += ",";
    binds += column.ToString();
  }
  return fmt::format("{}Join {} binds=[{}] left_hidden={} right_hidden={}\n{}{}",
                     std::string(static_cast<size_t>(indent), ' '),
                     spec_.kind == Kind::kLeft ? "left" : "inner", binds, spec_.left_hidden,
                     spec_.right_hidden, left_->Describe(indent + 2), right_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
