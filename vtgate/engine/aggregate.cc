#include "vtgate/engine/aggregate.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {
namespace {

constexpr uint8_t kMaxDecimalScale = 38;
constexpr uint8_t kNotFixedDecimals = 31;  // MariaDB's "no fixed scale" marker for DOUBLE
constexpr uint8_t kAvgScaleIncrement = 4;  // div_precision_increment

bool IsFloating(FieldType type) {
  return type == FieldType::kFloat || type == FieldType::kDouble;
}

// Sums decimals exactly or doubles as doubles; NULL while nothing was added.
class Sum {
 public:
  explicit Sum(bool floating) : floating_(floating) {}
  void Add(const std::string& value) {
    if (floating_) {
      dsum_ += std::strtod(value.c_str(), nullptr);
    } else {
      text_ = text_ ? AddDecimalStrings(*text_, value) : value;
    }
    any_ = true;
  }
  bool any() const { return any_; }
  bool floating() const { return floating_; }
  double as_double() const { return dsum_; }
  Value ToValue() const {
    if (!any_) return Value();
    return floating_ ? Value(FormatDouble(dsum_)) : Value(*text_);
  }
  std::string decimal_text() const { return text_.value_or("0"); }

 private:
  bool floating_;
  bool any_ = false;
  double dsum_ = 0;
  std::optional<std::string> text_;
};

uint64_t ToCount(const Value& v) {
  uint64_t n = 0;
  if (v.has_value()) std::from_chars(v->data(), v->data() + v->size(), n);
  return n;
}

std::string FixedDouble(double value, uint8_t decimals) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(decimals), value);
  return buf;
}

// AVG's value from an exact or floating sum; `field` is the argument's (or
// the SUM partial's) column definition.
Value Average(const Sum& sum, uint64_t count, const Field& field) {
  if (count == 0 || !sum.any()) return Value();
  if (sum.floating()) {
    const double avg = sum.as_double() / static_cast<double>(count);
    if (IsFloating(field.type) && field.decimals < kNotFixedDecimals) {
      return FixedDouble(
          avg, std::min<uint8_t>(field.decimals + kAvgScaleIncrement, kNotFixedDecimals - 1));
    }
    return FormatDouble(avg);
  }
  const size_t scale = std::min<size_t>(field.decimals + kAvgScaleIncrement, kMaxDecimalScale);
  return DivideDecimalByCount(sum.decimal_text(), count, scale);
}

// Whether DISTINCT aggregates over a column of `type` are computed as DOUBLE.
bool DistinctIsFloating(FieldType type) {
  return IsFloating(type) || !IsNumericType(type);
}

const Value* WeightOf(const Row& row, const SortKey& key, size_t n) {
  return key.has_weight ? &row[key.weight.Resolve(n)] : nullptr;
}

}  // namespace

std::string_view AggregateName(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::kCount:
      return "count";
    case AggregateKind::kSum:
      return "sum";
    case AggregateKind::kMin:
      return "min";
    case AggregateKind::kMax:
      return "max";
    case AggregateKind::kAvg:
      return "avg";
    case AggregateKind::kCountDistinct:
      return "count_distinct";
    case AggregateKind::kSumDistinct:
      return "sum_distinct";
    case AggregateKind::kAvgDistinct:
      return "avg_distinct";
    case AggregateKind::kBitAnd:
      return "bit_and";
    case AggregateKind::kBitOr:
      return "bit_or";
    case AggregateKind::kBitXor:
      return "bit_xor";
    case AggregateKind::kVariance:
      return "variance";
    case AggregateKind::kGroupConcat:
      return "group_concat";
  }
  return "?";
}

bool IsDistinctAggregate(AggregateKind kind) {
  return kind == AggregateKind::kCountDistinct || kind == AggregateKind::kSumDistinct ||
         kind == AggregateKind::kAvgDistinct;
}

Row CombineRows(const std::vector<Field>& fields, std::span<const Row> rows,
                const std::vector<AggregateSpec>& aggregates, bool* cut) {
  const size_t n = fields.size();
  if (cut != nullptr) *cut = false;
  Row out = rows.empty() ? Row(n) : rows.front();
  for (const AggregateSpec& spec : aggregates) {
    const size_t col = spec.column.value.Resolve(n);
    const Field& field = fields[col];
    switch (spec.kind) {
      case AggregateKind::kCount: {
        Sum total(false);
        total.Add("0");
        for (const Row& row : rows) {
          if (row[col].has_value()) total.Add(*row[col]);
        }
        out[col] = total.ToValue();
        break;
      }
      case AggregateKind::kSum: {
        Sum total(IsFloating(field.type));
        for (const Row& row : rows) {
          if (row[col].has_value()) total.Add(*row[col]);
        }
        out[col] = total.ToValue();
        break;
      }
      case AggregateKind::kMin:
      case AggregateKind::kMax: {
        const Row* best = nullptr;
        for (const Row& row : rows) {
          if (!row[col].has_value()) continue;
          if (best != nullptr) {
            const int c = CompareSortValues(field, row[col], WeightOf(row, spec.column, n),
                                            (*best)[col], WeightOf(*best, spec.column, n));
            if ((spec.kind == AggregateKind::kMin) ? c >= 0 : c <= 0) continue;
          }
          best = &row;
        }
        out[col] = best == nullptr ? Value() : (*best)[col];
        if (spec.column.has_weight) {
          const size_t w = spec.column.weight.Resolve(n);
          out[w] = best == nullptr ? Value() : (*best)[w];
        }
        break;
      }
      case AggregateKind::kAvg: {
        Sum total(IsFloating(field.type));
        uint64_t count = 0;
        const size_t count_col = spec.count.Resolve(n);
        for (const Row& row : rows) {
          if (row[col].has_value()) total.Add(*row[col]);
          count += ToCount(row[count_col]);
        }
        out[col] = Average(total, count, field);
        break;
      }
      case AggregateKind::kCountDistinct:
      case AggregateKind::kSumDistinct:
      case AggregateKind::kAvgDistinct: {
        Sum total(DistinctIsFloating(field.type));
        uint64_t count = 0;
        std::vector<SortKey> tuple{spec.column};
        tuple.insert(tuple.end(), spec.more_args.begin(), spec.more_args.end());
        std::vector<const Row*> present;
        for (const Row& row : rows) {
          const bool has_null = std::any_of(tuple.begin(), tuple.end(), [&](const SortKey& key) {
            return !row[key.value.Resolve(n)].has_value();
          });
          if (!has_null) present.push_back(&row);
        }
        auto compare = [&](const Row& a, const Row& b) {
          for (const SortKey& key : tuple) {
            const size_t c = key.value.Resolve(n);
            const int order =
                CompareSortValues(fields[c], a[c], WeightOf(a, key, n), b[c], WeightOf(b, key, n));
            if (order != 0) return order;
          }
          return 0;
        };
        std::stable_sort(present.begin(), present.end(),
                         [&](const Row* a, const Row* b) { return compare(*a, *b) < 0; });
        const Row* previous = nullptr;
        for (const Row* row : present) {
          if (previous != nullptr && compare(*previous, *row) == 0) continue;
          previous = row;
          ++count;
          total.Add(*(*row)[col]);
        }
        if (spec.kind == AggregateKind::kCountDistinct) {
          out[col] = std::to_string(count);
        } else if (spec.kind == AggregateKind::kSumDistinct) {
          out[col] = total.ToValue();
        } else {
          out[col] = Average(total, count, field);
        }
        break;
      }
      case AggregateKind::kVariance: {
        const std::optional<double> value = MergeVariance(fields, rows, spec.variance);
        out[col] = FormatVariance(value, field);
        out[spec.variance.m2.Resolve(n)] = value ? Value(FormatDouble(*value)) : Value();
        break;
      }
      case AggregateKind::kGroupConcat: {
        bool was_cut = false;
        out[col] = ConcatGroup(fields, rows, spec.concat, field.charset, was_cut);
        if (was_cut && cut != nullptr) *cut = true;
        break;
      }
      case AggregateKind::kBitAnd:
      case AggregateKind::kBitOr:
      case AggregateKind::kBitXor: {
        uint64_t bits = spec.kind == AggregateKind::kBitAnd ? ~uint64_t{0} : 0;
        for (const Row& row : rows) {
          if (!row[col].has_value()) continue;
          uint64_t partial = 0;
          const std::string& text = *row[col];
          std::from_chars(text.data(), text.data() + text.size(), partial);
          if (spec.kind == AggregateKind::kBitAnd) {
            bits &= partial;
          } else if (spec.kind == AggregateKind::kBitOr) {
            bits |= partial;
          } else {
            bits ^= partial;
          }
        }
        out[col] = std::to_string(bits);
        break;
      }
    }
  }
  return out;
}

std::vector<Field> CombinedFields(std::vector<Field> fields,
                                  const std::vector<AggregateSpec>& aggregates) {
  const size_t n = fields.size();
  for (const AggregateSpec& spec : aggregates) {
    Field& field = fields[spec.column.value.Resolve(n)];
    const bool floating =
        spec.kind == AggregateKind::kAvg ? IsFloating(field.type) : DistinctIsFloating(field.type);
    switch (spec.kind) {
      case AggregateKind::kCountDistinct:
        field.type = FieldType::kLongLong;
        field.decimals = 0;
        field.charset = kCharsetBinary;
        field.flags = static_cast<uint16_t>(field.flags | field_flag::kNotNull | field_flag::kNum);
        break;
      case AggregateKind::kAvg:
      case AggregateKind::kAvgDistinct:
      case AggregateKind::kSumDistinct: {
        const bool average = spec.kind != AggregateKind::kSumDistinct;
        if (!floating) {
          field.type = FieldType::kNewDecimal;
          if (average) {
            field.decimals =
                std::min<uint8_t>(field.decimals + kAvgScaleIncrement, kMaxDecimalScale);
          }
        } else if (IsFloating(field.type) && field.decimals < kNotFixedDecimals) {
          field.type = FieldType::kDouble;
          if (average) {
            field.decimals =
                std::min<uint8_t>(field.decimals + kAvgScaleIncrement, kNotFixedDecimals - 1);
          }
        } else {
          field.type = FieldType::kDouble;
          field.decimals = kNotFixedDecimals;
        }
        field.charset = kCharsetBinary;
        break;
      }
      case AggregateKind::kVariance: {
        Field& exact = fields[spec.variance.m2.Resolve(n)];
        exact.type = FieldType::kDouble;
        exact.decimals = field.decimals;
        break;
      }
      default:
        break;
    }
  }
  return fields;
}

}  // namespace tessera::vtgate
