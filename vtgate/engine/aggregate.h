// Aggregates vtgate finishes from per-shard partial results. Shards run the
// aggregate on their rows (grouped like the query, plus by the DISTINCT
// argument when there is one); CombineRows folds the partial rows of one
// group into the row a single database would return:
//   COUNT        partial counts added
//   SUM          partials added exactly (DOUBLE ones as doubles); NULL when all are NULL
//   MIN / MAX    the smallest / largest partial by value or collation weight; the
//                weight column (when fetched) follows the chosen value
//   AVG          SUM partials / COUNT partials (`count` column), with MariaDB's
//                type: DECIMAL with 4 more fractional digits, DOUBLE for DOUBLE
//   BIT_AND / BIT_OR / BIT_XOR
//                partials (BIGINT UNSIGNED) combined with the same bit operation;
//                a shard without rows contributes the operation's identity
//                (all ones for AND, 0 for OR and XOR), as MariaDB returns it
//   COUNT / SUM / AVG (DISTINCT x)
//                the column holds x itself (COUNT(DISTINCT x, y, ...): the other
//                arguments are `more_args`); shards group by the arguments too,
//                and vtgate counts each distinct tuple (by value or weight) of
//                the group once, skipping tuples with a NULL
//   VAR_* / STDDEV_*
//                merged from COUNT, SUM and VAR_POP partials (variance.h); the
//                column holds the shard's own result, for its type
//   GROUP_CONCAT concatenated from finely grouped partial rows (group_concat.h);
//                the column holds the shard's own result, for its type
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "common/result_set.h"
#include "vtgate/engine/group_concat.h"
#include "vtgate/engine/result_column.h"
#include "vtgate/engine/variance.h"

namespace tessera::vtgate {

enum class AggregateKind {
  kCount,
  kSum,
  kMin,
  kMax,
  kAvg,
  kCountDistinct,
  kSumDistinct,
  kAvgDistinct,
  kBitAnd,
  kBitOr,
  kBitXor,
  kVariance,
  kGroupConcat,
};

struct AggregateSpec {
  AggregateKind kind = AggregateKind::kCount;
  SortKey column;                  // the partial (or DISTINCT argument); its weight orders text
  ResultColumn count;              // kAvg only: the partial COUNT of the same argument
  std::vector<SortKey> more_args;  // kCountDistinct: arguments after the first
  VarianceSpec variance;           // kVariance
  GroupConcatSpec concat;          // kGroupConcat
};

std::string_view AggregateName(AggregateKind kind);
bool IsDistinctAggregate(AggregateKind kind);

// Folds `rows` (partials of one group; may be empty) into one row with the
// shape of `fields`. Columns without an aggregate keep the first row's value
// (NULL when there is none). `cut` (when given) is set when a GROUP_CONCAT
// value was cut to @@group_concat_max_len.
Row CombineRows(const std::vector<Field>& fields, std::span<const Row> rows,
                const std::vector<AggregateSpec>& aggregates, bool* cut = nullptr);

// The column definitions of the combined rows: AVG and DISTINCT aggregates
// change the partial column's type to the aggregate's.
std::vector<Field> CombinedFields(std::vector<Field> fields,
                                  const std::vector<AggregateSpec>& aggregates);

}  // namespace tessera::vtgate
