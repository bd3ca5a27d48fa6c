#include "tests/integration/differential/corpus.h"

#include <charconv>
#include <sstream>

namespace tessera::testing {
namespace {

Error AtLine(int line, const std::string& what) {
  return Error::Internal("corpus line " + std::to_string(line) + ": " + what);
}

std::string Trimmed(const std::string& s) {
  const size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const size_t end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

}  // namespace

Result<std::vector<CorpusQuery>> ParseCorpus(const std::string& text) {
  std::vector<CorpusQuery> out;
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  CorpusQuery pending;
  bool has_directive = false;
  int directive_line = 0;
  while (std::getline(in, raw)) {
    ++line;
    const std::string s = Trimmed(raw);
    if (s.empty() || s.front() == '#') continue;
    if (s.rfind("--", 0) == 0) {
      const std::string directive = Trimmed(s.substr(2));
      if (directive == "ordered") {
        pending.ordered = true;
      } else if (directive.rfind("error ", 0) == 0) {
        const std::string number = Trimmed(directive.substr(6));
        unsigned code = 0;
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), code);
        if (ec != std::errc() || end != number.data() + number.size() || code == 0)
          return AtLine(line, "bad errno in '" + s + "'");
        pending.expected_error = code;
      } else {
        return AtLine(line, "unknown directive '" + s + "'");
      }
      has_directive = true;
      directive_line = line;
      continue;
    }
    if (s.find("{k}") == std::string::npos) return AtLine(line, "query without {k}");
    if (pending.ordered && pending.expected_error)
      return AtLine(line, "a query expected to fail cannot be ordered");
    pending.line = line;
    pending.sql = s;
    out.push_back(std::move(pending));
    pending = CorpusQuery{};
    has_directive = false;
  }
  if (has_directive) return AtLine(directive_line, "directive without a query after it");
  return out;
}

std::string InKeyspace(std::string sql, const std::string& keyspace) {
  for (size_t at = sql.find("{k}"); at != std::string::npos;
       at = sql.find("{k}", at + keyspace.size())) {
    sql.replace(at, 3, keyspace);
  }
  return sql;
}

}  // namespace tessera::testing
