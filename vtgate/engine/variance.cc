#include "vtgate/engine/variance.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {
namespace {

constexpr uint8_t kNotFixedDecimals = 31;

double ToDouble(const std::string& text) {
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace

std::optional<double> MergeVariance(const std::vector<Field>& fields, std::span<const Row> rows,
                                    const VarianceSpec& spec) {
  const size_t n = fields.size();
  const size_t count_col = spec.count.Resolve(n);
  const size_t sum_col = spec.sum.Resolve(n);
  const size_t m2_col = spec.m2.Resolve(n);
  const bool floating_sum = fields[sum_col].type == FieldType::kDouble ||
                            fields[sum_col].type == FieldType::kFloat ||
                            !IsNumericType(fields[sum_col].type);
  struct Partial {
    double count;
    double mean;
    double m2;
  };
  std::vector<Partial> partials;
  uint64_t total = 0;
  std::optional<std::string> exact_sum;
  double float_sum = 0;
  for (const Row& row : rows) {
    uint64_t count = 0;
    if (const Value& c = row[count_col]; c.has_value())
      std::from_chars(c->data(), c->data() + c->size(), count);
    if (count == 0 || !row[sum_col].has_value() || !row[m2_col].has_value()) continue;
    total += count;
    const std::string& sum = *row[sum_col];
    if (floating_sum) {
      float_sum += ToDouble(sum);
    } else {
      exact_sum = exact_sum ? AddDecimalStrings(*exact_sum, sum) : sum;
    }
    const double dcount = static_cast<double>(count);
    partials.push_back({dcount, ToDouble(sum) / dcount, ToDouble(*row[m2_col]) * dcount});
  }
  if (total == 0 || (spec.sample && total == 1)) return std::nullopt;
  const double dtotal = static_cast<double>(total);
  const double mean = (floating_sum ? float_sum : ToDouble(*exact_sum)) / dtotal;
  double m2 = 0;
  for (const Partial& p : partials) {
    const double delta = p.mean - mean;
    m2 += p.m2 + p.count * delta * delta;
  }
  double value = total == 1 ? 0.0 : m2 / (spec.sample ? dtotal - 1 : dtotal);
  if (value < 0) value = 0;
  if (spec.root) value = std::sqrt(value);
  return value;
}

Value FormatVariance(std::optional<double> value, const Field& result) {
  if (!value) return Value();
  if (result.decimals >= kNotFixedDecimals) return FormatDouble(*value);
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(result.decimals), *value);
  return std::string(buf);
}

}  // namespace tessera::vtgate
