// GROUP_CONCAT finished in vtgate, with MariaDB's semantics. Shards do not
// concatenate: they group finely enough (by the call's arguments and ORDER BY
// keys, byte for byte) that each partial row stands for `multiplicity`
// identical source rows, and ConcatGroup builds the value from the partial
// rows of one group:
//   - a row with any NULL argument is skipped; no row left gives NULL;
//   - the arguments of one row are concatenated without separator;
//   - DISTINCT keeps one row per distinct argument tuple (text compared by
//     collation weight, so 'a' and 'A' are one under a _ci collation);
//   - ORDER BY keys (each ASC or DESC, NULL first ascending) order the rows;
//     ties and the order without ORDER BY are unspecified, as in MariaDB;
//   - SEPARATOR (default ",") goes between rows;
//   - the result is cut to @@group_concat_max_len bytes (the shard reports
//     the session's value in `max_length`), backing off to a character
//     boundary for UTF-8; `cut` tells the caller to warn (1260).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/result_set.h"
#include "vtgate/engine/result_column.h"

namespace tessera::vtgate {

inline constexpr uint64_t kDefaultGroupConcatMaxLen = 1048576;

struct GroupConcatSpec {
  std::vector<SortKey> args;   // concatenated per row; weights compare them for DISTINCT
  std::vector<SortKey> order;  // ORDER BY inside the call
  bool distinct = false;
  std::string separator = ",";
  ResultColumn multiplicity;  // COUNT(*) of the partial row
  ResultColumn max_length;    // @@group_concat_max_len as the shard saw it
};

// The GROUP_CONCAT of `rows` (the partial rows of one group), whose columns
// are described by `fields`; `charset` is the result column's.
Value ConcatGroup(const std::vector<Field>& fields, std::span<const Row> rows,
                  const GroupConcatSpec& spec, uint16_t charset, bool& cut);

// Whether `charset` (a collation id) encodes UTF-8.
bool IsUtf8Collation(uint16_t charset);

}  // namespace tessera::vtgate
