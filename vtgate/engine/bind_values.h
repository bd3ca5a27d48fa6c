// Values a plan needs at execution time. A plan is built once and may run
// many times; anything that differs between runs (a literal the normalizer
// turned into a bind variable) is a ValueRef that resolves against the run's
// BindValues.
#pragma once

#include <string>
#include <vector>

#include "vtgate/vindexes/vindex.h"

namespace tessera::vtgate {

struct BindValue {
  VindexValue value;  // kind and raw (unquoted) text
  std::string sql;    // the value as SQL literal text, e.g. 'O''Brien' or 42
};

using BindValues = std::vector<BindValue>;

inline BindValue MakeBindValue(VindexValue::Kind kind, std::string text, std::string sql) {
  BindValue out;
  out.value.kind = kind;
  out.value.text = std::move(text);
  out.sql = std::move(sql);
  return out;
}

// A value known at plan time (`literal`) or taken from the run's bind values
// (`bind_index` >= 0).
struct ValueRef {
  int bind_index = -1;
  VindexValue literal;

  const VindexValue& Resolve(const BindValues& binds) const {
    return bind_index >= 0 ? binds[static_cast<size_t>(bind_index)].value : literal;
  }
};

// SQL text with holes for bind values: segments[0] bind[0] segments[1] ...
// Rendering concatenates, so running a cached plan does no formatting.
struct QueryTemplate {
  std::vector<std::string> segments;  // params.size() + 1 entries
  std::vector<int> params;            // bind index of each hole

  static QueryTemplate Literal(std::string sql) { return QueryTemplate{{std::move(sql)}, {}}; }
  std::string Render(const BindValues& binds) const {
    if (params.empty()) return segments[0];
    std::string out = segments[0];
    for (size_t i = 0; i < params.size(); ++i) {
      out += binds[static_cast<size_t>(params[i])].sql;
      out += segments[i + 1];
    }
    return out;
  }
};

}  // namespace tessera::vtgate
