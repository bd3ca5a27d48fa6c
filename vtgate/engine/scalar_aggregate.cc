#include "vtgate/engine/scalar_aggregate.h"

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {
namespace {

std::string_view KindName(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::kCount:
      return "count";
    case AggregateKind::kSum:
      return "sum";
    case AggregateKind::kMin:
      return "min";
    case AggregateKind::kMax:
      return "max";
  }
  return "?";
}

std::string AddDoubles(const std::string& a, const std::string& b) {
  double sum = std::strtod(a.c_str(), nullptr) + std::strtod(b.c_str(), nullptr);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", sum);
  return buf;
}

}  // namespace

Result<ResultSet> ScalarAggregate::Combine(ResultSet partials,
                                           const std::vector<AggregateSpec>& aggregates) {
  ResultSet out;
  out.fields = std::move(partials.fields);
  const size_t n = out.fields.size();
  Row row(n);
  for (size_t i = 0; i < n; ++i) row[i] = partials.rows.empty() ? Value() : partials.rows[0][i];
  for (const AggregateSpec& spec : aggregates) {
    const size_t col = spec.column.value.Resolve(n);
    if (spec.kind == AggregateKind::kCount) row[col] = Value("0");
    if (spec.kind == AggregateKind::kCount || spec.kind == AggregateKind::kSum) {
      if (spec.kind == AggregateKind::kSum) row[col] = Value();
      const FieldType type = out.fields[col].type;
      const bool floating = type == FieldType::kDouble || type == FieldType::kFloat;
      for (const Row& partial : partials.rows) {
        if (!partial[col].has_value()) continue;
        if (!row[col].has_value()) {
          row[col] = partial[col];
        } else {
          row[col] = floating ? AddDoubles(*row[col], *partial[col])
                              : AddDecimalStrings(*row[col], *partial[col]);
        }
      }
      continue;
    }
    // MIN / MAX: pick the winning partial row for this column (and its weight).
    const Row* best = nullptr;
    for (const Row& partial : partials.rows) {
      if (!partial[col].has_value()) continue;
      if (best == nullptr) {
        best = &partial;
        continue;
      }
      const Value* wa = nullptr;
      const Value* wb = nullptr;
      if (spec.column.has_weight) {
        size_t w = spec.column.weight.Resolve(n);
        wa = &partial[w];
        wb = &(*best)[w];
      }
      int c = CompareSortValues(out.fields[col], partial[col], wa, (*best)[col], wb);
      if ((spec.kind == AggregateKind::kMin && c < 0) ||
          (spec.kind == AggregateKind::kMax && c > 0)) {
        best = &partial;
      }
    }
    row[col] = best == nullptr ? Value() : (*best)[col];
  }
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
    specs += fmt::format("{}({})", KindName(spec.kind), spec.column.value.ToString());
  }
  return fmt::format("{}ScalarAggregate {}\n{}", std::string(static_cast<size_t>(indent), ' '),
                     specs, child_->Describe(indent + 2));
}

}  // namespace tessera::vtgate
