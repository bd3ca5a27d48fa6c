#include "vtgate/engine/scalar_aggregate.h"

#include <fmt/format.h>

namespace tessera::vtgate {

Result<ResultSet> ScalarAggregate::Combine(ResultSet partials,
                                           const std::vector<AggregateSpec>& aggregates) {
  ResultSet out;
  Row row = CombineRows(partials.fields, partials.rows, aggregates);
  out.fields = CombinedFields(std::move(partials.fields), aggregates);
  out.rows.push_back(std::move(row));
  return out;
}

boost::asio::awaitable<Result<ResultSet>> ScalarAggregate::Execute(VCursor& cursor,
                                                                   const BindValues& binds) const {
  auto partials = co_await child_->Execute(cursor, binds);
  if (!partials.ok()) co_return partials;
  co_return Combine(std::move(partials).value(), aggregates_);
}

std::string ScalarAggregate::Describe(int indent) const {
  std::string specs;
  for (const auto& spec : aggregates_) {
    if (!specs.empty()) specs += ", ";
    specs += fmt::format("{}({})", AggregateName(spec.kind), spec.column.value.ToString());
  }
  return fmt::format("{}ScalarAggregate {}\n{}", std::string(static_cast<size_t>(indent), ' '),
                     specs, child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
