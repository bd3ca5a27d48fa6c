// Fuzz target for sql::SplitStatements (sqlparser/statement_splitter.h).
//
// Checked for every input, from the header's contract:
// - no crash, hang or leak;
// - statements are non-empty views into the input, in order, without
//   overlap, trimmed of whitespace;
// - a statement holds no top-level `;` and is not blank, so splitting it
//   again gives exactly itself.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sqlparser/statement_splitter.h"
#include "tests/fuzz/fuzz_failure.h"
#include "tests/fuzz/known_issues.h"

namespace {

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using tessera::fuzz::FuzzFailure;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::vector<std::string_view> statements = tessera::sql::SplitStatements(input);
  const char* previous_end = input.data();
  for (const std::string_view s : statements) {
    if (s.empty() || IsBlank(s.front()) || IsBlank(s.back())) {
      FuzzFailure("a statement is empty or not trimmed", {{"input", input}, {"statement", s}});
    }
    if (s.data() < previous_end || s.data() + s.size() > input.data() + input.size()) {
      FuzzFailure("statements are not ordered views into the input",
                  {{"input", input}, {"statement", s}});
    }
    previous_end = s.data() + s.size();
    const std::vector<std::string_view> again = tessera::sql::SplitStatements(s);
    if (again.size() != 1 || again[0] != s) {
      const std::string count = std::to_string(again.size());
      FuzzFailure("splitting a statement again does not give itself",
                  {{"input", input}, {"statement", s}, {"pieces", count}});
    }
  }
  return 0;
}
