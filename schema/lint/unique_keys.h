// Row-identifying keys, as an online table copy needs them: the primary key
// or a UNIQUE key whose columns are all NOT NULL.
#pragma once

#include <vector>

#include "schema/model/table.h"

namespace tessera::schema {

// The keys of `table` that identify a row, primary key first.
std::vector<const Index*> RowIdentifyingKeys(const Table& table);
// True when `a` and `b` (row-identifying keys of the old and new table) have
// the same columns in the same order.
bool SameKeyColumns(const Index& a, const Index& b);
// True when uniqueness of `existing` already implies uniqueness of
// `candidate`: every part of `existing` is covered by a part of `candidate`
// on the same column with no shorter prefix.
bool UniquenessImplied(const Index& existing, const Index& candidate);

}  // namespace tessera::schema
