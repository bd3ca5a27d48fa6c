// VAR_POP / VAR_SAMP / STDDEV_POP / STDDEV_SAMP (and their aliases VARIANCE,
// STD, STDDEV) merged from per-shard partials with the parallel algorithm
// (Chan et al.): each partial row brings COUNT(x), SUM(x) and VAR_POP(x) at
// full DOUBLE precision; the group's mean comes from the exactly added sums,
// and M2 = sum of (n_i * var_i + n_i * (mean_i - mean)^2). MariaDB computes in
// DOUBLE too (Welford's recurrence in row order), so the two agree to far
// more digits than the result's scale (argument scale + 4) shows, except for
// DOUBLE arguments, whose results are shown with all 17 digits.
// NULL when no row has a value; the sample forms are NULL for one row.
// CombineRows also leaves the unrounded value in the `m2` column (typed with
// the result's scale), for expressions computed over the variance.
#pragma once

#include <optional>
#include <span>

#include "common/result_set.h"
#include "vtgate/engine/result_column.h"

namespace tessera::vtgate {

struct VarianceSpec {
  bool sample = false;  // VAR_SAMP / STDDEV_SAMP: divide by n - 1
  bool root = false;    // STDDEV_*: the square root
  ResultColumn count;   // partial COUNT(x)
  ResultColumn sum;     // partial SUM(x)
  ResultColumn m2;      // partial VAR_POP(x) as a full-precision DOUBLE
};

// The merged value of `rows` (partials of one group); nullopt for NULL.
std::optional<double> MergeVariance(const std::vector<Field>& fields, std::span<const Row> rows,
                                    const VarianceSpec& spec);

// `value` as MariaDB writes a DOUBLE of `result`'s scale.
Value FormatVariance(std::optional<double> value, const Field& result);

}  // namespace tessera::vtgate
