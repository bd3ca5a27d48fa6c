#include "vtgate/engine/ordered_aggregate.h"

#include <span>

#include <fmt/format.h>

#include "vtgate/engine/memory_sort.h"

namespace tessera::vtgate {
namespace {

constexpr uint16_t kCutByGroupConcat = 1260;  // ER_CUT_VALUE_GROUP_CONCAT

}  // namespace

ResultSet OrderedAggregate::Aggregate(ResultSet sorted, const std::vector<SortKey>& keys,
                                      const std::vector<AggregateSpec>& aggregates) {
  ResultSet out;
  out.warnings = sorted.warnings;
  out.warning_list = std::move(sorted.warning_list);
  const std::vector<Row>& rows = sorted.rows;
  // MariaDB warns once for each result row GROUP_CONCAT cut.
  auto combine = [&](std::span<const Row> group) {
    bool cut = false;
    out.rows.push_back(CombineRows(sorted.fields, group, aggregates, &cut));
    if (cut) {
      ++out.warnings;
      out.warning_list.push_back(
          {"Warning", kCutByGroupConcat,
           "Row " + std::to_string(out.rows.size()) + " was cut by GROUP_CONCAT()"});
    }
  };
  if (keys.empty()) {
    combine(rows);
  } else {
    size_t begin = 0;
    while (begin < rows.size()) {
      size_t end = begin + 1;
      while (end < rows.size() &&
             MemorySort::CompareRows(sorted, rows[begin], rows[end], keys) == 0) {
        ++end;
      }
      combine(std::span<const Row>(rows.data() + begin, end - begin));
      begin = end;
    }
  }
  out.fields = CombinedFields(std::move(sorted.fields), aggregates);
  return out;
}

boost::asio::awaitable<Result<ResultSet>> OrderedAggregate::Execute(VCursor& cursor,
                                                                    const BindValues& binds) const {
  auto partials = co_await child_->Execute(cursor, binds);
  if (!partials.ok()) co_return partials;
  co_return Aggregate(std::move(partials).value(), keys_, aggregates_);
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
  return fmt::format("{}OrderedAggregate keys=[{}] aggregates=[{}]\n{}",
                     std::string(static_cast<size_t>(indent), ' '), keys, specs,
                     child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
