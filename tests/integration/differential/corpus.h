// The differential corpus: queries, one per line, each run against every
// keyspace with `{k}` replaced by the keyspace name. A query may be preceded
// by directives:
//   -- ordered     rows are compared in order (ORDER BY fixes it fully);
//                  otherwise they are compared as multisets
//   -- error N     the sharded keyspaces must refuse the query with errno N
//                  (what vtgate does not support); the unsharded answer is
//                  not compared
// Lines starting with `#` are comments; blank lines are ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace tessera::testing {

struct CorpusQuery {
  int line = 0;  // 1-based line of the query in the corpus
  std::string sql;
  bool ordered = false;
  std::optional<unsigned> expected_error;
};

// Parses corpus text. Unknown directives, a directive not followed by a
// query, `-- ordered` on an expected error and a query without `{k}` are
// errors naming the line.
Result<std::vector<CorpusQuery>> ParseCorpus(const std::string& text);

// `sql` with every `{k}` replaced by `keyspace`.
std::string InKeyspace(std::string sql, const std::string& keyspace);

}  // namespace tessera::testing
