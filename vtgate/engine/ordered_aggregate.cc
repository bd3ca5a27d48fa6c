#include "vtgate/engine/ordered_aggregate.h"

#include <span>

#include <fmt/format.h>

#include "vtgate/engine/memory_sort.h"

namespace tessera::vtgate {
namespace {

constexpr uint16_t kCutByGroupConcat = 1260;  // ER_CUT_VALUE_GROUP_CONCAT

}  // namespace

ResultSet OrderedAggregate::Aggregate(ResultSet sorted, const std::vector<SortKey>& keys,
                                      const std::vector<AggregateSpec>& aggregates, bool rollup) {
  ResultSet out;
  out.warnings = sorted.warnings;
  out.warning_list = std::move(sorted.warning_list);
  const std::vector<Row>& rows = sorted.rows;
  const size_t n = sorted.fields.size();
  // Folds rows [begin, end) into one row whose keys from `fixed` on are NULL
  // (super-aggregate rows of WITH ROLLUP). MariaDB warns once for each
  // result row GROUP_CONCAT cut.
  auto combine = [&](size_t begin, size_t end, size_t fixed) {
    bool cut = false;
    out.rows.push_back(CombineRows(
        sorted.fields, std::span<const Row>(rows.data() + begin, end - begin), aggregates, &cut));
    for (size_t k = fixed; k < keys.size(); ++k) {
      out.rows.back()[keys[k].value.Resolve(n)].reset();
      if (keys[k].has_weight) out.rows.back()[keys[k].weight.Resolve(n)].reset();
    }
    if (cut) {
      ++out.warnings;
      out.warning_list.push_back(
          {"Warning", kCutByGroupConcat,
           "Row " + std::to_string(out.rows.size()) + " was cut by GROUP_CONCAT()"});
    }
  };
  if (keys.empty()) {
    combine(0, rows.size(), 0);
  } else {
    // Rows [begin, end) share the first `fixed` keys: one group per value of
    // the next key, then (WITH ROLLUP) the row of them all.
    auto group = [&](auto& self, size_t begin, size_t end, size_t fixed) -> void {
      if (fixed == keys.size()) {
        combine(begin, end, fixed);
        return;
      }
      const std::vector<SortKey> next{keys[fixed]};
      size_t from = begin;
      while (from < end) {
        size_t to = from + 1;
        while (to < end && MemorySort::CompareRows(sorted, rows[from], rows[to], next) == 0) ++to;
        self(self, from, to, fixed + 1);
        from = to;
      }
      if (rollup && begin < end) combine(begin, end, fixed);
    };
    group(group, 0, rows.size(), 0);
  }
  out.fields = CombinedFields(std::move(sorted.fields), aggregates);
  return out;
}

boost::asio::awaitable<Result<ResultSet>> OrderedAggregate::Execute(VCursor& cursor,
                                                                    const BindValues& binds) const {
  auto partials = co_await child_->Execute(cursor, binds);
  if (!partials.ok()) co_return partials;
  if (partials->rows.size() > max_rows_) {
    co_return Error::Make(mysql_errno::kUnknown,
                          fmt::format("aggregating across shards needs {} rows in memory, more "
                                      "than the limit of {}",
                                      partials->rows.size(), max_rows_));
  }
  co_return Aggregate(std::move(partials).value(), keys_, aggregates_, rollup_);
}

std::string OrderedAggregate::Describe(int indent) const {
  std::string keys;
  for (const auto& key : keys_) {
    if (!keys.empty()) keys += ", ";
    keys += key.value.ToString() + (key.has_weight ? "(weight " + key.weight.ToString() + ")" : "");
  }
  std::string specs;
  for (const auto& spec : aggregates_) {
    if (!specs.empty()) specs += ", ";
    specs += fmt::format("{}({}{})", AggregateName(spec.kind), spec.column.value.ToString(),
                         spec.kind == AggregateKind::kAvg ? "/" + spec.count.ToString() : "");
  }
  return fmt::format("{}OrderedAggregate keys=[{}] aggregates=[{}]{}\n{}",
                     std::string(static_cast<size_t>(indent), ' '), keys, specs,
                     rollup_ ? " rollup" : "", child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
