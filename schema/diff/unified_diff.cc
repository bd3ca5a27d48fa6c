// UnifiedSchemaDiff: a line diff (LCS) of canonical CREATE TABLE texts.
#include <algorithm>
#include <cstdint>
#include <set>

#include "schema/diff/diff.h"

namespace tessera::schema {

namespace {
constexpr size_t kContext = 3;

struct Edit {
  char op;  // ' ', '-', '+'
  std::string line;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<Edit> LineEdits(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const size_t n = a.size();
  const size_t m = b.size();
  // lcs[i][j]: LCS length of a[i..] and b[j..].
  std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<Edit> out;
  size_t i = 0;
  size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back({' ', a[i++]});
      ++j;
    } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push_back({'-', a[i++]});
    } else {
      out.push_back({'+', b[j++]});
    }
  }
  return out;
}

std::string Range(size_t start, size_t count) {
  // Unified format: an empty range names the line before it.
  return std::to_string(count == 0 ? start : start + 1) + ',' + std::to_string(count);
}

std::string Hunks(const std::vector<Edit>& edits) {
  std::string out;
  size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].op == ' ') {
      ++k;
      continue;
    }
    // A hunk: from kContext lines before this change to kContext lines after
    // the last change that is at most 2*kContext unchanged lines further on.
    const size_t begin = k >= kContext ? k - kContext : 0;
    size_t last_change = k;
    size_t scan = k + 1;
    while (scan < edits.size()) {
      if (edits[scan].op != ' ') {
        last_change = scan;
      } else if (scan - last_change > 2 * kContext) {
        break;
      }
      ++scan;
    }
    const size_t end = std::min(edits.size(), last_change + kContext + 1);
    size_t a_start = 0;
    size_t b_start = 0;
    for (size_t e = 0; e < begin; ++e) {
      if (edits[e].op != '+') ++a_start;
      if (edits[e].op != '-') ++b_start;
    }
    size_t a_count = 0;
    size_t b_count = 0;
    std::string body;
    for (size_t e = begin; e < end; ++e) {
      if (edits[e].op != '+') ++a_count;
      if (edits[e].op != '-') ++b_count;
      body += edits[e].op + edits[e].line + '\n';
    }
    out += "@@ -" + Range(a_start, a_count) + " +" + Range(b_start, b_count) + " @@\n" + body;
    k = end;
  }
  return out;
}
}  // namespace

std::string UnifiedSchemaDiff(const Schema& from, const Schema& to) {
  std::set<std::string> names;
  for (const auto& [name, table] : from.tables) names.insert(name);
  for (const auto& [name, table] : to.tables) names.insert(name);
  std::string out;
  for (const auto& name : names) {
    const Table* a = from.FindTable(name);
    const Table* b = to.FindTable(name);
    const std::string a_text = a ? a->CreateStatement() : "";
    const std::string b_text = b ? b->CreateStatement() : "";
    if (a_text == b_text) continue;
    out += a ? "--- a/" + name + "\n" : std::string("--- /dev/null\n");
    out += b ? "+++ b/" + name + "\n" : std::string("+++ /dev/null\n");
    out += Hunks(LineEdits(Lines(a_text), Lines(b_text)));
  }
  return out;
}

}  // namespace tessera::schema
