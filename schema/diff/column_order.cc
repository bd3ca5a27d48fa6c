#include "schema/diff/column_order.h"

#include <map>

namespace tessera::schema {

std::set<std::string> StableColumns(const std::vector<std::string>& from,
                                    const std::vector<std::string>& to) {
  // Both lists hold distinct names, so the LCS is the longest increasing
  // subsequence of the `from` positions taken in `to` order. O(n^2) is
  // plenty for column counts.
  std::map<std::string, size_t> from_position;
  for (size_t i = 0; i < from.size(); ++i) from_position[from[i]] = i;
  std::vector<size_t> seq;
  for (const auto& name : to) seq.push_back(from_position.at(name));
  const size_t n = seq.size();
  std::vector<size_t> length(n, 1);
  std::vector<long> previous(n, -1);
  size_t best = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (seq[j] < seq[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = static_cast<long>(j);
      }
    }
    if (length[i] > length[best]) best = i;
  }
  std::set<std::string> stable;
  if (n == 0) return stable;
  for (long i = static_cast<long>(best); i >= 0; i = previous[static_cast<size_t>(i)]) {
    stable.insert(to[static_cast<size_t>(i)]);
  }
  return stable;
}

}  // namespace tessera::schema
