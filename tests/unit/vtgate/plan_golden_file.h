// PlanGoldenFile: the text format of the golden plan files in plans/*.txt
// (described in plans/README.md). A file is a list of blocks separated by
// blank lines; a case block is
//   # what the case shows          comment lines; the first names the case
//   @keyspace commerce             optional directives (see PlanCase)
//   select ...                     the statement, one line
//   Route ...                      the expected plan: what Describe prints,
//                                  or "ERROR <errno> (<sqlstate>): <message>"
// A block of comment lines only is kept as it is (file and section notes).
//
// Contract: FormatPlanGoldenFile(ParsePlanGoldenFile(text), the expected
// plans) reproduces `text` up to trailing blank lines, so a file rewritten
// with new plans keeps its comments, directives and case order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace tessera::vtgate::testing {

struct PlanCase {
  std::vector<std::string> header;  // comment (#) and directive (@) lines, verbatim
  std::string query;                // empty: a block of comments only
  std::string expected;             // the plan lines, each ending in '\n'; "" if none yet
  size_t line = 0;                  // 1-based line of the block's first line
  // Directives. `@keyspace <name>` is the session's keyspace ("@keyspace"
  // alone: none selected); `@binds <n>` plans normalized text whose
  // :v1..:v<n> are bind variables; `@last_insert_id <n>` and
  // `@connection_id <n>` are the session's values.
  std::string keyspace = "customer";
  size_t bind_count = 0;
  uint64_t last_insert_id = 0;
  uint32_t connection_id = 0;

  bool is_case() const { return !query.empty(); }
  // The first comment line without its "# ", else the query.
  std::string Name() const;
};

// Fails (naming the line) on an unknown directive, a directive after the
// query, or a block whose query is missing.
Result<std::vector<PlanCase>> ParsePlanGoldenFile(std::string_view text);

// The file text with `plans[i]` as the plan of `blocks[i]` (ignored for
// comment-only blocks); `plans` has one entry per block.
std::string FormatPlanGoldenFile(const std::vector<PlanCase>& blocks,
                                 const std::vector<std::string>& plans);

}  // namespace tessera::vtgate::testing
