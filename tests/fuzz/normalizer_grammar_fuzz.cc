// Fuzz target: the normalizer agrees with the grammar (sqlparser/normalizer.h:
// "Literals agree with the grammar"). vtgate's plan cache parses the
// normalized text and later binds values[i].sql in place of :v(i+1); if that
// text parses, it must mean the statement the client sent.
//
// Checked for every input the parser accepts and the normalizer rewrites:
// when the normalized text parses, formatting it with each bind variable
// replaced by its value's sql gives Format(Parse(input)), or text that
// formats the same once both go through the parser again. Normalized text that does not parse is
// allowed (vtgate then takes the uncached path with the original text).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlparser/format.h"
#include "sqlparser/normalizer.h"
#include "sqlparser/parser.h"
#include "tests/fuzz/fuzz_failure.h"
#include "tests/fuzz/known_issues.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tessera::fuzz::FuzzFailure;
  namespace sql = tessera::sql;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static sql::Parser parser;

  auto normalized = sql::Normalize(input);
  if (!normalized.ok() || !normalized->parameterized) return 0;
  auto original = parser.Parse(input);
  if (!original.ok()) return 0;
  const sql::Normalized& n = *normalized;
  auto cached = parser.Parse(n.text);
  if (!cached.ok()) return 0;

  bool unknown_bind_var = false;
  sql::FormatOptions options;
  options.bind_var = [&](const sql::ast::BindVar& b) -> std::string {
    size_t number = 0;
    if (b.name.size() < 2 || b.name[0] != 'v') {
      unknown_bind_var = true;
      return "NULL";
    }
    for (size_t i = 1; i < b.name.size(); ++i) {
      if (b.name[i] < '0' || b.name[i] > '9' || number > n.values.size()) {
        unknown_bind_var = true;
        return "NULL";
      }
      number = number * 10 + static_cast<size_t>(b.name[i] - '0');
    }
    if (number == 0 || number > n.values.size()) {
      unknown_bind_var = true;
      return "NULL";
    }
    return n.values[number - 1].sql;
  };
  const std::string bound = sql::Format(**cached, options);
  const std::string expected = sql::Format(**original);
  if (unknown_bind_var) {
    FuzzFailure("the normalized text names a bind variable that has no value",
                {{"input", input}, {"normalized", n.text}, {"bound", bound}});
  }
  if (bound == expected) return 0;
  // Literals may be spelled differently (x'0a' and X'0a'): compare both
  // statements once more through the parser.
  auto reparsed = parser.Parse(bound);
  if (!reparsed.ok()) {
    FuzzFailure("the normalized statement with its values bound does not parse",
                {{"input", input},
                 {"normalized", n.text},
                 {"bound", bound},
                 {"error", reparsed.error().message}});
  }
  auto expected_again = parser.Parse(expected);
  if (!expected_again.ok()) return 0;  // parser_fuzz's finding, not this target's
  const std::string got = sql::Format(**reparsed);
  const std::string want = sql::Format(**expected_again);
  if (got != want) {
    FuzzFailure("the normalized statement with its values bound means another statement",
                {{"input", input},
                 {"normalized", n.text},
                 {"bound", bound},
                 {"expected", want},
                 {"got", got}});
  }
  return 0;
}
