// Which columns an ALTER TABLE can leave in place when reordering: a longest
// common subsequence of the two column orders (of the columns both tables
// have). Every other common column must be moved with FIRST/AFTER.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace tessera::schema {

// `from` and `to` list the same names (compared exactly), in the two orders.
// Returns the names of one longest subsequence common to both.
std::set<std::string> StableColumns(const std::vector<std::string>& from,
                                    const std::vector<std::string>& to);

}  // namespace tessera::schema
