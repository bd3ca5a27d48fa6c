#include "vtgate/engine/group_concat.h"

#include <algorithm>
#include <charconv>

#include "vtgate/engine/value_compare.h"

namespace tessera::vtgate {
namespace {

uint64_t ParseUnsigned(const Value& value, uint64_t fallback) {
  if (!value.has_value()) return fallback;
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  return ec == std::errc() ? n : fallback;
}

// Compares two rows on `keys` (each key's direction applies when `directed`).
int CompareOn(const std::vector<Field>& fields, const Row& a, const Row& b,
              const std::vector<SortKey>& keys, bool directed) {
  const size_t n = fields.size();
  for (const SortKey& key : keys) {
    const size_t col = key.value.Resolve(n);
    const Value* wa = key.has_weight ? &a[key.weight.Resolve(n)] : nullptr;
    const Value* wb = key.has_weight ? &b[key.weight.Resolve(n)] : nullptr;
    int c = CompareSortValues(fields[col], a[col], wa, b[col], wb);
    if (c != 0) return (directed && key.desc) ? -c : c;
  }
  return 0;
}

}  // namespace

bool IsUtf8Collation(uint16_t charset) {
  switch (charset) {
    case 33:  // utf8mb3_general_ci
    case 45:  // utf8mb4_general_ci
    case 46:  // utf8mb4_bin
    case 76:
    case 83:  // utf8mb3_bin
      return true;
    default:
      return (charset >= 192 && charset <= 247) || (charset >= 576 && charset <= 671) ||
             charset >= 2048;
  }
}

Value ConcatGroup(const std::vector<Field>& fields, std::span<const Row> rows,
                  const GroupConcatSpec& spec, uint16_t charset, bool& cut) {
  cut = false;
  const size_t n = fields.size();
  struct Entry {
    const Row* row;
    uint64_t times;
  };
  std::vector<Entry> entries;
  uint64_t max_length = kDefaultGroupConcatMaxLen;
  for (const Row& row : rows) {
    const bool has_null = std::any_of(spec.args.begin(), spec.args.end(), [&](const SortKey& arg) {
      return !row[arg.value.Resolve(n)].has_value();
    });
    if (has_null) continue;
    max_length = ParseUnsigned(row[spec.max_length.Resolve(n)], kDefaultGroupConcatMaxLen);
    entries.push_back(
        {&row, std::max<uint64_t>(1, ParseUnsigned(row[spec.multiplicity.Resolve(n)], 1))});
  }
  if (entries.empty()) return Value();
  if (spec.distinct) {
    std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
      return CompareOn(fields, *a.row, *b.row, spec.args, false) < 0;
    });
    std::vector<Entry> unique;
    for (const Entry& e : entries) {
      if (!unique.empty() && CompareOn(fields, *unique.back().row, *e.row, spec.args, false) == 0)
        continue;
      unique.push_back({e.row, 1});
    }
    entries = std::move(unique);
  }
  if (!spec.order.empty()) {
    std::stable_sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
      return CompareOn(fields, *a.row, *b.row, spec.order, true) < 0;
    });
  }
  std::string out;
  bool first = true;
  for (const Entry& e : entries) {
    std::string element;
    for (const SortKey& arg : spec.args) element += *(*e.row)[arg.value.Resolve(n)];
    for (uint64_t t = 0; t < e.times; ++t) {
      if (!first) out += spec.separator;
      first = false;
      out += element;
      if (out.size() > max_length) break;
    }
    if (out.size() > max_length) break;
  }
  if (out.size() > max_length) {
    size_t end = static_cast<size_t>(max_length);
    if (IsUtf8Collation(charset)) {
      // Back off to the first byte of the character the limit falls in.
      while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
    }
    out.resize(end);
    cut = true;
  }
  return out;
}

}  // namespace tessera::vtgate
